package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGemmRows} (one or two rows of C, B read in place) gives bit for bit the packed
 * path's results on random floats, where the order of the sums shows: depths inside one block of
 * {@link VectorGemmFloat#KC}, across an odd and an even number of blocks (the paired blocks of its
 * eight-vector loop), column counts with and without a masked tail, A's row strided or transposed,
 * and offsets into every array. C's values outside the rows written stay untouched.
 */
class VectorGemmRowsTest {
  private static final int[] DEPTHS = {1, 5, 64, 255, 256, 257, 300, 512, 513, 784, 1000};
  private static final int[] COLUMNS = {1, 5, 10, 16, 17, 64, 100, 128, 129, 256, 300};

  @Test
  void rowsEqualPackedPathBitForBit() {
    assumeTrue(Kernels.VECTOR, "needs the Vector API (-Pvector-api)");
    Random r = new Random(29);
    for (int m = 1; m <= VectorGemmFloat.FEW_ROWS; m++) {
      for (int k : DEPTHS) {
        for (int n : COLUMNS) {
          for (boolean at : new boolean[] {false, true}) {
            int ars = at ? 1 : k;
            int acs = at ? m : 1;
            int shift = 3;
            float[] a = FloatBits.gaussian(r, shift + m * k);
            float[] b = FloatBits.gaussian(r, shift + k * n + 7);
            int co = 5;
            float[] expected = new float[co + m * n + 4];
            float[] got = new float[co + m * n + 4];
            Arrays.fill(expected, Float.NaN);
            Arrays.fill(got, Float.NaN);
            VectorGemmFloat.packedPath(0, m, n, k, a, shift, ars, acs, b, shift, n, 1, expected, co, n, 1);
            VectorGemmRows.rows(0, m, n, k, a, shift, ars, acs, b, shift, n, got, co, n);
            String what = m + "x" + k + "x" + n + (at ? ", A transposed" : "");
            FloatBits.assertSameBits(expected, got, what);
          }
        }
      }
    }
  }

  @Test
  void batchOnePredictionShapeMatchesDoubleSums() {
    assumeTrue(Kernels.VECTOR, "needs the Vector API (-Pvector-api)");
    Random r = new Random(31);
    int k = 784;
    int n = 128;
    float[] a = FloatBits.gaussian(r, k);
    float[] b = FloatBits.gaussian(r, k * n);
    float[] c = new float[n];
    VectorGemmRows.rows(0, 1, n, k, a, 0, k, 1, b, 0, n, c, 0, n);
    for (int j = 0; j < n; j++) {
      double s = 0;
      double abs = 0;
      for (int p = 0; p < k; p++) {
        s += (double) a[p] * b[p * n + j];
        abs += Math.abs((double) a[p] * b[p * n + j]);
      }
      // A float sum of k terms is within about k ulps of the magnitudes' sum.
      assertEquals(s, c[j], abs * k * Math.ulp(1f), "column " + j);
    }
  }
}
