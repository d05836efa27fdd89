package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** mseLoss, binaryCrossEntropy, crossEntropy and oneHot against PyTorch float64 goldens. */
class LossKernelsTest {
  private static final KernelOps K = KernelOps.INSTANCE;

  // Golden values from tools/golden/reductions.py (torch.nn.functional, float64).
  // mse_loss(p, t), p = [[0.5, -1.25, 2], [3, 0.75, -0.5]], t = [[1, 0, 2.5], [-1, 0.25, 0]]
  static final double MSE = 3.09375;
  // binary_cross_entropy(bp, bt), bp = [0.9, 0.2, 0, 1, 0.5, 0, 1], bt = [1, 0, 1, 0, 0.3, 0, 1]
  static final double BCE = 28.717378749647423;
  // binary_cross_entropy([0.0], [1.0]): log(0) clamped at -100
  static final double BCE_CLAMP_P0_T1 = 100.0;
  // binary_cross_entropy on elements 0, 1, 4 of bp/bt (no clamping involved)
  static final double BCE_SMOOTH = 0.34055041584399376;
  // cross_entropy(logits, [2, 1, 0, 1]), logits = [[1, 2, 3], [1000, 0, -1000], [0.5, -0.5, 0.25], [-3, 7, 2]]
  static final double CROSS_ENTROPY = 250.2945722437652;
  static final double[] CROSS_ENTROPY_ROWS = {0.4076059644443804, 1000.0, 0.763922567069287, 0.006760443547121172};

  private static final double[] P = {0.5, -1.25, 2, 3, 0.75, -0.5};
  private static final double[] T = {1, 0, 2.5, -1, 0.25, 0};
  private static final double[] BP = {0.9, 0.2, 0, 1, 0.5, 0, 1};
  private static final double[] BT = {1, 0, 1, 0, 0.3, 0, 1};
  private static final double[] LOGITS = {1, 2, 3, 1000, 0, -1000, 0.5, -0.5, 0.25, -3, 7, 2};
  private static final double[] TARGET = {2, 1, 0, 1};

  private static float[] floats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }

  private static void assertScalar(double expected, Tensor loss, DType dtype, double tol) {
    assertEquals(dtype, loss.dtype());
    assertArrayEquals(new int[0], loss.shape());
    assertEquals(expected, loss.item(), tol);
  }

  private static void assertMessage(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), "'" + e.getMessage() + "' should contain '" + part + "'");
    }
  }

  @Test
  void mseMatchesTorchInBothDtypesAndPromotes() {
    assertScalar(MSE, K.mseLoss(Tensor.of(P, 2, 3), Tensor.of(T, 2, 3)), DType.FLOAT64, 0.0);
    assertScalar(MSE, K.mseLoss(Tensor.of(floats(P), 2, 3), Tensor.of(floats(T), 2, 3)), DType.FLOAT32, 0.0);
    assertScalar(MSE, K.mseLoss(Tensor.of(floats(P), 2, 3), Tensor.of(T, 2, 3)), DType.FLOAT64, 0.0);
    // a transposed view pairs the same elements as its contiguous copy
    Tensor pt = Tensor.of(P, 2, 3).t();
    Tensor tt = Tensor.of(T, 2, 3).t();
    assertScalar(MSE, K.mseLoss(pt, tt), DType.FLOAT64, 0.0);
    assertScalar(MSE, K.mseLoss(pt, tt.contiguous()), DType.FLOAT64, 0.0);
    assertScalar(Double.NaN, K.mseLoss(Tensor.zeros(0), Tensor.zeros(0)), DType.FLOAT32, 0.0);
  }

  @Test
  void mseRefusesToBroadcastAndSaysWhy() {
    assertMessage(() -> K.mseLoss(Tensor.zeros(4, 1), Tensor.zeros(4)), "mseLoss", "[4, 1]", "[4]", "broadcast");
  }

  @Test
  void bceMatchesTorchIncludingTheMinus100Clamp() {
    assertScalar(BCE, K.binaryCrossEntropy(Tensor.of(BP), Tensor.of(BT)), DType.FLOAT64, 1e-14);
    assertScalar(BCE_CLAMP_P0_T1, K.binaryCrossEntropy(Tensor.of(new double[] {0}), Tensor.of(new double[] {1})),
        DType.FLOAT64, 0.0);
    assertScalar(100.0, K.binaryCrossEntropy(Tensor.of(new float[] {1}), Tensor.of(new float[] {0})), DType.FLOAT32, 0.0);
    // p = 0 with t = 0 (and p = 1 with t = 1) costs nothing: 0 * clamped log is 0, not NaN
    assertScalar(0.0, K.binaryCrossEntropy(Tensor.of(new double[] {0, 1}), Tensor.of(new double[] {0, 1})),
        DType.FLOAT64, 0.0);
    Tensor sp = Tensor.of(new double[] {0.9, 0.2, 0.5});
    Tensor st = Tensor.of(new double[] {1, 0, 0.3});
    assertScalar(BCE_SMOOTH, K.binaryCrossEntropy(sp, st), DType.FLOAT64, 1e-15);
    assertScalar(BCE_SMOOTH, K.binaryCrossEntropy(Tensor.of(floats(sp.toDoubleArray())), st), DType.FLOAT64, 1e-7);
    assertScalar(BCE_SMOOTH, K.binaryCrossEntropy(Tensor.of(floats(sp.toDoubleArray())),
        Tensor.of(floats(st.toDoubleArray()))), DType.FLOAT32, 1e-7);
  }

  @Test
  void bceRejectsNonProbabilitiesAndShapeMismatch() {
    assertMessage(() -> K.binaryCrossEntropy(Tensor.of(new double[] {0.5, 1.5}), Tensor.of(new double[] {0, 1})),
        "binaryCrossEntropy", "1.5", "[0, 1]");
    assertMessage(() -> K.binaryCrossEntropy(Tensor.of(new double[] {-0.25}), Tensor.of(new double[] {0})),
        "binaryCrossEntropy", "-0.25");
    assertMessage(() -> K.binaryCrossEntropy(Tensor.of(new double[] {Double.NaN}), Tensor.of(new double[] {0})),
        "binaryCrossEntropy", "NaN");
    assertMessage(() -> K.binaryCrossEntropy(Tensor.zeros(3), Tensor.zeros(3, 1)),
        "binaryCrossEntropy", "[3]", "[3, 1]");
  }

  @Test
  void crossEntropyMatchesTorchWithHugeLogits() {
    Tensor logits = Tensor.of(LOGITS, 4, 3);
    assertScalar(CROSS_ENTROPY, K.crossEntropy(logits, Tensor.of(TARGET)), DType.FLOAT64, 1e-12);
    assertScalar(CROSS_ENTROPY, K.crossEntropy(Tensor.of(floats(LOGITS), 4, 3), Tensor.of(floats(TARGET))),
        DType.FLOAT32, 1e-4);
    assertScalar(CROSS_ENTROPY, K.crossEntropy(Tensor.of(floats(LOGITS), 4, 3), Tensor.of(TARGET)),
        DType.FLOAT64, 1e-12);
    for (int i = 0; i < 4; i++) {
      Tensor row = logits.narrow(0, i, 1);
      Tensor t = Tensor.of(new double[] {TARGET[i]});
      assertScalar(CROSS_ENTROPY_ROWS[i], K.crossEntropy(row, t), DType.FLOAT64, 1e-15);
    }
    // logits given transposed (a [C, N] tensor viewed as [N, C])
    Tensor viaT = Tensor.of(LOGITS, 4, 3).t().contiguous().t();
    assertScalar(CROSS_ENTROPY, K.crossEntropy(viaT, Tensor.of(TARGET)), DType.FLOAT64, 1e-12);
  }

  @Test
  void crossEntropyChecksShapesAndIndices() {
    Tensor logits = Tensor.zeros(4, 3);
    assertMessage(() -> K.crossEntropy(Tensor.zeros(3), Tensor.zeros(3)), "crossEntropy", "[3]", "[N, C]");
    assertMessage(() -> K.crossEntropy(logits, Tensor.zeros(4, 1)), "crossEntropy", "[4, 3]", "[4, 1]");
    assertMessage(() -> K.crossEntropy(logits, Tensor.zeros(5)), "crossEntropy", "[4, 3]", "[5]");
    assertMessage(() -> K.crossEntropy(logits, Tensor.of(new double[] {0, 1, 3, 2})),
        "crossEntropy", "target[2] = 3.0", "C = 3", "[0, 3)");
    assertMessage(() -> K.crossEntropy(logits, Tensor.of(new double[] {0, 1.5, 2, 2})),
        "crossEntropy", "target[1] = 1.5", "integer");
    assertMessage(() -> K.crossEntropy(logits, Tensor.of(new double[] {-1, 0, 0, 0})),
        "crossEntropy", "target[0] = -1.0");
  }

  @Test
  void oneHotBuildsRowsAndChecksIndices() {
    Tensor h = K.oneHot(Tensor.of(new double[] {2, 0, 1, 2}), 3, DType.FLOAT32);
    assertEquals(DType.FLOAT32, h.dtype());
    assertArrayEquals(new int[] {4, 3}, h.shape());
    assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1}, h.toDoubleArray(), 0.0);
    Tensor h64 = K.oneHot(Tensor.of(new float[] {1, 0, 3, 2}).narrow(0, 1, 2), 4, DType.FLOAT64);
    assertEquals(DType.FLOAT64, h64.dtype());
    assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 0, 1}, h64.toDoubleArray(), 0.0);
    assertArrayEquals(new int[] {0, 5}, K.oneHot(Tensor.zeros(0), 5, DType.FLOAT32).shape());
    assertMessage(() -> K.oneHot(Tensor.of(new double[] {0, 5}), 5, DType.FLOAT32), "oneHot", "target[1] = 5.0", "C = 5");
    assertMessage(() -> K.oneHot(Tensor.of(new double[] {0.5}), 2, DType.FLOAT32), "oneHot", "target[0] = 0.5");
    assertMessage(() -> K.oneHot(Tensor.zeros(2, 2), 2, DType.FLOAT32), "oneHot", "[2, 2]");
    assertMessage(() -> K.oneHot(Tensor.zeros(2), 0, DType.FLOAT32), "oneHot", "numClasses", "0");
  }
}
