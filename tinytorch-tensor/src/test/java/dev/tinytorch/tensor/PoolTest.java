package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The fused maxPool2d and avgPool2d kernels against their composed oracle (unfold into windows,
 * then max or mean over each window's taps) on random geometries, dtypes and layouts; values,
 * ties and NaN by hand; the recorded argmax positions; the threaded path; and the refusals.
 * PyTorch's values are in the autograd module's golden test (tools/golden/index_ops.py).
 */
class PoolTest {
  /** {@code x} [N, C, H, W] unfolded to [N, C, kh*kw, L]: one window per column, its taps down the rows. */
  private static Tensor windows(Tensor x, int kh, int kw, int sh, int sw) {
    int[] s = x.shape();
    Conv2dParams p = Conv2dParams.of(kh, kw).stride(sh, sw);
    return Conv.unfold(x, p).reshape(s[0], s[1], kh * kw, p.outputH(s[2]) * p.outputW(s[3]));
  }

  private static Tensor maxOracle(Tensor x, int kh, int kw, int sh, int sw) {
    int[] s = x.shape();
    return windows(x, kh, kw, sh, sw).max(2, false).reshape(s[0], s[1], (s[2] - kh) / sh + 1, (s[3] - kw) / sw + 1);
  }

  private static Tensor avgOracle(Tensor x, int kh, int kw, int sh, int sw) {
    int[] s = x.shape();
    return windows(x, kh, kw, sh, sw).mean(2, false).reshape(s[0], s[1], (s[2] - kh) / sh + 1, (s[3] - kw) / sw + 1);
  }

  record Case(Tensor x, int kh, int kw, int sh, int sw) {}

  @Test
  void fusedKernelsMatchTheComposedOracle() {
    Property.check("maxPool2d and avgPool2d vs unfold + max/mean", 400, 41, g -> {
      int h = Gen.intIn(g, 1, 7);
      int w = Gen.intIn(g, 1, 7);
      int[] shape = {Gen.intIn(g, 0, 2), Gen.intIn(g, 1, 3), h, w};
      Tensor x = Gen.tensor(g, Gen.dtype(g), shape);
      return new Case(Gen.bool(g) ? Gen.relayout(g, x) : x, Gen.intIn(g, 1, h), Gen.intIn(g, 1, w),
          Gen.intIn(g, 1, 3), Gen.intIn(g, 1, 3));
    }, c -> {
      Tensor max = c.x().maxPool2d(c.kh(), c.kw(), c.sh(), c.sw());
      Tensor expected = maxOracle(c.x(), c.kh(), c.kw(), c.sh(), c.sw());
      assertEquals(c.x().dtype(), max.dtype());
      assertArrayEquals(expected.shape(), max.shape());
      assertArrayEquals(expected.toDoubleArray(), max.toDoubleArray(), 0.0, "max is exact");
      Tensor avg = c.x().avgPool2d(c.kh(), c.kw(), c.sh(), c.sw());
      assertEquals(c.x().dtype(), avg.dtype());
      // Both sum in double and round once; only the order of the adds may differ.
      double tol = c.x().dtype() == DType.FLOAT32 ? 1e-6 : 1e-14;
      assertArrayEquals(avgOracle(c.x(), c.kh(), c.kw(), c.sh(), c.sw()).toDoubleArray(), avg.toDoubleArray(), tol);
    });
  }

  @Test
  void twoByTwoWindowsByHandInBothDtypes() {
    for (DType dtype : DType.values()) {
      Tensor x = Tensor.arange(dtype, 1, 17, 1).reshape(1, 1, 4, 4);
      Tensor max = x.maxPool2d(2, 2, 2, 2);
      assertEquals(dtype, max.dtype());
      assertArrayEquals(new int[] {1, 1, 2, 2}, max.shape());
      assertArrayEquals(new double[] {6, 8, 14, 16}, max.toDoubleArray());
      assertArrayEquals(new double[] {3.5, 5.5, 11.5, 13.5}, x.avgPool2d(2, 2, 2, 2).toDoubleArray());
      // Stride 1 overlaps; a 3 x 2 kernel with stride (1, 2) drops the last column pair's overlap.
      assertArrayEquals(new double[] {6, 7, 8, 10, 11, 12, 14, 15, 16}, x.maxPool2d(2, 2, 1, 1).toDoubleArray());
      assertArrayEquals(new double[] {10, 12, 14, 16}, x.maxPool2d(3, 2, 1, 2).toDoubleArray());
      // (5 - 2) / 2 + 1 = 2 windows along a side of 5: the last row and column are in none.
      Tensor y = Tensor.arange(dtype, 0, 25, 1).reshape(1, 1, 5, 5);
      assertArrayEquals(new double[] {3, 5, 13, 15}, y.avgPool2d(2, 2, 2, 2).toDoubleArray());
    }
  }

  @Test
  void argmaxIsTheFirstMaximumInRowMajorOrderAndTheLastNaN() {
    Tensor ties = Tensor.of(new double[] {1, 7, 7, 7, 2, 7, 0, 0, 0}, 1, 1, 3, 3);
    Tensor[] r = KernelOps.INSTANCE.maxPool2dWithIndices(ties, 2, 2, 1, 1);
    assertArrayEquals(new double[] {7, 7, 7, 7}, r[0].toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 3, 5}, r[1].toDoubleArray());
    assertEquals(DType.FLOAT64, r[1].dtype());
    Tensor nan = Tensor.of(new float[] {1, Float.NaN, 3, Float.NaN, 5, 6}, 1, 1, 1, 6);
    Tensor[] n = KernelOps.INSTANCE.maxPool2dWithIndices(nan, 1, 4, 1, 2);
    assertTrue(Float.isNaN(n[0].toFloatArray()[0]) && Float.isNaN(n[0].toFloatArray()[1]));
    assertArrayEquals(new double[] {3, 3}, n[1].toDoubleArray(), "PyTorch's index: the last NaN");
    Tensor minusInf = Tensor.full(DType.FLOAT64, Double.NEGATIVE_INFINITY, 1, 1, 2, 2);
    assertArrayEquals(new double[] {0}, KernelOps.INSTANCE.maxPool2dWithIndices(minusInf, 2, 2, 1, 1)[1].toDoubleArray());
  }

  @Test
  void argmaxPositionsAreFlatOverTheWholeInputAndIgnoreItsLayout() {
    // [2, 2, 2, 2] stored as NHWC and permuted to NCHW: plane k's maximum is at 4k + 3 in row-major NCHW.
    Tensor nhwc = Tensor.arange(DType.FLOAT64, 0, 16, 1).reshape(2, 2, 2, 2);
    Tensor x = nhwc.permute(0, 3, 1, 2);
    Tensor[] r = KernelOps.INSTANCE.maxPool2dWithIndices(x, 2, 2, 2, 2);
    assertArrayEquals(new double[] {3, 7, 11, 15}, r[1].toDoubleArray());
    assertArrayEquals(new double[] {6, 7, 14, 15}, r[0].toDoubleArray());
    // A contiguous view at an offset (the second image) is read in place.
    Tensor second = Tensor.arange(DType.FLOAT32, 0, 32, 1).reshape(2, 1, 4, 4).narrow(0, 1, 1);
    assertArrayEquals(new double[] {21, 23, 29, 31}, second.maxPool2d(2, 2, 2, 2).toDoubleArray());
    assertArrayEquals(new double[] {18.5, 20.5, 26.5, 28.5}, second.avgPool2d(2, 2, 2, 2).toDoubleArray());
  }

  @Test
  void largeInputsSplitByPlaneGiveTheOracleResult() {
    Generator g = new Generator(9);
    for (DType dtype : DType.values()) {
      Tensor x = Tensor.randn(g, dtype, 4, 8, 64, 64); // 4*8*32*32*4 reads: the threaded path
      assertArrayEquals(maxOracle(x, 2, 2, 2, 2).toDoubleArray(), x.maxPool2d(2, 2, 2, 2).toDoubleArray(), 0.0);
      assertArrayEquals(avgOracle(x, 3, 3, 2, 2).toDoubleArray(), x.avgPool2d(3, 3, 2, 2).toDoubleArray(),
          dtype == DType.FLOAT32 ? 1e-6 : 1e-14);
    }
  }

  @Test
  void emptyBatchGivesAnEmptyResult() {
    Tensor y = Tensor.zeros(0, 3, 4, 4).maxPool2d(2, 2, 2, 2);
    assertArrayEquals(new int[] {0, 3, 2, 2}, y.shape());
    assertArrayEquals(new int[] {0, 3, 1, 1}, Tensor.zeros(0, 3, 4, 4).avgPool2d(4, 4, 1, 1).shape());
  }

  @Test
  void badGeometriesAreRefusedWithTheFix() {
    Tensor x = Tensor.zeros(1, 2, 3, 5);
    for (String op : new String[] {"maxPool2d", "avgPool2d"}) {
      Pooling pool = op.equals("maxPool2d") ? Tensor::maxPool2d : Tensor::avgPool2d;
      badArg(() -> pool.apply(Tensor.zeros(2, 3, 5), 2, 2, 2, 2), op + ": expects a 4-D input [N, C, H, W], got shape [2, 3, 5]",
          "unsqueeze(0)");
      badArg(() -> pool.apply(Tensor.zeros(5, 5), 2, 2, 2, 2), op + ": expects a 4-D input", "reshape it to [N, C, H, W]");
      badArg(() -> pool.apply(x, 0, 2, 1, 1), op + ": kernel size (0, 2) must be positive");
      badArg(() -> pool.apply(x, 2, 2, 1, 0), op + ": stride (1, 0) must be positive", "(2, 2)");
      badArg(() -> pool.apply(x, 4, 2, 1, 1), op + ": kernel size (4, 2) is larger than the input's 3 x 5 plane",
          "[1, 2, 3, 5]", "at most (3, 5)");
      badArg(() -> pool.apply(x, 1, 6, 1, 1), "kernel size (1, 6) is larger");
      badArg(() -> pool.apply(Tensor.zeros(1, 0, 3, 3), 2, 2, 1, 1), op + ": input [1, 0, 3, 3] has no channels");
    }
  }

  private interface Pooling {
    Tensor apply(Tensor x, int kh, int kw, int sh, int sw);
  }

  private static void badArg(Executable call, String... fragments) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String f : fragments) {
      assertTrue(e.getMessage().contains(f), "message lacks '" + f + "': " + e.getMessage());
    }
  }
}
