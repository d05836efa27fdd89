package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGemmColumns} (C at most one vector wide) gives bit for bit what the transposed
 * packed path ({@code C^T = B^T A^T}, which it replaces) gave, on random floats where the order of
 * the sums shows: rows in and past groups of eight, row ranges, A row-major or transposed, depths
 * within and across blocks of {@link VectorGemmFloat#KC}, offsets; C outside the rows untouched.
 */
class VectorGemmColumnsTest {
  private static final int[] ROWS = {1, 7, 8, 9, 16, 33, 256};
  private static final int[] COLUMNS = {1, 5, 10, 15, 16};
  private static final int[] DEPTHS = {1, 3, 32, 64, 255, 256, 257, 600, 1024};

  @Test
  void productEqualsTransposedPackedPathBitForBit() {
    assumeTrue(Kernels.VECTOR, "needs the Vector API (-Pvector-api)");
    Random r = new Random(37);
    for (int m : ROWS) {
      for (int n : COLUMNS) {
        if (!VectorGemmColumns.takes(n, 1)) {
          continue;
        }
        for (int k : DEPTHS) {
          for (boolean at : new boolean[] {false, true}) {
            int ars = at ? 1 : k;
            int acs = at ? m : 1;
            int shift = 2;
            float[] a = FloatBits.gaussian(r, shift + m * k);
            float[] b = FloatBits.gaussian(r, shift + k * n);
            int co = 3;
            int m0 = m / 3;
            int m1 = m - m / 5;
            float[] expected = new float[co + m * n + 2];
            float[] got = new float[co + m * n + 2];
            Arrays.fill(expected, Float.NaN);
            Arrays.fill(got, Float.NaN);
            VectorGemmFloat.packedPath(0, n, m1 - m0, k, b, shift, 1, n, a, shift + m0 * ars, acs, ars,
                expected, co + m0 * n, 1, n);
            VectorGemmColumns.product(m0, m1, n, k, a, shift, ars, acs, b, shift, n, got, co, n);
            String what = m + "x" + k + "x" + n + " rows " + m0 + ".." + m1 + (at ? ", A transposed" : "");
            FloatBits.assertSameBits(expected, got, what);
          }
        }
      }
    }
  }

  @Test
  void classifierHeadMatchesDoubleSums() {
    assumeTrue(Kernels.VECTOR, "needs the Vector API (-Pvector-api)");
    Random r = new Random(41);
    int m = 32;
    int k = 256;
    int n = 10;
    float[] a = FloatBits.gaussian(r, m * k);
    float[] b = FloatBits.gaussian(r, k * n);
    float[] c = new float[m * n];
    VectorGemmColumns.product(0, m, n, k, a, 0, k, 1, b, 0, n, c, 0, n);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        double abs = 0;
        for (int p = 0; p < k; p++) {
          s += (double) a[i * k + p] * b[p * n + j];
          abs += Math.abs((double) a[i * k + p] * b[p * n + j]);
        }
        assertEquals(s, c[i * n + j], abs * k * Math.ulp(1f), "C[" + i + ", " + j + "]");
      }
    }
  }
}
