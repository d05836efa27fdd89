package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Values of the binary kernels in both dtypes: arithmetic, maximum/minimum, comparisons, promotion. */
class ElementwiseTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  private static Tensor d(double... v) {
    return Tensor.of(v);
  }

  private static Tensor f(float... v) {
    return Tensor.of(v);
  }

  @Test
  void arithmeticFloat64() {
    Tensor a = Tensor.of(new double[] {1, -2, 3.5, 0, 10, -7}, 2, 3);
    Tensor b = Tensor.of(new double[] {4, 0.5, -1, 2, 3, 8}, 2, 3);
    assertArrayEquals(new double[] {5, -1.5, 2.5, 2, 13, 1}, a.add(b).toDoubleArray());
    assertArrayEquals(new double[] {-3, -2.5, 4.5, -2, 7, -15}, a.sub(b).toDoubleArray());
    assertArrayEquals(new double[] {4, -1, -3.5, 0, 30, -56}, a.mul(b).toDoubleArray());
    assertArrayEquals(new double[] {0.25, -4, -3.5, 0, 10.0 / 3.0, -0.875}, a.div(b).toDoubleArray());
    assertArrayEquals(new int[] {2, 3}, a.add(b).shape());
    assertEquals(DType.FLOAT64, a.add(b).dtype());
  }

  @Test
  void arithmeticFloat64RoundsLikeIeee() {
    // 0.1 + 0.2 = 0.30000000000000004 in float64, as in PyTorch and numpy.
    assertEquals(0.30000000000000004, d(0.1).add(d(0.2)).item());
    assertEquals(1.0 / 3.0, d(1).div(d(3)).item());
  }

  /** Goldens from tools/golden/elementwise.py ("float32 arithmetic"): torch float32, bit for bit. */
  @Test
  void arithmeticFloat32IsBitIdenticalToPyTorch() {
    Tensor a = f(0.100000001f, 1f, 0.333333343f, 9.99999994e-09f, 16777216f, 3.39999995e+38f);
    Tensor b = f(0.200000003f, 3f, 7f, 1f, 1f, 10f);
    assertArrayEquals(new float[] {0.300000012f, 4f, 7.33333349f, 1f, 16777216f, 3.39999995e+38f},
        a.add(b).toFloatArray());
    assertArrayEquals(new float[] {-0.100000001f, -2f, -6.66666651f, -1f, 16777215f, 3.39999995e+38f},
        a.sub(b).toFloatArray());
    assertArrayEquals(new float[] {0.0200000014f, 3f, 2.33333349f, 9.99999994e-09f, 16777216f, Float.POSITIVE_INFINITY},
        a.mul(b).toFloatArray());
    assertArrayEquals(new float[] {0.5f, 0.333333343f, 0.0476190485f, 9.99999994e-09f, 16777216f, 3.3999999e+37f},
        a.div(b).toFloatArray());
    assertEquals(DType.FLOAT32, a.add(b).dtype());
  }

  @Test
  void float32ScalarPathsAlsoComputeInFloat() {
    Tensor a = f(0.1f, 1f, 16777216f);
    // A Java double becomes a float32 scalar: 0.2 rounds to 0.2f, and the sum is a float sum.
    assertArrayEquals(new float[] {0.1f + 0.2f, 1f + 0.2f, 16777216f}, a.add(0.2).toFloatArray());
    assertArrayEquals(new float[] {0.1f / 3f, 1f / 3f, 16777216f / 3f}, a.div(3.0).toFloatArray());
    assertArrayEquals(new float[] {1f - 0.1f, 0f, 1f - 16777216f}, a.rsub(1.0).toFloatArray());
    assertEquals(DType.FLOAT32, a.add(0.2).dtype());
  }

  @Test
  void scalarOnTheLeftOfSubAndDiv() {
    Tensor b = Tensor.of(new double[] {1, 2, 4, 8}, 2, 2);
    Tensor three = Tensor.scalar(3.0, DType.FLOAT64);
    assertArrayEquals(new double[] {2, 1, -1, -5}, three.sub(b).toDoubleArray());
    assertArrayEquals(new double[] {3, 1.5, 0.75, 0.375}, three.div(b).toDoubleArray());
    assertArrayEquals(new double[] {4, 5, 7, 11}, three.add(b).toDoubleArray());
    assertArrayEquals(new double[] {3, 3, 4, 8}, three.maximum(b).toDoubleArray());
    assertArrayEquals(new double[] {2, 1, -1, -5}, b.rsub(3.0).toDoubleArray());
    Tensor bf = f(1, 2, 4, 8);
    Tensor threeF = Tensor.scalar(3.0);
    assertArrayEquals(new float[] {2, 1, -1, -5}, threeF.sub(bf).toFloatArray());
    assertArrayEquals(new float[] {3f, 1.5f, 0.75f, 0.375f}, threeF.div(bf).toFloatArray());
  }

  @Test
  void divisionByZeroFollowsIeee() {
    Tensor num = d(1, -1, 0, 1, NAN);
    Tensor den = d(0, 0, 0, -0.0, 0);
    assertArrayEquals(new double[] {INF, -INF, NAN, -INF, NAN}, num.div(den).toDoubleArray());
    assertArrayEquals(new float[] {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN},
        f(1, -1, 0).div(0.0).toFloatArray());
  }

  @Test
  void maximumMinimumPropagateNaNLikeTorch() {
    Tensor a = d(1, 5, NAN, 2, -INF, NAN);
    Tensor b = d(3, 4, 1, NAN, 0, NAN);
    assertArrayEquals(new double[] {3, 5, NAN, NAN, 0, NAN}, a.maximum(b).toDoubleArray());
    assertArrayEquals(new double[] {1, 4, NAN, NAN, -INF, NAN}, a.minimum(b).toDoubleArray());
    Tensor af = f(1, 5, Float.NaN, 2);
    Tensor bf = f(3, 4, 1, Float.NaN);
    assertArrayEquals(new float[] {3, 5, Float.NaN, Float.NaN}, af.maximum(bf).toFloatArray());
    assertArrayEquals(new float[] {1, 4, Float.NaN, Float.NaN}, af.minimum(bf).toFloatArray());
    // against a broadcast scalar (the constant loop) and a strided view (the strided loop)
    assertArrayEquals(new double[] {2, 5, NAN, 2, 2, NAN}, a.maximum(Tensor.scalar(2, DType.FLOAT64)).toDoubleArray());
    Tensor t = Tensor.of(new double[] {1, NAN, 3, 4}, 2, 2).transpose(0, 1);
    assertArrayEquals(new double[] {1, 2.5, NAN, 2.5},
        t.minimum(Tensor.of(new double[] {2.5, 2.5, 2.5, 2.5}, 2, 2)).toDoubleArray());
  }

  @Test
  void comparisonsGiveOneAndZeroInThePromotedDtype() {
    Tensor a = d(1, 2, 3, NAN, -0.0);
    Tensor b = d(2, 2, 2, 1, 0.0);
    assertArrayEquals(new double[] {0, 0, 1, 0, 0}, a.gt(b).toDoubleArray());
    assertArrayEquals(new double[] {0, 1, 1, 0, 1}, a.ge(b).toDoubleArray());
    assertArrayEquals(new double[] {1, 0, 0, 0, 0}, a.lt(b).toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 0, 0, 1}, a.le(b).toDoubleArray());
    assertArrayEquals(new double[] {0, 1, 0, 0, 1}, a.eq(b).toDoubleArray());
    assertArrayEquals(new double[] {1, 0, 1, 1, 0}, a.ne(b).toDoubleArray());
    assertEquals(DType.FLOAT64, a.gt(b).dtype());

    Tensor af = f(1, 2, 3, Float.NaN);
    assertArrayEquals(new float[] {0, 0, 1, 0}, af.gt(2.0).toFloatArray());
    assertArrayEquals(new float[] {0, 1, 1, 0}, af.ge(2.0).toFloatArray());
    assertArrayEquals(new float[] {1, 0, 0, 0}, af.lt(2.0).toFloatArray());
    assertArrayEquals(new float[] {1, 1, 0, 0}, af.le(2.0).toFloatArray());
    assertArrayEquals(new float[] {0, 1, 0, 0}, af.eq(2.0).toFloatArray());
    assertEquals(DType.FLOAT32, af.gt(2.0).dtype());
    assertEquals(DType.FLOAT64, af.gt(d(2)).dtype());
  }

  @Test
  void comparisonsBroadcast() {
    Tensor col = Tensor.of(new double[] {1, 2, 3}, 3, 1);
    Tensor row = Tensor.of(new double[] {1, 2, 3}, 1, 3);
    Tensor gt = col.gt(row);
    assertArrayEquals(new int[] {3, 3}, gt.shape());
    assertArrayEquals(new double[] {0, 0, 0, 1, 0, 0, 1, 1, 0}, gt.toDoubleArray());
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, col.eq(row).toDoubleArray());
  }

  @Test
  void float32PlusFloat64PromotesToFloat64() {
    Tensor a = f(0.1f, 1f);
    Tensor b = d(0.2, 3);
    Tensor sum = a.add(b);
    assertEquals(DType.FLOAT64, sum.dtype());
    // The float32 operand is widened exactly, then the sum is a double sum, as in torch.
    assertArrayEquals(new double[] {(double) 0.1f + 0.2, 4}, sum.toDoubleArray());
    assertEquals(DType.FLOAT64, b.mul(a).dtype());
    assertArrayEquals(new double[] {0.2 * (double) 0.1f, 3}, b.mul(a).toDoubleArray());
    assertArrayEquals(new double[] {0.2 - (double) 0.1f, 2}, b.sub(a).toDoubleArray());
  }

  @Test
  void float32TensorWithJavaDoubleStaysFloat32() {
    Tensor a = f(1f, 2f);
    assertEquals(DType.FLOAT32, a.add(0.1).dtype());
    assertEquals(DType.FLOAT32, a.mul(1e-3).dtype());
    assertEquals(DType.FLOAT32, a.sub(2.5).dtype());
    assertEquals(DType.FLOAT32, a.div(7.0).dtype());
    assertArrayEquals(new float[] {1f * 0.001f, 2f * 0.001f}, a.mul(1e-3).toFloatArray());
    assertEquals(DType.FLOAT64, d(1).add(0.1).dtype());
  }

  @Test
  void scalarTimesScalarIsZeroDimensional() {
    Tensor s = Tensor.scalar(2.0, DType.FLOAT64).mul(Tensor.scalar(4.0, DType.FLOAT64));
    assertEquals(0, s.dim());
    assertEquals(8.0, s.item());
    Tensor m = Tensor.scalar(2.5).sub(Tensor.scalar(0.5, DType.FLOAT64));
    assertEquals(DType.FLOAT64, m.dtype());
    assertEquals(2.0, m.item());
  }

  @Test
  void resultIsFreshAndContiguous() {
    Tensor a = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor r = a.transpose(0, 1).add(1.0);
    assertArrayEquals(new int[] {3, 2}, r.shape());
    assertArrayEquals(new int[] {2, 1}, r.stride());
    assertArrayEquals(new double[] {2, 5, 3, 6, 4, 7}, r.toDoubleArray());
    // adding zero still copies: writing the result must not touch the input
    Tensor same = a.add(0.0);
    same.fill(9);
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, a.toDoubleArray());
  }

  @Test
  void inPlaceAddUsesTheKernels() {
    Tensor p = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    p.addInPlace(Tensor.of(new double[] {10, 20}), -0.5);
    assertArrayEquals(new double[] {-4, -8, -2, -6}, p.toDoubleArray());
  }
}
