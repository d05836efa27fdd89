package dev.tinytorch.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.nn.optim.LRScheduler;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.nn.optim.StepLR;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Trainer end to end: a small model learns, fit twice equals fit once bit for bit, resume, progress lines. */
class TrainerTest {
  private static final TensorDataset TRAIN = Blobs.dataset(256, 1);
  private static final TensorDataset TEST = Blobs.dataset(128, 2);

  @Test
  void aSmallMlpLearnsSeparableBlobsThroughTheApiExample() {
    Sequential model = Blobs.mlp(7);
    Optimizer optimizer = SGD.builder(model.parameters()).lr(0.1).momentum(0.9).build();
    LRScheduler s = new StepLR(optimizer, 4, 0.5);
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    Trainer trainer = Trainer.builder(model, optimizer, new CrossEntropyLoss())
        .scheduler(s).clipGradNorm(1.0).progress(true).progressOutput(new PrintStream(lines, true, StandardCharsets.UTF_8))
        .build();
    DataLoader train = DataLoader.builder(TRAIN).batchSize(32).shuffle(42).build();
    DataLoader test = DataLoader.builder(TEST).batchSize(64).build();
    History h = trainer.fit(train, test, 8);

    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), h.epochs());
    assertEquals(8, trainer.epoch());
    assertEquals(List.of(0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.05), h.lr(), "StepLR stepped once per epoch");
    assertTrue(h.trainLoss().get(7) < h.trainLoss().get(0) / 4, "loss falls: " + h.trainLoss());
    assertTrue(h.validationAccuracy().get(7) >= 0.95, "validation accuracy " + h.validationAccuracy());
    assertTrue(h.trainAccuracy().get(7) >= 0.95, "train accuracy " + h.trainAccuracy());
    Evaluation e = trainer.evaluate(test);
    assertEquals(128, e.samples());
    assertEquals(h.validationLoss().get(7), e.loss(), 0.0, "evaluate is what validation measured");
    assertEquals(h.validationAccuracy().get(7), e.accuracy(), 0.0);
    String[] printed = lines.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(8, printed.length, "one plain line per epoch to a stream that is not a terminal");
    assertTrue(printed[0].startsWith("epoch 1/8  train loss "), printed[0]);
  }

  @Test
  void fitTwiceEqualsFitOnceWithTheEpochsSummedBitForBit() {
    Run once = new Run(9);
    History all = once.trainer.fit(once.loader, 5);
    Run twice = new Run(9);
    History first = twice.trainer.fit(twice.loader, 3);
    assertEquals(3, twice.trainer.epoch());
    History second = twice.trainer.fit(twice.loader, 2);
    assertEquals(List.of(4, 5), second.epochs(), "the epoch count continues");
    assertEquals(all.trainLoss(), concat(first.trainLoss(), second.trainLoss()));
    assertEquals(all.lr(), concat(first.lr(), second.lr()));
    assertSameWeights(once.model, twice.model);
  }

  @Test
  void aFreshTrainerPositionedWithSetEpochResumesExactly() {
    Run once = new Run(11);
    History all = once.trainer.fit(once.loader, 5);
    Run before = new Run(11);
    before.trainer.fit(before.loader, 3);
    // What a checkpoint carries: the weights, the optimizer state and the epoch; everything else new.
    Run after = new Run(11);
    after.model.loadStateDict(before.model.stateDict());
    after.optimizer.loadStateDict(before.optimizer.stateDict());
    after.trainer.setEpoch(3);
    assertEquals(once.optimizerLrAt(3), after.optimizer.lr(), 0.0, "setEpoch positions the scheduler");
    History rest = after.trainer.fit(after.loader, 2);
    assertEquals(List.of(4, 5), rest.epochs());
    assertEquals(all.trainLoss().subList(3, 5), rest.trainLoss());
    assertSameWeights(once.model, after.model);
  }

  @Test
  void progressPrintsOnePlainLinePerEpochMatchingTheHistoryAndNothingWhenOff() {
    Run run = new Run(3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Trainer trainer = Trainer.builder(run.model, run.optimizer, new CrossEntropyLoss()).scheduler(run.scheduler)
        .progressOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8)).build();
    DataLoader test = DataLoader.builder(TEST).batchSize(64).build();
    History h = trainer.fit(run.loader, test, 2);
    String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
    assertEquals(2, lines.length);
    for (int i = 0; i < 2; i++) {
      String expected = String.format(java.util.Locale.ROOT,
          "epoch %d/2  train loss %.4f  acc %.2f %%  val loss %.4f  acc %.2f %%  lr %s  %.2f s", i + 1,
          h.trainLoss().get(i), 100 * h.trainAccuracy().get(i), h.validationLoss().get(i),
          100 * h.validationAccuracy().get(i), "0.05", h.seconds().get(i));
      assertEquals(expected, lines[i]);
    }
    ByteArrayOutputStream silent = new ByteArrayOutputStream();
    Run quiet = new Run(3);
    Trainer.builder(quiet.model, quiet.optimizer, new CrossEntropyLoss()).progress(false)
        .progressOutput(new PrintStream(silent, true, StandardCharsets.UTF_8)).build().fit(quiet.loader, 2);
    assertEquals(0, silent.size(), "progress(false) prints nothing");
    bytes.reset();
    Run noValidation = new Run(3);
    Trainer.builder(noValidation.model, noValidation.optimizer, new CrossEntropyLoss())
        .progressOutput(new PrintStream(bytes, true, StandardCharsets.UTF_8)).build().fit(noValidation.loader, 1);
    String line = bytes.toString(StandardCharsets.UTF_8).trim();
    assertTrue(line.matches("epoch 1/1  train loss \\d\\.\\d{4}  acc \\d+\\.\\d{2} %  lr 0\\.05  \\d+\\.\\d{2} s"), line);
  }

  @Test
  void ratesPrintWithFourSignificantDigitsAtMost() {
    assertEquals("0.1", Progress.rate(0.1));
    assertEquals("0.05", Progress.rate(0.1 * 0.5));
    assertEquals("0.003162", Progress.rate(Math.sqrt(1e-5)));
    assertEquals("1e-05", Progress.rate(1e-5));
    assertEquals("3.5e-07", Progress.rate(3.5e-7));
    assertEquals("0", Progress.rate(0));
    assertEquals("12.35", Progress.rate(12.3456));
  }

  private static void assertSameWeights(Module a, Module b) {
    Map<String, Tensor> wa = a.stateDict();
    Map<String, Tensor> wb = b.stateDict();
    assertEquals(wa.keySet(), wb.keySet());
    wa.forEach((k, t) -> assertArrayEquals(t.toDoubleArray(), wb.get(k).toDoubleArray(), 0.0, k));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** A model, Adam with a step schedule and clipping, and a shuffled loader, all from fixed seeds. */
  static final class Run {
    final Sequential model = Blobs.mlp(5);
    final Optimizer optimizer = Adam.builder(model.parameters()).lr(0.05).build();
    final LRScheduler scheduler = new StepLR(optimizer, 2, 0.5);
    final DataLoader loader;
    final Trainer trainer;

    Run(long loaderSeed) {
      loader = DataLoader.builder(TRAIN).batchSize(48).shuffle(loaderSeed).build();
      trainer = Trainer.builder(model, optimizer, new CrossEntropyLoss()).scheduler(scheduler).clipGradNorm(0.5)
          .progress(false).build();
    }

    double optimizerLrAt(int epoch) {
      return 0.05 * Math.pow(0.5, epoch / 2);
    }
  }

  static List<Batch> batches(TensorDataset data, int... sizes) {
    List<Batch> out = new ArrayList<>();
    int from = 0;
    for (int size : sizes) {
      int[] idx = new int[size];
      for (int i = 0; i < size; i++) {
        idx[i] = from + i;
      }
      out.add(data.get(idx));
      from += size;
    }
    assertFalse(from > data.size());
    return out;
  }

  static TensorDataset float64(int n) {
    return Blobs.dataset(n, 3, DType.FLOAT64);
  }
}
