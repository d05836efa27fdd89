package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

/** Shared by the kernel tests that promise bit-identical results: random operands and a bit-for-bit comparison. */
final class FloatBits {
  private FloatBits() {}

  /** {@code length} standard normal floats, so that the order of a kernel's sums shows in the last bits. */
  static float[] gaussian(Random r, int length) {
    float[] x = new float[length];
    for (int i = 0; i < length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /** Every element the same bits (NaN guard values included), else a failure naming the element. */
  static void assertSameBits(float[] expected, float[] got, String what) {
    assertEquals(expected.length, got.length, what + ": lengths");
    for (int i = 0; i < got.length; i++) {
      assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(got[i]),
          what + ": element " + i + " " + expected[i] + " against " + got[i]);
    }
  }
}
