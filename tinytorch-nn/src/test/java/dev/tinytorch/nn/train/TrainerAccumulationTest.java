package dev.tinytorch.nn.train;

import static dev.tinytorch.nn.train.TrainerTest.batches;
import static dev.tinytorch.nn.train.TrainerTest.float64;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Loss;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradient accumulation in FLOAT64: k micro-batches give the gradient of their union as one batch,
 * whatever the micro-batch sizes, a shorter last group included (TinyTorch divided by k, which is
 * right only for equal sizes).
 */
class TrainerAccumulationTest {
  private static final double TOL = 1e-12;

  @Test
  void threeMicroBatchesGiveTheGradientOfOneBatchOfTheirUnion() {
    TensorDataset data = float64(24);
    List<double[]> big = gradients(data, new CrossEntropyLoss(), 1, batches(data, 12, 12));
    List<double[]> small = gradients(data, new CrossEntropyLoss(), 3, batches(data, 4, 4, 4, 4, 4, 4));
    assertClose(big, small);
  }

  @Test
  void unequalMicroBatchesAndAShortLastGroupAreScaledBySamples() {
    TensorDataset data = float64(23);
    // groups of 3: [5, 5, 3] and [6, 4]; the big batches are their unions, 13 and 10 samples
    List<double[]> big = gradients(data, new CrossEntropyLoss(), 1, batches(data, 13, 10));
    List<double[]> small = gradients(data, new CrossEntropyLoss(), 3, batches(data, 5, 5, 3, 6, 4));
    assertClose(big, small);
    List<double[]> mse = gradients(data, regression(), 1, batches(data, 13, 10));
    assertClose(mse, gradients(data, regression(), 3, batches(data, 5, 5, 3, 6, 4)));
  }

  @Test
  void accumulatedTrainingFollowsBigBatchTrainingToRounding() {
    TensorDataset data = float64(40);
    Sequential a = model();
    Sequential b = model();
    History ha = trainer(a, 1).fit(batches(data, 16, 16, 8), 3);
    History hb = trainer(b, 4).fit(batches(data, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4), 3);
    for (int i = 0; i < 3; i++) {
      assertEquals(ha.trainLoss().get(i), hb.trainLoss().get(i), TOL, "the epoch loss is the sample-weighted mean");
      assertEquals(ha.trainAccuracy().get(i), hb.trainAccuracy().get(i), 0.0);
      assertEquals(3, ha.rows().get(i).steps());
      assertEquals(3, hb.rows().get(i).steps(), "10 micro-batches in groups of 4: 3 steps");
    }
    List<Tensor> pa = a.parameters();
    List<Tensor> pb = b.parameters();
    for (int i = 0; i < pa.size(); i++) {
      assertArrayEquals(pa.get(i).toDoubleArray(), pb.get(i).toDoubleArray(), TOL);
    }
  }

  /** MSE of the logits against the label as a number, broadcast to a column: any mean loss works. */
  private static Loss regression() {
    return (out, target) -> F.mseLoss(out.sum(1), target);
  }

  private static Sequential model() {
    Sequential m = Blobs.mlp(21);
    m.to(DType.FLOAT64);
    return m;
  }

  private static Trainer trainer(Module m, int k) {
    return Trainer.builder(m, new SGD(m.parameters(), 0.5), new CrossEntropyLoss()).accumulationSteps(k)
        .progress(false).build();
  }

  /** The gradient of every optimizer step of one epoch (lr 0, so the weights stay and steps compare). */
  private static List<double[]> gradients(TensorDataset data, Loss loss, int k, List<Batch> batches) {
    Sequential m = model();
    List<double[]> grads = new ArrayList<>();
    Trainer t = Trainer.builder(m, new SGD(m.parameters(), 0.0), loss).accumulationSteps(k).progress(false)
        .listener(new TrainingListener() {
          @Override
          public void onStep(StepInfo step) {
            List<Double> all = new ArrayList<>();
            for (Tensor p : m.parameters()) {
              for (double g : p.grad().toDoubleArray()) {
                all.add(g);
              }
            }
            grads.add(all.stream().mapToDouble(Double::doubleValue).toArray());
          }
        })
        .build();
    t.fit(batches, 1);
    return grads;
  }

  private static void assertClose(List<double[]> expected, List<double[]> actual) {
    assertEquals(expected.size(), actual.size(), "steps");
    for (int s = 0; s < expected.size(); s++) {
      double largest = 0;
      for (double g : expected.get(s)) {
        largest = Math.max(largest, Math.abs(g));
      }
      assertTrue(largest > 1e-3, "a real gradient: " + largest);
      assertArrayEquals(expected.get(s), actual.get(s), TOL, "step " + (s + 1));
    }
  }
}
