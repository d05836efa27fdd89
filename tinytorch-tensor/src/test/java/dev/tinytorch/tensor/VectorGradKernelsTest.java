package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGradKernels#reluFloat} gives the scalar bit trick's results bit for bit, for the
 * inputs where a mask can go wrong: zeros of both signs, the least subnormal, infinities and NaN
 * in x, and infinities, NaN and negative values in the incoming gradient (whose product with 0 is
 * NaN or -0.0); with offsets, and lengths that leave a scalar tail.
 */
class VectorGradKernelsTest {
  private static final float[] SPECIAL = {
      0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f, Float.MAX_VALUE, -Float.MAX_VALUE,
      Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.intBitsToFloat(0xffc00001), 3.5f, -2.25f,
  };

  @Test
  void reluBackwardEqualsTheScalarBitTrick() {
    assumeTrue(Kernels.VECTOR, "needs the Vector API (-Pvector-api)");
    Random r = new Random(43);
    for (int n : new int[] {1, 15, 16, 17, 100, 257}) {
      float[] x = new float[n + 3];
      float[] g = new float[n + 5];
      for (int i = 0; i < x.length; i++) {
        x[i] = r.nextInt(3) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian();
      }
      for (int i = 0; i < g.length; i++) {
        g[i] = r.nextInt(3) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : (float) r.nextGaussian();
      }
      float[] expected = new float[n];
      float[] got = new float[n];
      GradKernels.reluFloat(g, 5, x, 3, expected, 0, n);
      VectorGradKernels.reluFloat(g, 5, x, 3, got, 0, n);
      for (int i = 0; i < n; i++) {
        assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
            "n " + n + ", element " + i + ": x " + x[3 + i] + ", g " + g[5 + i]);
      }
    }
  }
}
