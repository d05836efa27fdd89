package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The exact unary kernels (neg, abs, sqrt, relu), pow and clamp, in both dtypes and on views. */
class UnaryOpsTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;
  private static final float NANF = Float.NaN;
  private static final float INFF = Float.POSITIVE_INFINITY;

  @Test
  void negAbsSqrt() {
    Tensor x = Tensor.of(new double[] {-2, -0.0, 0, 2.25, INF, NAN});
    assertArrayEquals(new double[] {2, 0.0, -0.0, -2.25, -INF, NAN}, x.neg().toDoubleArray());
    assertArrayEquals(new double[] {2, 0.0, 0, 2.25, INF, NAN}, x.abs().toDoubleArray());
    assertArrayEquals(new double[] {NAN, -0.0, 0, 1.5, INF, NAN}, x.sqrt().toDoubleArray());
    Tensor xf = Tensor.of(new float[] {-2, -0.0f, 0, 2.25f, INFF, NANF});
    assertArrayEquals(new float[] {2, 0.0f, -0.0f, -2.25f, -INFF, NANF}, xf.neg().toFloatArray());
    assertArrayEquals(new float[] {2, 0.0f, 0, 2.25f, INFF, NANF}, xf.abs().toFloatArray());
    assertArrayEquals(new float[] {NANF, -0.0f, 0, 1.5f, INFF, NANF}, xf.sqrt().toFloatArray());
    // the float32 square root is correctly rounded (2 is not a perfect square)
    assertEquals((float) Math.sqrt(2.0), Tensor.of(new float[] {2f}).sqrt().item(), 0.0);
    assertEquals(DType.FLOAT32, xf.sqrt().dtype());
  }

  @Test
  void reluKeepsNaNAndGivesPositiveZero() {
    Tensor x = Tensor.of(new double[] {-3, -0.0, 0, 0.5, NAN, -INF, INF});
    // relu(-0.0) is +0.0 here; PyTorch happens to return -0.0, which compares equal.
    assertArrayEquals(new double[] {0, 0.0, 0, 0.5, NAN, 0, INF}, x.relu().toDoubleArray());
    Tensor xf = Tensor.of(new float[] {-3, -0.0f, 0, 0.5f, NANF, -INFF, INFF});
    assertArrayEquals(new float[] {0, 0.0f, 0, 0.5f, NANF, 0, INFF}, xf.relu().toFloatArray());
  }

  // tools/golden/elementwise.py, "pow <e>": torch float64 and float32 at POW_X
  private static final double[] POW_X = {0.0, 0.5, 1.5, 2.0, 3.0, 10.0};

  @Test
  void powGeneralExponentsMatchPyTorch() {
    MathFunctionsTest.checkF64("pow 2.5", POW_X, new double[] {0.0, 0.1767766952966369, 2.7556759606310752,
        5.656854249492381, 15.588457268119896, 316.22776601683796}, t -> t.pow(2.5), 1e-15);
    MathFunctionsTest.checkF32("pow 2.5", POW_X, new float[] {0f, 0.176776692f, 2.75567603f, 5.65685415f,
        15.5884571f, 316.227753f}, t -> t.pow(2.5), 1);
    MathFunctionsTest.checkF64("pow -0.5", POW_X, new double[] {INF, 1.414213562373095, 0.8164965809277261,
        0.7071067811865475, 0.5773502691896258, 0.31622776601683794}, t -> t.pow(-0.5), 1e-15);
    MathFunctionsTest.checkF32("pow -0.5", POW_X, new float[] {INFF, 1.41421354f, 0.816496551f, 0.707106769f,
        0.577350259f, 0.316227764f}, t -> t.pow(-0.5), 1);
    UnaryOperator<Tensor> cubeRoot = t -> t.pow(1.0 / 3.0);
    MathFunctionsTest.checkF64("pow 1/3", POW_X, new double[] {0.0, 0.7937005259840998, 1.1447142425533319,
        1.2599210498948732, 1.4422495703074083, 2.154434690031884}, cubeRoot, 1e-15);
    MathFunctionsTest.checkF32("pow 1/3", POW_X, new float[] {0f, 0.793700516f, 1.14471424f, 1.25992107f,
        1.44224954f, 2.15443468f}, cubeRoot, 1);
    MathFunctionsTest.checkF64("pow -2", POW_X, new double[] {INF, 4.0, 0.4444444444444444, 0.25,
        0.1111111111111111, 0.01}, t -> t.pow(-2), 1e-15);
    MathFunctionsTest.checkF32("pow -2", POW_X, new float[] {INFF, 4f, 0.444444448f, 0.25f, 0.111111112f,
        0.00999999978f}, t -> t.pow(-2), 1);
    MathFunctionsTest.checkF64("pow 0.1", POW_X, new double[] {0.0, 0.9330329915368074, 1.0413797439924106,
        1.0717734625362931, 1.1161231740339044, 1.2589254117941673}, t -> t.pow(0.1), 1e-15);
    MathFunctionsTest.checkF32("pow 0.1", POW_X, new float[] {0f, 0.93303299f, 1.04137969f, 1.07177341f,
        1.1161232f, 1.25892544f}, t -> t.pow(0.1), 1);
  }

  @Test
  void powSpecialExponentsAreExact() {
    Tensor x = Tensor.of(new double[] {-3, -0.0, 0.5, 1.1, NAN, -INF});
    assertArrayEquals(new double[] {9, 0.0, 0.25, 1.1 * 1.1, NAN, INF}, x.pow(2).toDoubleArray());
    assertArrayEquals(new double[] {-27, -0.0, 0.125, 1.1 * 1.1 * 1.1, NAN, -INF}, x.pow(3).toDoubleArray());
    assertArrayEquals(new double[] {-3, -0.0, 0.5, 1.1, NAN, -INF}, x.pow(1).toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, x.pow(0).toDoubleArray()); // NaN^0 = 1, as in torch
    // 0.5 is a square root, as in torch: sqrt(-0.0) = -0.0 and sqrt(-inf) = NaN (Math.pow differs)
    assertArrayEquals(new double[] {NAN, -0.0, Math.sqrt(0.5), Math.sqrt(1.1), NAN, NAN}, x.pow(0.5).toDoubleArray());
    assertArrayEquals(new double[] {-1.0 / 3, -INF, 2, 1 / 1.1, NAN, -0.0}, x.pow(-1).toDoubleArray());
    Tensor xf = Tensor.of(new float[] {-3, 0.5f, 1.1f});
    assertArrayEquals(new float[] {9, 0.25f, 1.1f * 1.1f}, xf.pow(2).toFloatArray());
    assertArrayEquals(new float[] {-27, 0.125f, 1.1f * 1.1f * 1.1f}, xf.pow(3).toFloatArray());
    assertArrayEquals(new float[] {-1f / 3f, 2, 1f / 1.1f}, xf.pow(-1).toFloatArray());
    assertArrayEquals(new float[] {1, 1, 1}, xf.pow(0).toFloatArray());
    assertEquals(DType.FLOAT32, xf.pow(2.5).dtype());
  }

  @Test
  void powOfANegativeBaseToANonIntegerIsNaN() {
    double[] got = Tensor.of(new double[] {-8, -2, -1}).pow(1.0 / 3.0).toDoubleArray();
    assertArrayEquals(new double[] {NAN, NAN, NAN}, got);
    // integer exponents of negative bases are fine: (-2)^-3 = -0.125, (-0.5)^-3 = -8
    assertArrayEquals(new double[] {-0.125, -8, -1}, Tensor.of(new double[] {-2, -0.5, -1}).pow(-3.0).toDoubleArray());
    assertArrayEquals(new float[] {NANF, 2}, Tensor.of(new float[] {-8, 8}).pow(1.0 / 3.0).toFloatArray());
  }

  /**
   * The float32 power keeps the double exponent: torch 1.13 on these six elements (its scalar
   * path; tools/golden/elementwise.py, "pow float32, double exponent"). Its SIMD path for longer
   * tensors rounds 0.1 to float first and gives 1000.00012f for the first.
   */
  @Test
  void powFloat32UsesTheExponentAsGiven() {
    Tensor x = Tensor.of(new float[] {1.00000002e+30f, 2.99999998e+25f, 7.49999997e+20f, 123456.703f, 1e-30f,
        4.99999984e-20f});
    assertArrayEquals(new float[] {1000f, 352.949127f, 122.322441f, 3.22962022f, 0.00100000005f, 0.0117461896f},
        x.pow(0.1).toFloatArray());
  }

  @Test
  void clampBothSidesAndOpenSides() {
    Tensor x = Tensor.of(new double[] {-5, -1, 0, 0.5, 1, 7, NAN, -INF, INF});
    assertArrayEquals(new double[] {-1, -1, 0, 0.5, 1, 1, NAN, -1, 1}, x.clamp(-1, 1).toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 0, 0.5, 1, 7, NAN, 0, INF}, x.clampMin(0).toDoubleArray());
    assertArrayEquals(new double[] {-5, -1, 0, 0.5, 0.75, 0.75, NAN, -INF, 0.75}, x.clampMax(0.75).toDoubleArray());
    assertArrayEquals(new double[] {2, 2, 2, 2, 2, 2, NAN, 2, 2}, x.clamp(2, 2).toDoubleArray());
    Tensor xf = Tensor.of(new float[] {-5, 0.05f, 0.5f, NANF});
    // float32 bounds are rounded to float first, as PyTorch does
    assertArrayEquals(new float[] {0.1f, 0.1f, 0.3f, NANF}, xf.clamp(0.1, 0.3).toFloatArray());
    assertArrayEquals(new float[] {-5, 0.05f, 0.25f, NANF}, xf.clampMax(0.25).toFloatArray());
    assertEquals(DType.FLOAT32, xf.clampMin(0).dtype());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.clamp(2, 1));
    assertTrue(e.getMessage().startsWith("clamp:"), e.getMessage());
  }

  @Test
  void oneInputOpsOnViewsMatchTheirContiguousCopies() {
    Tensor base = Tensor.of(new double[] {-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 3, 4);
    Tensor[] views = {
      base.transpose(0, 1),
      base.narrow(1, 1, 2),
      base.select(1, 2),
      Tensor.of(new double[] {-1.5, 2.5, 0.25}, 3, 1).expand(3, 4),
      base.to(DType.FLOAT32).transpose(0, 1).narrow(0, 1, 2),
    };
    for (Tensor v : views) {
      Tensor c = v.contiguous();
      assertArrayEquals(c.relu().toDoubleArray(), v.relu().toDoubleArray());
      assertArrayEquals(c.neg().toDoubleArray(), v.neg().toDoubleArray());
      assertArrayEquals(c.exp().toDoubleArray(), v.exp().toDoubleArray());
      assertArrayEquals(c.sigmoid().toDoubleArray(), v.sigmoid().toDoubleArray());
      assertArrayEquals(c.gelu().toDoubleArray(), v.gelu().toDoubleArray());
      assertArrayEquals(c.pow(2).toDoubleArray(), v.pow(2).toDoubleArray());
      assertArrayEquals(c.pow(1.7).toDoubleArray(), v.pow(1.7).toDoubleArray());
      assertArrayEquals(c.clamp(-1, 2).toDoubleArray(), v.clamp(-1, 2).toDoubleArray());
      assertArrayEquals(v.shape(), v.tanh().shape());
      assertTrue(v.abs().isContiguous());
    }
    // values, not just agreement: the transposed view squared
    assertArrayEquals(new double[] {4, 4, 36, 1, 9, 49, 0, 16, 64, 1, 25, 81}, base.transpose(0, 1).pow(2).toDoubleArray());
    // the view's source is left untouched by the in-place gather
    assertArrayEquals(new double[] {-2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, base.toDoubleArray());
  }

  @Test
  void emptyAndZeroDimensionalTensors() {
    Tensor empty = Tensor.zeros(DType.FLOAT64, 0, 3);
    for (Tensor r : new Tensor[] {empty.exp(), empty.relu(), empty.pow(2.5), empty.clamp(0, 1), empty.erf()}) {
      assertArrayEquals(new int[] {0, 3}, r.shape());
      assertEquals(0, r.numel());
    }
    Tensor s = Tensor.scalar(-2.0, DType.FLOAT64);
    assertEquals(0, s.abs().dim());
    assertEquals(2.0, s.abs().item());
    assertEquals(4.0, s.pow(2).item());
    assertEquals(0.0, s.relu().item());
  }
}
