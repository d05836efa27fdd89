package dev.tinytorch.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.nn.optim.StepLR;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Listeners see every step and epoch with the right counts, in order, with the trainer's state after the epoch. */
class TrainerListenerTest {
  @Test
  void listenersReceiveEveryStepAndEpochWithTheirCounts() {
    Sequential model = Blobs.mlp(2);
    Optimizer opt = new SGD(model.parameters(), 0.1);
    List<StepInfo> steps = new ArrayList<>();
    List<EpochInfo> epochs = new ArrayList<>();
    List<String> order = new ArrayList<>();
    Trainer[] self = new Trainer[1];
    List<Object[]> stateInOnEpoch = new ArrayList<>();
    TrainingListener recorder = new TrainingListener() {
      @Override
      public void onStep(StepInfo s) {
        steps.add(s);
        order.add("a");
      }

      @Override
      public void onEpoch(EpochInfo e) {
        epochs.add(e);
        stateInOnEpoch.add(new Object[] {self[0].epoch(), opt.lr()});
      }
    };
    TrainingListener second = new TrainingListener() {
      @Override
      public void onStep(StepInfo s) {
        order.add("b");
      }
    };
    // 100 samples, batches of 10: 10 micro-batches, groups of 3 -> steps of 3, 3, 3, 1 batches
    DataLoader loader = DataLoader.builder(Blobs.dataset(100, 5)).batchSize(10).shuffle(1).build();
    self[0] = Trainer.builder(model, opt, new CrossEntropyLoss()).scheduler(new StepLR(opt, 1, 0.5))
        .accumulationSteps(3).clipGradNorm(10).listener(recorder).listener(second).progress(false).build();
    History h = self[0].fit(loader, DataLoader.builder(Blobs.dataset(20, 6)).batchSize(20).build(), 3);

    assertEquals(12, steps.size(), "4 steps in each of 3 epochs");
    assertEquals(3, epochs.size());
    for (int i = 0; i < 12; i++) {
      StepInfo s = steps.get(i);
      assertEquals(i / 4 + 1, s.epoch());
      assertEquals(i % 4 + 1, s.step());
      assertEquals(i + 1, s.globalStep());
      assertEquals(i % 4 == 3 ? 1 : 3, s.batches());
      assertEquals(i % 4 == 3 ? 10 : 30, s.samples());
      assertEquals(0.1 * Math.pow(0.5, i / 4), s.lr(), 1e-15);
      assertTrue(Double.isFinite(s.loss()) && s.gradNorm() > 0, s.toString());
    }
    for (int e = 0; e < 3; e++) {
      EpochInfo info = epochs.get(e);
      assertEquals(e + 1, info.epoch());
      assertEquals(3, info.lastEpoch());
      assertEquals(4, info.steps());
      assertEquals(100, info.samples());
      assertEquals(h.rows().get(e), info, "the history holds what listeners saw");
      double weighted = 0;
      for (StepInfo s : steps.subList(4 * e, 4 * e + 4)) {
        weighted += s.loss() * s.samples();
      }
      assertEquals(weighted / 100, info.trainLoss(), 1e-6, "the epoch loss is the samples-weighted step loss");
      assertTrue(!Double.isNaN(info.validationLoss()) && !Double.isNaN(info.validationAccuracy()));
      assertEquals(e + 1, stateInOnEpoch.get(e)[0], "onEpoch sees the epoch counted");
      assertEquals(0.1 * Math.pow(0.5, e + 1), (double) stateInOnEpoch.get(e)[1], 1e-15, "and the scheduler stepped");
    }
    for (int i = 0; i < order.size(); i += 2) {
      assertEquals(List.of("a", "b"), order.subList(i, i + 2), "listeners in the order added");
    }
  }

  @Test
  void withoutNormClippingTheStepHasNoNorm() {
    Sequential model = Blobs.mlp(2);
    List<StepInfo> steps = new ArrayList<>();
    Trainer.builder(model, new SGD(model.parameters(), 0.1), new CrossEntropyLoss()).progress(false)
        .listener(new TrainingListener() {
          @Override
          public void onStep(StepInfo s) {
            steps.add(s);
          }
        }).build().fit(DataLoader.builder(Blobs.dataset(16, 5)).batchSize(8).build(), 1);
    assertEquals(2, steps.size());
    assertTrue(Double.isNaN(steps.get(0).gradNorm()));
    assertEquals(1, steps.get(1).batches());
  }
}
