package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The GEMM kernels on shapes around every block size of both kernel families (the scalar ones:
 * 3 rows and depth 258, or 4 and 256 on JDK 25, 512 or 256 columns; the vector ones: 6 rows, 2
 * vectors, depth 256, 96 rows of A, 1024 or 512 columns of B), checked exactly: operands are small integers, so every partial
 * sum is an exact integer in float and double alike, whatever order a kernel adds in, and the
 * expected product is computed in {@code long}. Runs the active kernels through {@link
 * GemmFloat#gemm} and {@link GemmDouble#gemm}, and, when the Vector API is present ({@code
 * -Pvector-api}), the vector blocked path directly with offsets, a row range and a strided C.
 */
class GemmExactTest {
  /** m, k, n: edges of the register tiles, depth blocks, row blocks and column blocks. */
  private static final int[][] SIZES = {
      {1, 1, 16}, {2, 3, 17}, {5, 7, 31}, {6, 256, 32}, {7, 257, 33}, {12, 192, 48}, {13, 193, 49}, {8, 258, 40}, {10, 259, 47},
      {97, 300, 65}, {13, 513, 1025}, {40, 20, 1100}, {200, 30, 5}, {3, 600, 257},
      {1, 9, 17}, {1, 600, 1030}, {1, 784, 128},
      // VectorGemmSmall's shapes: TinyDigits' products, row and column tails, depth past one block.
      {32, 64, 256}, {64, 32, 256}, {10, 32, 256}, {32, 10, 256}, {37, 33, 80}, {6, 256, 64}, {3, 5, 64},
  };

  @Test
  void activeFloatKernelsAreExact() {
    for (int[] s : SIZES) {
      for (int mode = 0; mode < 4; mode++) {
        Operands o = new Operands(s[0], s[1], s[2], mode);
        float[] c = new float[o.m * o.n];
        GemmFloat.gemm(0, o.m, o.n, o.k, floats(o.a), 0, o.ars, o.acs, floats(o.b), 0, o.brs, o.bcs, c, 0, o.n);
        o.check(toDoubles(c), 0, o.n, 1, 0, o.m, "active float " + o);
      }
    }
  }

  @Test
  void activeDoubleKernelsAreExact() {
    for (int[] s : SIZES) {
      for (int mode = 0; mode < 4; mode++) {
        Operands o = new Operands(s[0], s[1], s[2], mode);
        double[] c = new double[o.m * o.n];
        GemmDouble.gemm(0, o.m, o.n, o.k, o.a, 0, o.ars, o.acs, o.b, 0, o.brs, o.bcs, c, 0, o.n);
        o.check(c, 0, o.n, 1, 0, o.m, "active double " + o);
      }
    }
  }

  @Test
  void vectorBlockedPathIsExactWithOffsetsRowRangesAndStridedC() {
    assumeTrue(Kernels.VECTOR, "needs --add-modules jdk.incubator.vector (-Pvector-api)");
    for (int[] s : SIZES) {
      for (int mode = 0; mode < 4; mode++) {
        Operands o = new Operands(s[0], s[1], s[2], mode);
        int m0 = o.m / 3;
        int m1 = o.m - o.m / 4;
        // Operands shifted inside bigger arrays; C column-major (as the transposed path writes
        // it) after 5 unused slots, pre-filled with NaN so a missed or doubled write shows.
        int shift = 3;
        double[] a = shifted(o.a, shift);
        double[] b = shifted(o.b, shift);
        int co = 5;
        double[] c = new double[co + o.m * o.n];
        Arrays.fill(c, Double.NaN);
        VectorGemmDouble.blocked(m0, m1, o.n, o.k, a, shift, o.ars, o.acs, b, shift, o.brs, o.bcs, c, co, 1, o.m);
        o.check(c, co, 1, o.m, m0, m1, "vector double " + o);
        float[] cf = new float[co + o.m * o.n];
        Arrays.fill(cf, Float.NaN);
        VectorGemmFloat.blocked(m0, m1, o.n, o.k, floats(a), shift, o.ars, o.acs, floats(b), shift, o.brs, o.bcs,
            cf, co, 1, o.m);
        o.check(toDoubles(cf), co, 1, o.m, m0, m1, "vector float " + o);
      }
    }
  }

  /** Integer operands, A and B each row-major or transposed (mode bits 0 and 1), and A B exactly. */
  private static final class Operands {
    final int m;
    final int k;
    final int n;
    final int mode;
    final double[] a;
    final double[] b;
    final int ars;
    final int acs;
    final int brs;
    final int bcs;
    final long[] product;

    Operands(int m, int k, int n, int mode) {
      this.m = m;
      this.k = k;
      this.n = n;
      this.mode = mode;
      boolean at = (mode & 1) != 0;
      boolean bt = (mode & 2) != 0;
      ars = at ? 1 : k;
      acs = at ? m : 1;
      brs = bt ? 1 : n;
      bcs = bt ? k : 1;
      a = new double[m * k];
      b = new double[k * n];
      for (int i = 0; i < m; i++) {
        for (int p = 0; p < k; p++) {
          a[i * ars + p * acs] = (i * 5 + p * 3) % 7 - 3;
        }
      }
      for (int p = 0; p < k; p++) {
        for (int j = 0; j < n; j++) {
          b[p * brs + j * bcs] = (p * 2 + j * 7) % 5 - 2;
        }
      }
      product = new long[m * n];
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          long sum = 0;
          for (int p = 0; p < k; p++) {
            sum += (long) a[i * ars + p * acs] * (long) b[p * brs + j * bcs];
          }
          product[i * n + j] = sum;
        }
      }
    }

    /** Rows [m0, m1) of c (element (i, j) at co + i*crs + j*ccs) equal the product; the rest is NaN. */
    void check(double[] c, int co, int crs, int ccs, int m0, int m1, String what) {
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double got = c[co + i * crs + j * ccs];
          if (i >= m0 && i < m1) {
            assertEquals(product[i * n + j], got, 0.0, what + ": C[" + i + "][" + j + "]");
          } else {
            assertTrue(Double.isNaN(got), what + ": row " + i + " is outside [" + m0 + ", " + m1 + ") but was written");
          }
        }
      }
    }

    @Override
    public String toString() {
      return m + "x" + k + "x" + n + ((mode & 1) != 0 ? " A^T" : "") + ((mode & 2) != 0 ? " B^T" : "");
    }
  }

  private static double[] shifted(double[] x, int shift) {
    double[] out = new double[x.length + 2 * shift];
    System.arraycopy(x, 0, out, shift, x.length);
    return out;
  }

  private static float[] floats(double[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  private static double[] toDoubles(float[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i];
    }
    return out;
  }
}
