package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Tensor factories and the seeded generator. */
class FactoriesTest {
  @Test
  void ofCopiesTheArrayAndPicksTheDtypeFromIt() {
    double[] d = {1, 2, 3, 4, 5, 6};
    Tensor t = Tensor.of(d, 2, 3);
    d[0] = 100;
    assertEquals(DType.FLOAT64, t.dtype());
    assertArrayEquals(new int[] {2, 3}, t.shape());
    assertArrayEquals(new int[] {3, 1}, t.stride());
    assertEquals(6, t.numel());
    assertTrue(t.isContiguous());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, t.toDoubleArray(), 0.0);
    assertEquals(6.0, t.get(1, 2));
    assertEquals(4.0, t.get(-1, 0));

    float[] f = {1.5f, -2.5f};
    Tensor u = Tensor.of(f);
    f[1] = 0;
    assertEquals(DType.FLOAT32, u.dtype());
    assertArrayEquals(new int[] {2}, u.shape());
    assertArrayEquals(new float[] {1.5f, -2.5f}, u.toFloatArray(), 0f);
    assertArrayEquals(new int[] {2}, Tensor.of(new double[] {1, 2}).shape());
    assertEquals(DType.FLOAT32, Tensor.of(new float[] {1, 2, 3, 4}, 2, 2).dtype());
  }

  @Test
  void explicitEmptyShapeMakesAZeroDimTensor() {
    Tensor t = Tensor.of(new double[] {7}, new int[0]);
    assertEquals(0, t.dim());
    assertEquals(1, t.numel());
    assertArrayEquals(new int[0], t.shape());
    assertEquals(7.0, t.item());
    assertEquals(7.0, t.get());
  }

  @Test
  void ofRowsMakesMatricesAndRejectsRaggedRows() {
    Tensor d = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
    assertEquals(DType.FLOAT64, d.dtype());
    assertArrayEquals(new int[] {2, 3}, d.shape());
    assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, d.toDoubleArray(), 0.0);
    Tensor f = Tensor.of(new float[][] {{1}, {2}});
    assertEquals(DType.FLOAT32, f.dtype());
    assertArrayEquals(new int[] {2, 1}, f.shape());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Tensor.of(new double[][] {{1, 2}, {3}}));
    assertTrue(e.getMessage().contains("Tensor.of: row 1 has 1 values but row 0 has 2"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.of(new float[][] {{1, 2}, {3, 4, 5}}));
  }

  @Test
  void scalarsAreZeroDimAndFloat32ByDefault() {
    Tensor s = Tensor.scalar(2.5);
    assertEquals(0, s.dim());
    assertEquals(DType.FLOAT32, s.dtype());
    assertEquals(2.5, s.item());
    Tensor d = Tensor.scalar(0.1, DType.FLOAT64);
    assertEquals(DType.FLOAT64, d.dtype());
    assertEquals(0.1, d.item());
    assertEquals((double) 0.1f, Tensor.scalar(0.1).item());
  }

  @Test
  void zerosOnesFullAndLikes() {
    Tensor z = Tensor.zeros(2, 3);
    assertEquals(DType.FLOAT32, z.dtype());
    assertArrayEquals(new int[] {2, 3}, z.shape());
    assertArrayEquals(new double[6], z.toDoubleArray(), 0.0);
    assertEquals(0, Tensor.zeros().dim());
    assertEquals(0, Tensor.zeros(3, 0).numel());

    Tensor o = Tensor.ones(DType.FLOAT64, 2);
    assertEquals(DType.FLOAT64, o.dtype());
    assertArrayEquals(new double[] {1, 1}, o.toDoubleArray(), 0.0);
    assertEquals(DType.FLOAT32, Tensor.ones(3).dtype());

    Tensor f = Tensor.full(7.5, 2, 2);
    assertEquals(DType.FLOAT32, f.dtype());
    assertArrayEquals(new double[] {7.5, 7.5, 7.5, 7.5}, f.toDoubleArray(), 0.0);
    Tensor nan = Tensor.full(DType.FLOAT64, Double.NaN, 1);
    assertTrue(Double.isNaN(nan.get(0)));
    assertEquals((double) (float) 0.1, Tensor.full(0.1, 1).get(0));

    Tensor base = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2).t();
    Tensor zl = Tensor.zerosLike(base);
    assertEquals(DType.FLOAT64, zl.dtype());
    assertArrayEquals(new int[] {2, 3}, zl.shape());
    assertTrue(zl.isContiguous());
    assertArrayEquals(new double[6], zl.toDoubleArray(), 0.0);
    Tensor ol = Tensor.onesLike(Tensor.zeros(4));
    assertEquals(DType.FLOAT32, ol.dtype());
    assertArrayEquals(new double[] {1, 1, 1, 1}, ol.toDoubleArray(), 0.0);
  }

  @Test
  void arangeMatchesTorch() {
    assertArrayEquals(new double[] {0, 1, 2, 3, 4}, Tensor.arange(5).toDoubleArray(), 0.0);
    assertEquals(DType.FLOAT32, Tensor.arange(5).dtype());
    assertArrayEquals(ARANGE_0_1_STEP_0_1, Tensor.arange(0, 1, 0.1).toFloatArray(), 0f);
    assertArrayEquals(ARANGE_5_1_STEP_MINUS_1_5, Tensor.arange(5, 1, -1.5).toFloatArray(), 0f);
    Tensor d = Tensor.arange(DType.FLOAT64, -1, 1, 0.3);
    assertEquals(DType.FLOAT64, d.dtype());
    // torch's kernel computes start + i * step with a fused multiply-add, we round twice: equal to an ulp.
    assertArrayEquals(ARANGE_F64_MINUS1_1_STEP_0_3, d.toDoubleArray(), 1e-15);
    assertEquals(0, Tensor.arange(0).numel());
    assertEquals(0, Tensor.arange(2, 2, -1).numel());
    // torch refuses a step that leads away from end ("upper bound and larger bound inconsistent with
    // step sign"); an empty tensor there hid the wrong sign (issue 15)
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tensor.arange(5, 1, 1));
    assertTrue(e.getMessage().contains("arange: step 1.0 goes away from end 1.0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Tensor.arange(-3));
  }

  @Test
  void eyeHasOnesOnTheMainDiagonal() {
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Tensor.eye(3).toDoubleArray(), 0.0);
    assertEquals(DType.FLOAT32, Tensor.eye(2).dtype());
    Tensor wide = Tensor.eye(DType.FLOAT64, 2, 3);
    assertEquals(DType.FLOAT64, wide.dtype());
    assertArrayEquals(new int[] {2, 3}, wide.shape());
    assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0}, wide.toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0}, Tensor.eye(DType.FLOAT64, 3, 2).toDoubleArray(), 0.0);
    assertEquals(0, Tensor.eye(0).numel());
  }

  @Test
  void generatorFirstDrawsAreFixed() {
    Generator g = new Generator(42);
    for (long x : LONGS_42) {
      assertEquals(x, g.nextLong());
    }
    g = new Generator(42);
    for (double x : DOUBLES_42) {
      assertEquals(x, g.nextDouble());
    }
    g = new Generator(42);
    for (int x : INTS_42_BOUND_10) {
      assertEquals(x, g.nextInt(10));
    }
    g = new Generator(42);
    for (double x : GAUSSIANS_42) {
      // Python's libm and Java's StrictMath may differ in the last bit of log/sin/cos.
      assertEquals(x, g.nextGaussian(), 1e-15);
    }
  }

  @Test
  void randAndRandnFillRowMajorFromTheGenerator() {
    Tensor r = Tensor.rand(new Generator(42), 2, 3);
    assertEquals(DType.FLOAT32, r.dtype());
    assertArrayEquals(new int[] {2, 3}, r.shape());
    assertArrayEquals(RAND_F32_42, r.toFloatArray(), 0f);
    assertArrayEquals(RANDN_F32_42, Tensor.randn(new Generator(42), 3, 2).toFloatArray(), 0f);
    Tensor r64 = Tensor.rand(new Generator(42), DType.FLOAT64, 4);
    assertEquals(DType.FLOAT64, r64.dtype());
    assertArrayEquals(DOUBLES_42, r64.toDoubleArray(), 0.0);
    Tensor n64 = Tensor.randn(new Generator(42), DType.FLOAT64, 5);
    assertArrayEquals(GAUSSIANS_42, n64.toDoubleArray(), 1e-15);
  }

  @Test
  void sameSeedSameNumbersOtherSeedOtherNumbers() {
    Tensor a = Tensor.randn(new Generator(7), 4, 5);
    assertTrue(a.equal(Tensor.randn(new Generator(7), 4, 5)));
    assertFalse(a.equal(Tensor.randn(new Generator(8), 4, 5)));
    // One generator keeps going: a second tensor continues the stream instead of repeating it.
    Generator g = new Generator(7);
    Tensor first = Tensor.rand(g, 3);
    Tensor second = Tensor.rand(g, 3);
    assertFalse(first.equal(second));
    assertTrue(Tensor.rand(new Generator(7), 6).narrow(0, 3, 3).equal(second));
    assertEquals(0, Tensor.randn(new Generator(1), 0).numel());
  }

  @Test
  void randnHasMeanZeroAndStdOneRandIsUniform() {
    double[] n = Tensor.randn(new Generator(123), DType.FLOAT64, 100_000).toDoubleArray();
    double mean = 0;
    for (double x : n) {
      mean += x;
    }
    mean /= n.length;
    double var = 0;
    for (double x : n) {
      var += (x - mean) * (x - mean);
    }
    double std = Math.sqrt(var / (n.length - 1));
    // Standard errors are about 0.003 (mean) and 0.0022 (std); allow about four of them.
    assertEquals(0.0, mean, 0.013);
    assertEquals(1.0, std, 0.01);

    double[] u = Tensor.rand(new Generator(123), 100_000).toDoubleArray();
    double sum = 0;
    double lowQuarter = 0;
    for (double x : u) {
      assertTrue(x >= 0 && x < 1, "uniform value " + x);
      sum += x;
      lowQuarter += x < 0.25 ? 1 : 0;
    }
    assertEquals(0.5, sum / u.length, 0.004);
    assertEquals(0.25, lowQuarter / u.length, 0.006);
  }

  @Test
  void randomFactoriesRejectAMissingGenerator() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Tensor.randn(null, 2));
    assertTrue(e.getMessage().contains("randn: generator is null"), e.getMessage());
    NullPointerException r = assertThrows(NullPointerException.class, () -> Tensor.rand(null, DType.FLOAT64, 2));
    assertTrue(r.getMessage().startsWith("rand:"), r.getMessage());
    IllegalArgumentException b = assertThrows(IllegalArgumentException.class, () -> new Generator(1).nextInt(0));
    assertTrue(b.getMessage().contains("bound must be positive, got 0"), b.getMessage());
    assertNotEquals(new Generator(1).nextLong(), new Generator(2).nextLong());
  }

  // Produced by /usr/bin/python3 tools/golden/factories.py (PyTorch 1.13 for arange, an independent
  // Python SplitMix64/Box-Muller for the generator); regenerate there, do not edit by hand.
  static final float[] ARANGE_0_1_STEP_0_1 = {0.0f, 0.10000000149011612f, 0.20000000298023224f, 0.30000001192092896f, 0.4000000059604645f, 0.5f, 0.6000000238418579f, 0.699999988079071f, 0.800000011920929f, 0.8999999761581421f};
  static final double[] ARANGE_F64_MINUS1_1_STEP_0_3 = {-1.0, -0.7, -0.4, -0.10000000000000003, 0.19999999999999996, 0.49999999999999994, 0.7999999999999999};
  static final float[] ARANGE_5_1_STEP_MINUS_1_5 = {5.0f, 3.5f, 2.0f};
  static final long[] LONGS_42 = {-4767286540954276203L, 2949826092126892291L, 5139283748462763858L, 6349198060258255764L};
  static final double[] DOUBLES_42 = {0.7415648787718233, 0.1599103928769201, 0.27860113025513866, 0.34419071652363753};
  static final int[] INTS_42_BOUND_10 = {1, 3, 1, 5, 5, 7, 2, 3};
  static final double[] GAUSSIANS_42 = {0.8822489062222688, 1.388473285287707, -0.4508498757188601, 0.6707164409024291, 0.1883526341159315};
  static final float[] RAND_F32_42 = {0.7415648698806763f, 0.1599103957414627f, 0.27860113978385925f, 0.34419071674346924f, 0.038030169904232025f, 0.8682280778884888f};
  static final float[] RANDN_F32_42 = {0.8822488784790039f, 1.3884732723236084f, -0.45084986090660095f, 0.6707164645195007f, 0.18835262954235077f, -0.2051040232181549f};
}
