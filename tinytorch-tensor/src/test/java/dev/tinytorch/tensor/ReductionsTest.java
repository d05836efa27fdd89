package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** sum, mean, max, min and var: exact values over single, multiple and all dims, views, edge cases. */
class ReductionsTest {
  private static final double NAN = Double.NaN;
  private static final float FNAN = Float.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  // Golden values from tools/golden/reductions.py (torch.var in float64) for
  // v = [[1, 2, 4], [3, 7, 5]].
  static final double[] VAR_ALL = {4.666666666666667};
  static final double[] VAR_ALL_POP = {3.8888888888888893};
  static final double[] VAR_DIM0 = {2.0, 12.5, 0.5};
  static final double[] VAR_DIM1 = {2.333333333333333, 4.0};
  static final double[] VAR_DIM1_POP = {1.5555555555555554, 2.6666666666666665};

  private static Tensor a64() {
    return Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
  }

  private static Tensor a32() {
    return Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
  }

  /** 0..23 as [2, 3, 4]: element (i, j, k) = 12i + 4j + k. */
  private static Tensor b64() {
    return Tensor.arange(DType.FLOAT64, 0, 24, 1).reshape(2, 3, 4);
  }

  static void assertTensor(Tensor t, DType dtype, int[] shape, double... values) {
    assertEquals(dtype, t.dtype(), "dtype");
    assertArrayEquals(shape, t.shape(), "shape");
    assertArrayEquals(values, t.toDoubleArray(), 0.0, "values");
    assertTrue(t.isContiguous(), "result must be contiguous");
  }

  static void assertClose(Tensor t, DType dtype, int[] shape, double delta, double... values) {
    assertEquals(dtype, t.dtype(), "dtype");
    assertArrayEquals(shape, t.shape(), "shape");
    assertArrayEquals(values, t.toDoubleArray(), delta, "values");
  }

  static int[] shape(int... s) {
    return s;
  }

  @Test
  void sumOverSingleAllAndKeptDimsBothDtypes() {
    for (Tensor a : new Tensor[] {a64(), a32()}) {
      DType dt = a.dtype();
      assertTensor(a.sum(), dt, shape(), 21);
      assertTensor(a.sum(0), dt, shape(3), 5, 7, 9);
      assertTensor(a.sum(1), dt, shape(2), 6, 15);
      assertTensor(a.sum(-1, true), dt, shape(2, 1), 6, 15);
      assertTensor(a.sum(0, true), dt, shape(1, 3), 5, 7, 9);
      assertTensor(a.sum(new int[] {0, 1}, true), dt, shape(1, 1), 21);
      assertTensor(a.sum(new int[] {1, 0}, false), dt, shape(), 21);
    }
  }

  @Test
  void meanMaxMinBothDtypes() {
    for (Tensor a : new Tensor[] {a64(), a32()}) {
      DType dt = a.dtype();
      assertTensor(a.mean(), dt, shape(), 3.5);
      assertTensor(a.mean(0), dt, shape(3), 2.5, 3.5, 4.5);
      assertTensor(a.mean(1, true), dt, shape(2, 1), 2, 5);
      assertTensor(a.max(), dt, shape(), 6);
      assertTensor(a.max(0, false), dt, shape(3), 4, 5, 6);
      assertTensor(a.max(1, true), dt, shape(2, 1), 3, 6);
      assertTensor(a.min(), dt, shape(), 1);
      assertTensor(a.min(0, true), dt, shape(1, 3), 1, 2, 3);
      assertTensor(a.min(1, false), dt, shape(2), 1, 4);
    }
  }

  @Test
  void multipleDimsOfA3dTensor() {
    Tensor b = b64();
    // sum over i and k of 12i + 4j + k = 32j + 60
    assertTensor(b.sum(new int[] {0, 2}, false), DType.FLOAT64, shape(3), 60, 92, 124);
    assertTensor(b.sum(new int[] {2, 0}, true), DType.FLOAT64, shape(1, 3, 1), 60, 92, 124);
    assertTensor(b.sum(new int[] {0, 1}, false), DType.FLOAT64, shape(4), 60, 66, 72, 78);
    assertTensor(b.mean(new int[] {1, 2}, false), DType.FLOAT64, shape(2), 5.5, 17.5);
    assertTensor(b.max(new int[] {0, 2}, true), DType.FLOAT64, shape(1, 3, 1), 15, 19, 23);
    assertTensor(b.min(new int[] {-1, -2}, false), DType.FLOAT64, shape(2), 0, 12);
    // sum over the middle dim: outer and inner both kept
    assertTensor(b.sum(1), DType.FLOAT64, shape(2, 4), 12, 15, 18, 21, 48, 51, 54, 57);
  }

  @Test
  void transposedViewGivesTheValuesOfItsContiguousCopy() {
    for (Tensor a : new Tensor[] {a64(), a32()}) {
      Tensor t = a.t(); // [[1, 4], [2, 5], [3, 6]], strides [1, 3]
      DType dt = a.dtype();
      assertTensor(t.sum(0), dt, shape(2), 6, 15);
      assertTensor(t.sum(1), dt, shape(3), 5, 7, 9);
      assertTensor(t.sum(), dt, shape(), 21);
      assertTensor(t.mean(1, true), dt, shape(3, 1), 2.5, 3.5, 4.5);
      assertTensor(t.max(0, false), dt, shape(2), 3, 6);
      assertTensor(t.min(1, false), dt, shape(3), 1, 2, 3);
      Tensor c = t.contiguous();
      assertArrayEquals(c.sum(0).toDoubleArray(), t.sum(0).toDoubleArray(), 0.0);
      assertArrayEquals(c.var(1, false).toDoubleArray(), t.var(1, false).toDoubleArray(), 0.0);
    }
  }

  @Test
  void permutedNarrowedAndExpandedViews() {
    Tensor b = b64();
    Tensor p = b.permute(2, 0, 1); // [4, 2, 3]
    Tensor pc = p.contiguous();
    for (int[] dims : new int[][] {{0}, {1}, {2}, {0, 1}, {0, 2}, {1, 2}, {0, 1, 2}}) {
      assertArrayEquals(pc.sum(dims, false).toDoubleArray(), p.sum(dims, false).toDoubleArray(), 0.0);
      assertArrayEquals(pc.max(dims, true).toDoubleArray(), p.max(dims, true).toDoubleArray(), 0.0);
      assertArrayEquals(pc.min(dims, false).toDoubleArray(), p.min(dims, false).toDoubleArray(), 0.0);
    }
    Tensor n = b.narrow(2, 1, 2); // 12i + 4j + k for k in {1, 2}
    assertTensor(n.sum(2), DType.FLOAT64, shape(2, 3), 3, 11, 19, 27, 35, 43);
    assertTensor(n.sum(0), DType.FLOAT64, shape(3, 2), 14, 16, 22, 24, 30, 32);
    assertTensor(n.max(), DType.FLOAT64, shape(), 22);
    assertTensor(n.narrow(0, 1, 1).min(), DType.FLOAT64, shape(), 13);

    Tensor e = Tensor.of(new float[] {1, 2, 3}, 1, 3).expand(4, 3); // stride 0 on dim 0
    assertTensor(e.sum(0), DType.FLOAT32, shape(3), 4, 8, 12);
    assertTensor(e.sum(1), DType.FLOAT32, shape(4), 6, 6, 6, 6);
    assertTensor(e.sum(), DType.FLOAT32, shape(), 24);
    assertTensor(e.mean(0, true), DType.FLOAT32, shape(1, 3), 1, 2, 3);
    assertTensor(e.var(0, false), DType.FLOAT32, shape(3), 0, 0, 0);
  }

  @Test
  void float32IsAccumulatedInDoubleAndRoundedOnce() {
    // In float arithmetic 1e8 + 1 rounds back to 1e8, so a float accumulator returns 0 here.
    Tensor x = Tensor.of(new float[] {1e8f, 1f, -1e8f});
    assertTensor(x.sum(), DType.FLOAT32, shape(), 1);
    assertTensor(Tensor.of(new float[] {1e8f, 1f, -1e8f, 2f}).mean(), DType.FLOAT32, shape(), 0.75);
  }

  @Test
  void zeroDimensionalInputIsItsOwnReduction() {
    for (DType dt : DType.values()) {
      Tensor s = Tensor.scalar(3.5, dt);
      assertTensor(s.sum(), dt, shape(), 3.5);
      assertTensor(s.sum(0), dt, shape(), 3.5);
      assertTensor(s.sum(-1, true), dt, shape(), 3.5);
      assertTensor(s.mean(), dt, shape(), 3.5);
      assertTensor(s.max(), dt, shape(), 3.5);
      assertTensor(s.min(0, true), dt, shape(), 3.5);
      // torch.tensor(3.5).var() is nan: one element, correction 1
      assertTensor(s.var(), dt, shape(), NAN);
      assertTensor(s.var(new int[0], 0, false), dt, shape(), 0);
    }
  }

  @Test
  void emptyInputsFollowTorch() {
    Tensor z = Tensor.zeros(DType.FLOAT64, 0, 3);
    assertTensor(z.sum(), DType.FLOAT64, shape(), 0);
    assertTensor(z.sum(0), DType.FLOAT64, shape(3), 0, 0, 0);
    assertTensor(z.sum(1), DType.FLOAT64, shape(0));
    assertTensor(z.sum(1, true), DType.FLOAT64, shape(0, 1));
    assertTensor(z.mean(), DType.FLOAT64, shape(), NAN);
    assertTensor(z.mean(0), DType.FLOAT64, shape(3), NAN, NAN, NAN);
    assertTensor(z.var(0, false), DType.FLOAT64, shape(3), NAN, NAN, NAN);
    // max over the non-empty dim of an empty tensor is an empty result, not an error
    assertTensor(z.max(1, false), DType.FLOAT64, shape(0));
    assertTensor(Tensor.zeros(0).sum(), DType.FLOAT32, shape(), 0);
  }

  @Test
  void maxAndMinOverAnEmptyExtentNameTheOpAndShape() {
    Tensor z = Tensor.zeros(0, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> z.max(0, false));
    assertTrue(e.getMessage().startsWith("max: cannot reduce over dim 0 of size 0 in shape [0, 3]; "), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, z::max);
    assertTrue(e.getMessage().contains("max: cannot reduce over dim 0 of size 0 in shape [0, 3]"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> z.min(new int[] {0, 1}, true));
    assertTrue(e.getMessage().startsWith("min: cannot reduce over dim 0 of size 0 in shape [0, 3]"), e.getMessage());
    assertTrue(e.getMessage().contains("minimum"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, 0).min(-1, false));
    assertTrue(e.getMessage().startsWith("min: cannot reduce over dim 1 of size 0 in shape [2, 0]"), e.getMessage());
  }

  @Test
  void nanPropagatesThroughMaxAndMinInBothLoopShapes() {
    Tensor x = Tensor.of(new double[] {1, NAN, 3});
    assertTensor(x.max(), DType.FLOAT64, shape(), NAN);
    assertTensor(x.min(), DType.FLOAT64, shape(), NAN);
    Tensor m = Tensor.of(new float[] {1, FNAN, 2, 3}, 2, 2);
    assertTensor(m.max(1, false), DType.FLOAT32, shape(2), NAN, 3); // fold along rows
    assertTensor(m.max(0, false), DType.FLOAT32, shape(2), 2, NAN); // rows spread into a row
    assertTensor(m.min(0, false), DType.FLOAT32, shape(2), 1, NAN);
    assertTensor(m.sum(0), DType.FLOAT32, shape(2), 3, NAN);
    Tensor inf = Tensor.of(new double[] {-INF, -INF});
    assertTensor(inf.max(), DType.FLOAT64, shape(), -INF);
    assertTensor(inf.min(), DType.FLOAT64, shape(), -INF);
  }

  @Test
  void varianceMatchesTorchGoldens() {
    for (Tensor v : new Tensor[] {
        Tensor.of(new double[] {1, 2, 4, 3, 7, 5}, 2, 3), Tensor.of(new float[] {1, 2, 4, 3, 7, 5}, 2, 3)}) {
      DType dt = v.dtype();
      double tol = dt == DType.FLOAT64 ? 1e-15 : 1e-6;
      assertClose(v.var(), dt, shape(), tol, VAR_ALL);
      assertClose(v.var(new int[] {0, 1}, 0, false), dt, shape(), tol, VAR_ALL_POP);
      assertClose(v.var(0, false), dt, shape(3), tol, VAR_DIM0);
      assertClose(v.var(1, true), dt, shape(2, 1), tol, VAR_DIM1);
      assertClose(v.var(new int[] {1}, 0, false), dt, shape(2), tol, VAR_DIM1_POP);
      // the same numbers read through a transposed view
      assertClose(v.t().var(0, false), dt, shape(2), tol, VAR_DIM1);
      assertClose(v.t().var(1, false), dt, shape(3), tol, VAR_DIM0);
    }
  }

  @Test
  void varianceWithCorrectionAtLeastNGivesInfOrNanLikeTorch() {
    Tensor x = Tensor.of(new double[] {1, 2});
    assertTensor(x.var(new int[] {0}, 2, false), DType.FLOAT64, shape(), INF);
    assertTensor(x.var(new int[] {0}, 3, false), DType.FLOAT64, shape(), INF);
    assertTensor(Tensor.of(new double[] {1, 1}).var(new int[] {0}, 2, false), DType.FLOAT64, shape(), NAN);
    assertTensor(Tensor.zeros(DType.FLOAT64, 0).var(), DType.FLOAT64, shape(), NAN);
  }

  @Test
  void varianceIsTwoPassAndSurvivesALargeOffset() {
    // E[x^2] - E[x]^2 loses every digit here; the two-pass form gives exactly 1.
    Tensor x = Tensor.of(new double[] {1e9 + 1, 1e9 + 2, 1e9 + 3});
    assertTensor(x.var(), DType.FLOAT64, shape(), 1);
  }

  @Test
  void resultsAreFreshTensors() {
    Tensor s = Tensor.scalar(2.0, DType.FLOAT64);
    Tensor r = s.sum();
    assertTrue(r.storage != s.storage, "a reduction must not share the input's storage");
  }
}
