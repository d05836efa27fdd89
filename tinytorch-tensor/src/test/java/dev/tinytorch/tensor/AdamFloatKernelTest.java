package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The FLOAT32 Adam update without weight decay (the path {@link VectorAdam} takes when the Vector
 * API is on, the plain float loop otherwise) against the float formula written out here, element
 * by element, bit for bit: on moments that are subnormal, on signed zeros, on subnormal
 * gradients and second moments, at lengths with vector tails and one split over threads.
 */
class AdamFloatKernelTest {
  private static final int LARGE = 4 * Parallel.MEMORY_GRAIN + 13;

  /** torch.optim.Adam's single-tensor float formula, in its order of operations. */
  private static void reference(float[] p, float[] g, float[] m, float[] v, float step, float bc2, double beta1,
      double beta2, float eps) {
    float b1 = (float) beta1;
    float b2 = (float) beta2;
    float k1 = (float) (1 - beta1);
    float k2 = (float) (1 - beta2);
    for (int i = 0; i < p.length; i++) {
      float mi = m[i] * b1 + k1 * g[i];
      float vi = v[i] * b2 + k2 * g[i] * g[i];
      m[i] = mi;
      v[i] = vi;
      p[i] = p[i] + -step * mi / ((float) Math.sqrt(vi) / bc2 + eps);
    }
  }

  private static float subnormal(Random r) {
    return Float.intBitsToFloat(r.nextInt(0x00800000) | (r.nextBoolean() ? 0x80000000 : 0));
  }

  private static float[] values(Random r, int n, boolean positive) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(5);
      float x = kind == 0 ? (r.nextBoolean() ? 0f : -0f)
          : kind == 1 ? subnormal(r)
          : kind == 2 ? Float.intBitsToFloat(0x00800000 + r.nextInt(0x01000000)) // just above 2^-126
          : (float) (r.nextGaussian() * Math.pow(10, -r.nextInt(36)));
      a[i] = positive ? Math.abs(x) : x;
    }
    return a;
  }

  @Test
  void matchesTheFloatFormulaBitForBitSubnormalsIncluded() {
    Random r = new Random(20261203);
    for (int n : new int[] {1, 7, 8, 9, 16, 17, 31, LARGE}) {
      float[] p = values(r, n, false);
      float[] g = values(r, n, false);
      float[] m = values(r, n, false);
      float[] v = values(r, n, true);
      Tensor tp = Tensor.of(p, n);
      Tensor tg = Tensor.of(g, n);
      Tensor tm = Tensor.of(m, n);
      Tensor tv = Tensor.of(v, n);
      for (long t = 1; t <= 40; t++) {
        double lr = 1e-3, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        // the scalars as OptimizerKernels rounds them from double
        float step = (float) (lr / (1 - Math.pow(b1, t)));
        float bc2 = (float) Math.sqrt(1 - Math.pow(b2, t));
        reference(p, g, m, v, step, bc2, b1, b2, (float) eps);
        OptimizerKernels.adam(tp, tg, tm, tv, null, t, lr, b1, b2, eps, 0, false);
      }
      assertBits(p, tp, "param", n);
      assertBits(m, tm, "exp_avg", n);
      assertBits(v, tv, "exp_avg_sq", n);
    }
  }

  @Test
  void aDecayingFirstMomentEndsStuckInTheSubnormals() {
    // A weight whose gradient is zero from now on: m shrinks by 0.9 per step and crosses 2^-126
    // after ~700 steps; it never reaches zero, as 0.9 * 4 * 2^-149 rounds back to 4 * 2^-149.
    float[] p = {0.25f, -0.5f, 1e-3f};
    float[] m = {1e-5f, -3e-6f, 2e-38f};
    float[] v = {1e-8f, 1e-9f, 1e-10f};
    float[] g = new float[3];
    Tensor tp = Tensor.of(p.clone(), 3);
    Tensor tm = Tensor.of(m.clone(), 3);
    Tensor tv = Tensor.of(v.clone(), 3);
    Tensor tg = Tensor.of(g, 3);
    for (long t = 1; t <= 1000; t++) {
      float step = (float) (1e-3 / (1 - Math.pow(0.9, t)));
      float bc2 = (float) Math.sqrt(1 - Math.pow(0.999, t));
      reference(p, g, m, v, step, bc2, 0.9, 0.999, 1e-8f);
      OptimizerKernels.adam(tp, tg, tm, tv, null, t, 1e-3, 0.9, 0.999, 1e-8, 0, false);
    }
    assertEquals(4 * Float.MIN_VALUE, m[0]);
    assertBits(p, tp, "param", 3);
    assertBits(m, tm, "exp_avg", 3);
    assertBits(v, tv, "exp_avg_sq", 3);
  }

  private static void assertBits(float[] expected, Tensor actual, String what, int n) {
    float[] a = actual.toFloatArray();
    for (int i = 0; i < n; i++) {
      int at = i;
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(a[i]),
          () -> what + " differs at " + at + " of " + n + ": " + a[at] + " instead of " + expected[at]);
    }
  }
}
