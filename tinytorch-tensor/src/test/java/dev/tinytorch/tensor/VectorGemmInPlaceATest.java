package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGemmInPlaceA}, which reads a row-major A in place, gives bit for bit the packed
 * path's results on random floats: offsets, row ranges with ragged last panels, column tails,
 * depths past one block of {@link VectorGemmFloat#KC}, B row- or column-major, C row-major or
 * strided (the transposed store of the conv weight gradient).
 */
class VectorGemmInPlaceATest {
  /** m, k, n. */
  private static final int[][] SIZES = {
      {144, 196, 32}, {6, 1, 16}, {7, 3, 33}, {1, 9, 5}, {13, 300, 40}, {12, 257, 64}, {5, 17, 100}, {30, 64, 31},
  };

  @Test
  void equalsThePackedPathBitForBit() {
    assumeTrue(Kernels.VECTOR, "needs the Vector API (-Pvector-api)");
    Random r = new Random(17);
    for (int[] s : SIZES) {
      int m = s[0];
      int k = s[1];
      int n = s[2];
      for (int mode = 0; mode < 4; mode++) {
        boolean bt = (mode & 1) != 0;
        boolean ct = (mode & 2) != 0;
        int ars = k + 2; // rows wider than k: the kernel must not read past each row's k values
        int brs = bt ? 1 : n;
        int bcs = bt ? k : 1;
        int shift = 3;
        float[] a = FloatBits.gaussian(r, shift + m * ars);
        float[] b = FloatBits.gaussian(r, shift + k * n);
        int co = 5;
        int m0 = m / 3;
        int m1 = m - m / 5;
        int crs = ct ? 1 : n;
        int ccs = ct ? m : 1;
        float[] expected = new float[co + m * n];
        float[] got = new float[co + m * n];
        Arrays.fill(expected, Float.NaN);
        Arrays.fill(got, Float.NaN);
        VectorGemmFloat.packedPath(m0, m1, n, k, a, shift, ars, 1, b, shift, brs, bcs, expected, co, crs, ccs);
        VectorGemmInPlaceA.product(m0, m1, n, k, a, shift, ars, b, shift, brs, bcs, got, co, crs, ccs);
        String what = m + "x" + k + "x" + n + " mode " + mode;
        FloatBits.assertSameBits(expected, got, what);
      }
    }
  }
}
