package dev.tinytorch.nn;

import static dev.tinytorch.nn.TrainingParityTest.data;
import static dev.tinytorch.nn.TrainingParityTest.targets;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinytorch.nn.TrainingParityTest.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Training parity of the LayerNorm and BatchNorm1d models of tools/golden/training.py (constants in
 * {@link TrainingParityTest}): the same formula weights, batches and plain SGD give PyTorch's per-step
 * losses, final weights, running statistics and eval output in FLOAT64. The BatchNorm2d model waits for
 * Conv2d and AvgPool2d.
 */
class NormTrainingParityTest {
  private static final double TOL = 1e-10;

  @Test
  void layerNormModel() {
    TrainingParityTest.trainAndCheck(
        () -> new Sequential(new Linear(5, 4), new LayerNorm(4), new Tanh(), new Linear(4, 3)),
        List.of(new Batch(data(5, 6, 5), targets(6, 3, 0)), new Batch(data(6, 6, 5), targets(6, 3, 1))),
        TrainingParityTest.LN_LOSSES, TrainingParityTest.LN_FINAL);
  }

  @Test
  void batchNorm1dModelRunningStatisticsAndEval() {
    var b1 = data(7, 8, 5);
    Sequential model = TrainingParityTest.trainAndCheck(
        () -> new Sequential(new Linear(5, 4), new BatchNorm1d(4), new ReLU(), new Linear(4, 3)),
        List.of(new Batch(b1, targets(8, 3, 0)), new Batch(data(8, 8, 5), targets(8, 3, 2))),
        TrainingParityTest.BN1D_LOSSES, TrainingParityTest.BN1D_FINAL);
    BatchNorm1d bn = (BatchNorm1d) model.get(1);
    assertArrayEquals(TrainingParityTest.BN1D_RUNNING_MEAN, bn.runningMean().toDoubleArray(), TOL);
    assertArrayEquals(TrainingParityTest.BN1D_RUNNING_VAR, bn.runningVar().toDoubleArray(), TOL);
    assertEquals(TrainingParityTest.BN1D_BATCHES, (long) bn.numBatchesTracked().item());
    model.eval();
    assertArrayEquals(TrainingParityTest.BN1D_EVAL, model.forward(b1).toDoubleArray(), TOL);
  }
}
