package dev.tinytorch.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.io.Checkpoint;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.nn.optim.CosineAnnealingLR;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Issue 11's resume rule through a file: 3 epochs, saveCheckpoint, a fresh model (other initial weights),
 * optimizer, schedule, loader and trainer, resume, 2 epochs equals 5 epochs straight, bit for bit.
 */
class TrainerCheckpointTest {
  private static final TensorDataset TRAIN = Blobs.dataset(256, 1);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void threeEpochsSaveLoadTwoMoreEqualsFiveBitForBit(DType dtype) throws IOException {
    Setup straight = new Setup(5, dtype);
    History all = straight.trainer.fit(straight.loader, 5);

    Setup first = new Setup(5, dtype);
    first.trainer.fit(first.loader, 3);
    Path file = dir.resolve("epoch3.safetensors");
    first.trainer.saveCheckpoint(file, Map.of("run", "blobs"));
    assertEquals("3", Checkpoint.metadata(file).get(Trainer.EPOCH_KEY));

    Setup resumed = new Setup(77, dtype);   // other initial weights: the file must overwrite all of them
    Map<String, String> meta = resumed.trainer.resume(file);
    assertEquals("blobs", meta.get("run"));
    assertEquals(3, resumed.trainer.epoch());
    History rest = resumed.trainer.fit(resumed.loader, 2);
    assertEquals(List.of(4, 5), rest.epochs());
    assertEquals(all.trainLoss().subList(3, 5), rest.trainLoss(), "per-epoch losses");
    assertEquals(all.lr().subList(3, 5), rest.lr(), "the cosine schedule continues");
    assertSameState(straight, resumed);
  }

  @Test
  void aFileWithoutTheEpochOrForAnotherModelChangesNothing() throws IOException {
    Setup source = new Setup(5, DType.FLOAT32);
    Path plain = dir.resolve("plain.safetensors");
    Checkpoint.save(plain, source.model, source.optimizer, Map.of());
    Setup target = new Setup(9, DType.FLOAT32);
    target.trainer.fit(target.loader, 1);
    Map<String, Tensor> before = snapshot(target);
    double lr = target.optimizer.lr();
    IOException noEpoch = assertThrows(IOException.class, () -> target.trainer.resume(plain));
    assertTrue(noEpoch.getMessage().contains("'epoch' is missing") && noEpoch.getMessage().contains("setEpoch"),
        noEpoch.getMessage());

    Sequential wider = new Sequential(new dev.tinytorch.nn.Linear(Blobs.FEATURES, 32), new dev.tinytorch.nn.ReLU(),
        new dev.tinytorch.nn.Linear(32, Blobs.CLASSES));
    Optimizer wideOpt = Adam.builder(wider.parameters()).lr(0.05).build();
    Trainer wideTrainer = Trainer.builder(wider, wideOpt, new CrossEntropyLoss()).progress(false).build();
    wideTrainer.setEpoch(4);
    Path other = dir.resolve("wide.safetensors");
    wideTrainer.saveCheckpoint(other, null);
    IllegalArgumentException shape = assertThrows(IllegalArgumentException.class, () -> target.trainer.resume(other));
    assertTrue(shape.getMessage().contains("[8, 32]"), shape.getMessage());
    assertEquals(1, target.trainer.epoch(), "epoch count restored after the refusal");
    assertEquals(lr, target.optimizer.lr(), 0.0, "learning rate restored after the refusal");
    snapshot(target).forEach((k, t) -> assertArrayEquals(before.get(k).toDoubleArray(), t.toDoubleArray(), 0.0, k));
  }

  private static Map<String, Tensor> snapshot(Setup s) {
    Map<String, Tensor> all = new java.util.LinkedHashMap<>();
    s.model.stateDict().forEach((k, t) -> all.put("model." + k, t.contiguous().clone()));
    s.optimizer.stateDict().forEach((k, t) -> all.put("optimizer." + k, t.contiguous().clone()));
    return all;
  }

  private static void assertSameState(Setup a, Setup b) {
    Map<String, Tensor> sa = snapshot(a);
    Map<String, Tensor> sb = snapshot(b);
    assertEquals(sa.keySet(), sb.keySet());
    sa.forEach((k, t) -> assertArrayEquals(t.toDoubleArray(), sb.get(k).toDoubleArray(), 0.0, k));
  }

  /** A model from {@code initSeed}, Adam, a cosine schedule and a loader shuffled from seed 21. */
  private static final class Setup {
    final Module model;
    final Optimizer optimizer;
    final DataLoader loader;
    final Trainer trainer;

    Setup(long initSeed, DType dtype) {
      model = Blobs.mlp(initSeed).to(dtype);
      optimizer = Adam.builder(model.parameters()).lr(0.05).weightDecay(1e-3).build();
      TensorDataset data = new TensorDataset(TRAIN.inputs().to(dtype), TRAIN.targets().to(dtype));
      loader = DataLoader.builder(data).batchSize(40).shuffle(21).build();
      trainer = Trainer.builder(model, optimizer, new CrossEntropyLoss())
          .scheduler(new CosineAnnealingLR(optimizer, 5, 1e-3)).clipGradNorm(1.0).progress(false).build();
    }
  }
}
