package dev.tinytorch.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Loss;
import dev.tinytorch.nn.Reduction;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.optim.LRScheduler;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.tensor.Tensor;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Refused calls name the component, the values and the fix, and leave the model and the trainer as they were. */
class TrainerBadInputTest {
  private final Sequential model = Blobs.mlp(3);
  private final Optimizer opt = new SGD(model.parameters(), 0.1);
  private final DataLoader loader = DataLoader.builder(Blobs.dataset(32, 1)).batchSize(8).build();

  private Trainer trainer(Loss loss) {
    return Trainer.builder(model, opt, loss).progress(false).build();
  }

  @Test
  void negativeEpochsAndEmptyDataAreRefused() {
    Trainer t = trainer(new CrossEntropyLoss());
    assertMessage(IllegalArgumentException.class, () -> t.fit(loader, -1), "epochs -1 must be >= 0");
    assertEquals(0, t.fit(loader, 0).size(), "zero epochs: an empty history");
    double[] before = model.parameters().get(0).toDoubleArray();
    assertMessage(IllegalArgumentException.class, () -> t.fit(List.of(), 2), "no batches in epoch 1");
    DataLoader tooFew = DataLoader.builder(Blobs.dataset(5, 1)).batchSize(8).dropLast(true).build();
    assertMessage(IllegalArgumentException.class, () -> t.fit(tooFew, 1), "dropLast");
    assertMessage(IllegalArgumentException.class, () -> t.evaluate(List.of()), "Trainer.evaluate: the data has no batches");
    assertMessage(IllegalArgumentException.class, () -> t.fit(loader, List.of(), 1), "the validation data has no samples");
    assertArrayEquals(before, model.parameters().get(0).toDoubleArray(), 0.0, "untouched by the refusals");
    Iterator<Batch> once = loader.iterator();
    Iterable<Batch> oneShot = () -> once;
    assertMessage(IllegalArgumentException.class, () -> t.fit(oneShot, 2), "no batches in epoch 2");
    assertEquals(1, t.epoch(), "the completed epoch counts; the refused one does not");
  }

  @Test
  void aNanLossStopsNamingEpochAndStepBeforeTheStep() {
    double[][] afterStep = new double[1][];
    Trainer t = Trainer.builder(model, opt, new CrossEntropyLoss()).progress(false)
        .listener(new TrainingListener() {
          @Override
          public void onStep(StepInfo s) {
            afterStep[0] = model.parameters().get(0).toDoubleArray();
          }
        }).build();
    Batch clean = Blobs.dataset(8, 1).get(0, 1, 2, 3, 4, 5, 6, 7);
    Batch poisoned = new Batch(clean.inputs().mul(Double.NaN), clean.targets());
    t.fit(List.of(clean), 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> t.fit(List.of(clean, poisoned), 1));
    assertTrue(e.getMessage().contains("the loss is NaN at epoch 2, step 2"), e.getMessage());
    assertTrue(e.getMessage().contains("lower the learning rate") && e.getMessage().contains("check the inputs"),
        e.getMessage());
    assertEquals(1, t.epoch(), "the failed epoch is not counted");
    assertTrue(model.isTraining());
    assertArrayEquals(afterStep[0], model.parameters().get(0).toDoubleArray(), 0.0, "the NaN step changed nothing");
    assertNull(model.parameters().get(0).grad(), "no half-accumulated gradient left behind");
  }

  @Test
  void aLossThatIsNotAScalarAndShapeMismatchesAreTheLossesMessages() {
    Trainer none = trainer(new CrossEntropyLoss(Reduction.NONE));
    assertMessage(IllegalArgumentException.class, () -> none.fit(loader, 1),
        "the loss returned a tensor of shape [8] for output [8, 4] and targets [8]; it must return a 0-d tensor");
    Trainer ce = trainer(new CrossEntropyLoss());
    Batch wrong = new Batch(Blobs.dataset(8, 1).inputs(), Tensor.zeros(8, 4));
    Batch right = Blobs.dataset(8, 1).get(0, 1, 2, 3, 4, 5, 6, 7);
    Trainer accumulating = Trainer.builder(model, opt, new CrossEntropyLoss()).accumulationSteps(2).progress(false)
        .build();
    model.eval();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> accumulating.fit(List.of(right, wrong), 1));
    assertTrue(e.getMessage().startsWith("CrossEntropyLoss"), "the loss names itself: " + e.getMessage());
    assertEquals(0, accumulating.epoch());
    assertNull(model.parameters().get(0).grad(), "the first micro-batch's gradient is not left behind");
    assertTrue(!model.isTraining(), "fit leaves the model in the mode it found, after a failure too");
  }

  @Test
  void builderAndNullArgumentsAreRefusedAtTheEdge() {
    assertMessage(NullPointerException.class, () -> Trainer.builder(null, opt, new CrossEntropyLoss()), "model is null");
    assertMessage(NullPointerException.class, () -> Trainer.builder(model, null, new CrossEntropyLoss()),
        "optimizer is null");
    assertMessage(NullPointerException.class, () -> Trainer.builder(model, opt, null), "loss is null");
    Trainer.Builder b = Trainer.builder(model, opt, new CrossEntropyLoss());
    assertMessage(IllegalArgumentException.class, () -> b.clipGradNorm(0), "maxNorm 0.0 must be finite and > 0");
    assertMessage(IllegalArgumentException.class, () -> b.clipGradValue(Double.NaN), "clip NaN");
    assertMessage(IllegalArgumentException.class, () -> b.accumulationSteps(0), "k 0 must be >= 1");
    assertMessage(NullPointerException.class, () -> b.progressOutput(null), "stream is null");
    assertMessage(NullPointerException.class, () -> b.listener(null), "listener is null");
    Trainer t = b.build();
    assertMessage(NullPointerException.class, () -> t.fit(null, 1), "train is null");
    assertMessage(NullPointerException.class, () -> t.evaluate(null), "data is null");
    assertMessage(IllegalArgumentException.class, () -> t.setEpoch(-1), "completed epochs -1");
  }

  @Test
  void setEpochWithAScheduleThatCannotJumpChangesNothing() {
    LRScheduler fixed = new LRScheduler() {
      @Override
      public void step() {}

      @Override
      public double lastLr() {
        return 0.1;
      }
    };
    Trainer t = Trainer.builder(model, opt, new CrossEntropyLoss()).scheduler(fixed).progress(false).build();
    t.fit(loader, 1);
    assertThrows(UnsupportedOperationException.class, () -> t.setEpoch(5));
    assertEquals(1, t.epoch());
  }

  private static void assertMessage(Class<? extends Throwable> type, Executable call, String part) {
    Throwable e = assertThrows(type, call);
    assertTrue(e.getMessage() != null && e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
  }
}
