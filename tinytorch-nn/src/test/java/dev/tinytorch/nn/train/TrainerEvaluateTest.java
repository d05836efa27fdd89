package dev.tinytorch.nn.train;

import static dev.tinytorch.nn.train.TrainerTest.batches;
import static dev.tinytorch.nn.train.TrainerTest.float64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.BCELoss;
import dev.tinytorch.nn.BCEWithLogitsLoss;
import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Dropout;
import dev.tinytorch.nn.Identity;
import dev.tinytorch.nn.Loss;
import dev.tinytorch.nn.MSELoss;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** evaluate: no graph, eval mode restored, sample-weighted loss, accuracy for class, binary and regression targets. */
class TrainerEvaluateTest {
  @Test
  void evaluateRunsInEvalModeWithoutAGraphAndRestoresTheMode() {
    Sequential model = Blobs.mlp(4).add(new Dropout(0.5, new Generator(1)));
    model.to(DType.FLOAT64);
    List<Boolean> seen = new ArrayList<>();
    Loss spy = (out, target) -> {
      seen.add(out.requiresGrad() || out.gradFn() != null || GradMode.isEnabled() || model.isTraining());
      return F.crossEntropy(out, target);
    };
    Trainer t = Trainer.builder(model, new SGD(model.parameters(), 0.1), spy).progress(false).build();
    List<Batch> data = batches(float64(20), 8, 8, 4);
    assertTrue(model.isTraining());
    Evaluation a = t.evaluate(data);
    assertTrue(model.isTraining(), "train mode restored");
    assertEquals(List.of(false, false, false), seen, "no graph, no grad mode, eval mode in every batch");
    for (Tensor p : model.parameters()) {
      assertNull(p.grad(), "no gradients");
    }
    assertEquals(a, t.evaluate(data), "dropout is off: the same numbers twice");
    model.eval();
    t.evaluate(data);
    assertFalse(model.isTraining(), "eval mode restored too");
    assertTrue(GradMode.isEnabled());
  }

  @Test
  void fitTrainsInTrainModeAndLeavesTheModeItFound() {
    Sequential model = Blobs.mlp(4);
    List<Boolean> training = new ArrayList<>();
    Loss spy = (out, target) -> {
      training.add(model.isTraining());
      return F.crossEntropy(out, target);
    };
    Trainer t = Trainer.builder(model, new SGD(model.parameters(), 0.1), spy).progress(false).build();
    model.eval();
    t.fit(batches(Blobs.dataset(16, 1), 8, 8), batches(Blobs.dataset(4, 2), 4), 2);
    assertEquals(List.of(true, true, false, true, true, false), training, "train steps, then validation in eval mode");
    assertFalse(model.isTraining(), "back in eval mode");
  }

  @Test
  void lossIsTheSampleWeightedMeanAndAccuracyTheArgmaxShare() {
    Sequential model = Blobs.mlp(4);
    model.to(DType.FLOAT64);
    Trainer t = Trainer.builder(model, new SGD(model.parameters(), 0.1), new CrossEntropyLoss()).progress(false).build();
    TensorDataset data = float64(23);
    Evaluation e = t.evaluate(batches(data, 10, 10, 3));
    assertEquals(23, e.samples());
    try (var off = GradMode.off()) {
      Tensor logits = model.forward(data.inputs());
      assertEquals(F.crossEntropy(logits, data.targets()).item(), e.loss(), 1e-12);
      double right = 0;
      double[] predicted = logits.argmax(1, false).toDoubleArray();
      double[] labels = data.targets().toDoubleArray();
      for (int i = 0; i < 23; i++) {
        right += predicted[i] == labels[i] ? 1 : 0;
      }
      assertEquals(right / 23, e.accuracy(), 0.0);
    }
  }

  @Test
  void binaryTargetsUseThresholdZeroOnLogitsAndOneHalfOnProbabilities() {
    Tensor scores = Tensor.of(new double[] {-2, -0.1, 0.2, 0.7, 3}, 5, 1);
    Tensor labels = Tensor.of(new double[] {0, 1, 1, 0, 1}, 5, 1);
    // logits > 0 -> 0,0,1,1,1: right on 1, 3, 5
    assertEquals(3.0 / 5, identity(new BCEWithLogitsLoss()).evaluate(List.of(new Batch(scores, labels))).accuracy());
    Tensor probs = Tensor.of(new double[] {0.1, 0.4, 0.6, 0.45, 0.9});
    Tensor flat = Tensor.of(new double[] {0, 1, 1, 0, 1});
    // p > 0.5 -> 0,0,1,0,1: wrong only on 2
    assertEquals(4.0 / 5, identity(new BCELoss()).evaluate(List.of(new Batch(probs, flat))).accuracy());
    assertEquals(-1, Accuracy.correct(probs, Tensor.of(new double[] {0, 0.5, 1, 0, 1}), new BCELoss()), "soft labels");
  }

  @Test
  void regressionHasNoAccuracy() {
    Tensor x = Tensor.of(new double[] {0, 1, 1, 0}, 4, 1);
    Evaluation e = identity(new MSELoss()).evaluate(List.of(new Batch(x, Tensor.of(new double[] {0, 1, 0, 0}, 4, 1))));
    assertTrue(Double.isNaN(e.accuracy()), "MSE: NaN even for 0/1 targets");
    assertEquals(0.25, e.loss(), 0.0);
    assertEquals(-1, Accuracy.correct(Tensor.zeros(4, 3), Tensor.of(new double[] {0, 1, 2.5, 0}), new CrossEntropyLoss()),
        "class targets must be whole numbers in [0, C)");
    assertEquals(-1, Accuracy.correct(Tensor.zeros(4, 3), Tensor.of(new double[] {0, 1, 3, 0}), new CrossEntropyLoss()));
    assertEquals(2, Accuracy.correct(Tensor.zeros(4, 3), Tensor.of(new double[] {0, 1, 2, 0}), (a, b) -> a.sum()),
        "any loss: argmax of zeros is class 0");
  }

  /** A trainer whose model passes its input through, so the batches' inputs are the outputs. */
  private static Trainer identity(Loss loss) {
    Module model = new Identity();
    Tensor unused = Tensor.zeros(1).requiresGrad(true);
    return Trainer.builder(model, new SGD(List.of(unused), 0.1), loss).progress(false).build();
  }
}
