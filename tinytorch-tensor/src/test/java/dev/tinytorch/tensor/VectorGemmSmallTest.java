package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGemmSmall}, which reads A and B in place, gives bit for bit the packed path's
 * results on random floats (where the order of the sums shows), with offsets, row ranges, either
 * operand transposed, row and column tails and depths past one block of {@link VectorGemmFloat#KC}.
 */
class VectorGemmSmallTest {
  /** m, k, n. */
  private static final int[][] SIZES = {
      {32, 64, 256}, {64, 32, 256}, {10, 32, 256}, {32, 10, 256}, {4, 1, 64}, {7, 3, 80}, {3, 5, 64},
      {9, 257, 64}, {5, 300, 48}, {1, 9, 64}, {6, 40, 96},
  };

  @Test
  void smallPathEqualsPackedPathBitForBit() {
    assumeTrue(Kernels.VECTOR && VectorGemmSmall.ON, "needs the Vector API with 512-bit vectors (-Pvector-api)");
    Random r = new Random(13);
    for (int[] s : SIZES) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      for (int mode = 0; mode < 4; mode++) {
        boolean at = (mode & 1) != 0;
        boolean bt = (mode & 2) != 0;
        int ars = at ? 1 : k;
        int acs = at ? m : 1;
        int brs = bt ? 1 : n;
        int bcs = bt ? k : 1;
        int shift = 3;
        float[] a = FloatBits.gaussian(r, shift + m * k);
        float[] b = FloatBits.gaussian(r, shift + k * n);
        int co = 5;
        int m0 = m / 3;
        int m1 = m - m / 4;
        float[] expected = new float[co + m * n];
        float[] got = new float[co + m * n];
        Arrays.fill(expected, Float.NaN);
        Arrays.fill(got, Float.NaN);
        VectorGemmFloat.packedPath(m0, m1, n, k, a, shift, ars, acs, b, shift, brs, bcs, expected, co, n, 1);
        VectorGemmSmall.product(m0, m1, n, k, a, shift, ars, acs, b, shift, brs, bcs, got, co, n, 1);
        FloatBits.assertSameBits(expected, got, m + "x" + k + "x" + n + " mode " + mode);
        // C column-major, as the transposed path writes it.
        Arrays.fill(expected, Float.NaN);
        Arrays.fill(got, Float.NaN);
        VectorGemmFloat.packedPath(m0, m1, n, k, a, shift, ars, acs, b, shift, brs, bcs, expected, co, 1, m);
        VectorGemmSmall.product(m0, m1, n, k, a, shift, ars, acs, b, shift, brs, bcs, got, co, 1, m);
        FloatBits.assertSameBits(expected, got, m + "x" + k + "x" + n + " mode " + mode + ", strided C");
      }
    }
  }
}
