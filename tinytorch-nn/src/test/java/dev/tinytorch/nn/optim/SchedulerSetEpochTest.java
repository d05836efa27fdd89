package dev.tinytorch.nn.optim;

import static dev.tinytorch.nn.optim.OptimizerParityTest.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Schedules positioned with setEpoch, as a resumed run does, give the rates of the same number of steps. */
class SchedulerSetEpochTest {
  private static final List<Function<Optimizer, EpochScheduler>> MAKERS = List.of(
      o -> new StepLR(o, 3, 0.5),
      o -> new ExponentialLR(o, 0.9),
      o -> new CosineAnnealingLR(o, 10, 0.001),
      o -> new LinearWarmup(o, 4, 0.25),
      o -> new CosineSchedule(o, 0.1, 0.01, 8));

  @Test
  void setEpochEqualsThatManyStepsAndTheStepsAfter() {
    for (Function<Optimizer, EpochScheduler> make : MAKERS) {
      Optimizer a = new SGD(weights(DType.FLOAT64), 0.1);
      EpochScheduler stepped = make.apply(a);
      for (int i = 0; i < 7; i++) {
        stepped.step();
      }
      Optimizer b = new SGD(weights(DType.FLOAT64), 0.1);
      EpochScheduler jumped = make.apply(b);
      double first = b.lr();
      jumped.setEpoch(7);
      String name = stepped.getClass().getSimpleName();
      assertEquals(7, jumped.epoch(), name);
      assertEquals(stepped.lastLr(), jumped.lastLr(), 0.0, name);
      assertEquals(a.lr(), b.lr(), 0.0, name + ": the optimizer gets the rate");
      stepped.step();
      jumped.step();
      assertEquals(a.lr(), b.lr(), 0.0, name + ": and the next step");
      jumped.setEpoch(0);
      assertEquals(first, b.lr(), 0.0, name + ": back to the start");
    }
  }

  @Test
  void setEpochRefusesANegativeEpochAndLeavesTheRate() {
    Optimizer opt = new SGD(weights(DType.FLOAT64), 0.1);
    StepLR s = new StepLR(opt, 1, 0.5);
    s.step();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.setEpoch(-2));
    assertTrue(e.getMessage().contains("StepLR.setEpoch: epoch -2"), e.getMessage());
    assertEquals(0.05, opt.lr(), 0.0);
    assertEquals(1, s.epoch());
  }

  @Test
  void aScheduleWithoutSetEpochSaysSo() {
    LRScheduler custom = new LRScheduler() {
      @Override
      public void step() {}

      @Override
      public double lastLr() {
        return 0;
      }
    };
    UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, () -> custom.setEpoch(2));
    assertTrue(e.getMessage().contains("epoch 2"), e.getMessage());
  }
}
