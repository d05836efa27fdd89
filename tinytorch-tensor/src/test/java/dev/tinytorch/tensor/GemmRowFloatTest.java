package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-row path of the plain float GEMM ({@link GemmRowFloat}) gives bit for bit the values the
 * blocked kernels give for the same row inside a product of several rows: random floats, so the
 * order of the additions shows in the last bits. Depths and widths around its blocks (4 deep, 512
 * wide) and GemmFloat's (258 deep), B row-major, column-major and strided; all large enough (m n k of
 * 512 or more) that the four-row product takes the blocked path, not the scalar dot products.
 */
class GemmRowFloatTest {
  @Test
  void oneRowEqualsItsRowInABlockedProduct() {
    // The reference is the plain blocked path; with the Vector API GemmFloat.gemm runs the vector
    // kernels, which add in another order (and never send rows here).
    assumeFalse(Kernels.VECTOR, "the Vector API kernels are active");
    Random r = new Random(7);
    int[][] sizes = {{8, 16}, {8, 17}, {12, 16}, {9, 40}, {64, 10 + 16}, {258, 128}, {259, 513}, {784, 128}, {600, 1030}};
    for (int[] s : sizes) {
      int k = s[0];
      int n = s[1];
      for (int layout = 0; layout < 3; layout++) {
        // layout 0: B row-major; 1: column-major (a transposed view); 2: every other column.
        int brs = layout == 0 ? n : layout == 1 ? 1 : 2 * n;
        int bcs = layout == 0 ? 1 : layout == 1 ? k : 2;
        float[] b = new float[k * n * 2];
        for (int i = 0; i < b.length; i++) {
          b[i] = (float) r.nextGaussian();
        }
        int m = 4;
        float[] a = new float[m * k];
        for (int i = 0; i < a.length; i++) {
          a[i] = (float) r.nextGaussian();
        }
        float[] all = new float[m * n];
        GemmFloat.gemm(0, m, n, k, a, 0, k, 1, b, 0, brs, bcs, all, 0, n);
        for (int i = 0; i < m; i++) {
          float[] one = new float[n + 3];
          GemmRowFloat.row(n, k, a, i * k, 1, b, 0, brs, bcs, one, 3);
          for (int j = 0; j < n; j++) {
            assertEquals(Float.floatToRawIntBits(all[i * n + j]), Float.floatToRawIntBits(one[3 + j]),
                () -> k + " x " + n + " layout " + brs + "/" + bcs + ": element differs");
          }
        }
      }
    }
  }
}
