package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * BatchNorm1d/2d's state, modes, dtypes and refusals; values, gradients and running statistics against
 * PyTorch are in NormalizationGoldenTest, NormLayersGoldenTest and TrainingParityTest.
 */
class BatchNormTest {
  @Test
  void stateDictKeysAreExactlyPyTorchs() {
    BatchNorm2d bn = new BatchNorm2d(3);
    assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(bn.stateDict().keySet()));
    assertEquals(List.of("weight", "bias"), List.copyOf(bn.namedParameters().keySet()));
    assertArrayEquals(new double[] {1, 1, 1}, bn.weight().toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 0}, bn.bias().toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 0}, bn.runningMean().toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 1}, bn.runningVar().toDoubleArray());
    assertEquals(0, bn.numBatchesTracked().dim());
    assertEquals(0, bn.numBatchesTracked().item());
    assertEquals(0.1, bn.momentum());
    assertEquals(1e-5, bn.eps());
    assertEquals("BatchNorm2d(3, eps=1.0E-5, momentum=0.1, affine=true, track_running_stats=true)", bn.toString());
    Sequential model = new Sequential(new Linear(2, 3), new BatchNorm1d(3));
    assertEquals(List.of("0.weight", "0.bias", "1.weight", "1.bias", "1.running_mean", "1.running_var",
        "1.num_batches_tracked"), List.copyOf(model.stateDict().keySet()));
  }

  @Test
  void toKeepsTheCountInFloat64AndTheSameObjects() {
    BatchNorm2d bn = new BatchNorm2d(2);
    Tensor mean = bn.runningMean();
    Tensor count = bn.numBatchesTracked();
    assertEquals(DType.FLOAT32, mean.dtype());
    assertEquals(DType.FLOAT64, count.dtype());
    bn.to(DType.FLOAT64);
    assertSame(mean, bn.runningMean());
    assertEquals(DType.FLOAT64, mean.dtype());
    assertEquals(DType.FLOAT64, bn.numBatchesTracked().dtype());
    bn.to(DType.FLOAT32);
    assertEquals(DType.FLOAT32, mean.dtype());
    assertEquals(DType.FLOAT32, bn.weight().dtype());
    assertSame(count, bn.numBatchesTracked());
    assertEquals(DType.FLOAT64, bn.numBatchesTracked().dtype());
  }

  @Test
  void oneTrainStepMovesTheRunningStatisticsByMomentumWithTheUnbiasedVariance() {
    BatchNorm1d bn = new BatchNorm1d(2);
    Tensor x = Tensor.of(new double[][] {{1, 10}, {3, 14}, {5, 12}, {7, 8}});
    Tensor y = bn.forward(x);
    // Column means 4 and 11; unbiased variances 20/3 and 20/3.
    assertArrayEquals(new double[] {0.4, 1.1}, bn.runningMean().toDoubleArray(), 1e-6);
    assertArrayEquals(new double[] {0.9 + 0.1 * 20 / 3, 0.9 + 0.1 * 20 / 3}, bn.runningVar().toDoubleArray(), 1e-6);
    assertEquals(1, bn.numBatchesTracked().item());
    assertEquals(DType.FLOAT32, bn.runningMean().dtype(), "a FLOAT32 layer keeps FLOAT32 statistics");
    // Train output is normalised with the batch's biased variance (5 per column).
    assertEquals(-3 / Math.sqrt(5 + 1e-5), y.get(0, 0), 1e-12);
    bn.eval();
    Tensor e = bn.forward(x);
    assertEquals((1 - 0.4) / Math.sqrt(0.9 + 2 / 3.0 + 1e-5), e.get(0, 0), 1e-6);
    assertEquals(1, bn.numBatchesTracked().item(), "eval does not count");
    // One sample is fine in eval mode.
    assertArrayEquals(new int[] {1, 2}, bn.forward(Tensor.of(new double[][] {{1, 2}})).shape());
  }

  @Test
  void withoutRunningStatisticsEvalUsesTheBatch() {
    BatchNorm2d bn = new BatchNorm2d(2, 1e-5, 0.1, false, false);
    assertEquals(List.of(), List.copyOf(bn.stateDict().keySet()));
    assertNull(bn.runningMean());
    Tensor x = Tensor.randn(new Generator(5), DType.FLOAT64, 3, 2, 2, 2);
    Tensor train = bn.forward(x);
    bn.eval();
    assertArrayEquals(train.toDoubleArray(), bn.forward(x).toDoubleArray(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> bn.forward(Tensor.zeros(DType.FLOAT64, 1, 2, 1, 1)));
  }

  private static void assertUnchangedAfter(BatchNorm bn, Executable call, String... inMessage) {
    bn.to(DType.FLOAT64);
    Map<String, double[]> before = snapshot(bn);
    var e = assertThrows(IllegalArgumentException.class, call::run);
    for (String s : inMessage) {
      assertTrue(e.getMessage().contains(s), "'" + s + "' in: " + e.getMessage());
    }
    Map<String, double[]> after = snapshot(bn);
    before.forEach((k, v) -> assertArrayEquals(v, after.get(k), 0.0, k + " changed by a refused call"));
  }

  /** A test-local Runnable that may throw, for the refused calls. */
  interface Executable {
    void run();
  }

  private static Map<String, double[]> snapshot(Module m) {
    Map<String, double[]> out = new java.util.LinkedHashMap<>();
    m.stateDict().forEach((k, v) -> out.put(k, v.toDoubleArray()));
    return out;
  }

  @Test
  void badInputNamesTheLayerAndChangesNothing() {
    Sequential model = new Sequential(new BatchNorm1d(3), new BatchNorm2d(4));
    BatchNorm1d bn1 = (BatchNorm1d) model.get(0);
    BatchNorm2d bn2 = (BatchNorm2d) model.get(1);
    bn1.forward(Tensor.randn(new Generator(1), 4, 3));   // some state to keep
    assertUnchangedAfter(bn1, () -> bn1.forward(Tensor.zeros(DType.FLOAT64, 4, 5)),
        "0 (BatchNorm1d 3)", "expects 3 channels", "[4, 5]");
    assertUnchangedAfter(bn1, () -> bn1.forward(Tensor.zeros(DType.FLOAT64, 2, 3, 4, 5)),
        "0 (BatchNorm1d 3)", "[N, C] or [N, C, L]", "[2, 3, 4, 5]");
    assertUnchangedAfter(bn1, () -> bn1.forward(Tensor.zeros(DType.FLOAT64, 1, 3)),
        "0 (BatchNorm1d 3)", "expected more than 1 value per channel when training", "[1, 3]");
    assertUnchangedAfter(bn1, () -> bn1.forward(Tensor.zeros(DType.FLOAT64, 1, 3, 1)), "more than 1 value");
    assertUnchangedAfter(bn2, () -> bn2.forward(Tensor.zeros(DType.FLOAT64, 2, 4, 3)),
        "1 (BatchNorm2d 4)", "[N, C, H, W]", "[2, 4, 3]");
    assertUnchangedAfter(bn2, () -> bn2.forward(Tensor.zeros(DType.FLOAT64, 2, 3, 2, 2)),
        "1 (BatchNorm2d 4)", "expects 4 channels", "got 3");
    assertThrows(NullPointerException.class, () -> bn2.forward(null));
    assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(0));
    assertThrows(IllegalArgumentException.class, () -> new BatchNorm1d(3, 1e-5, 1.5, true, true));
  }

  @Test
  void functionalFormRefusesWhatPyTorchRefuses() {
    Tensor x = Tensor.randn(new Generator(2), DType.FLOAT64, 4, 3);
    Tensor rm = Tensor.zeros(DType.FLOAT64, 3);
    Tensor rv = Tensor.ones(DType.FLOAT64, 3);
    var e = assertThrows(IllegalArgumentException.class,
        () -> F.batchNorm(x, null, null, null, null, false, 0.1, 1e-5));
    assertTrue(e.getMessage().startsWith("batchNorm:"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> F.batchNorm(x, Tensor.zeros(4), rv, null, null, true, 0.1, 1e-5));
    assertThrows(IllegalArgumentException.class, () -> F.batchNorm(x, rm, rv, Tensor.ones(2), null, true, 0.1, 1e-5));
    assertThrows(IllegalArgumentException.class, () -> F.batchNorm(x, rm, null, null, null, true, 0.1, 1e-5));
    assertThrows(IllegalArgumentException.class,
        () -> F.batchNorm(x.narrow(0, 0, 1), rm, rv, null, null, true, 0.1, 1e-5));
    assertArrayEquals(new double[] {0, 0, 0}, rm.toDoubleArray(), 0.0, "nothing updated by refused calls");
    // Eval with the running statistics; training without them is fine too.
    Tensor y = F.batchNorm(x, rm, rv, null, null, false, 0.1, 0);
    assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 1e-15);
    assertEquals(0, F.batchNorm(x, null, null, null, null, true, 0.1, 1e-5).mean().item(), 1e-12);
  }
}
