package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * The scalar loops of {@link GemmFloat} and {@link GemmDouble} for products too small or too thin
 * for packing to pay ({@link Gemm#DIRECT}): dot products when both operands run contiguously along
 * k, else row updates or strided sums. The float and double versions are the same code.
 */
final class GemmDirect {
  private GemmDirect() {}

  /** Scalar loops for products too small or too thin for packing to pay. */
  static void direct(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int ldc) {
    if (acs == 1 && brs == 1 && Kernels.VECTOR && k >= VectorGemmFloat.DOT_MIN_DEPTH) {
      for (int i = m0; i < m1; i++) {
        for (int j = 0; j < n; j++) {
          c[co + i * ldc + j] = VectorGemmFloat.dot(a, ao + i * ars, b, bo + j * bcs, k);
        }
      }
      return;
    }
    if (acs == 1 && brs == 1) {
      for (int i = m0; i < m1; i++) {
        for (int j = 0; j < n; j++) {
          c[co + i * ldc + j] = dot(a, ao + i * ars, b, bo + j * bcs, k);
        }
      }
      return;
    }
    if (bcs == 1) {
      // Rows of B are contiguous: accumulate whole rows of C, streaming B row by row.
      for (int i = m0; i < m1; i++) {
        int ci = co + i * ldc;
        int ai = ao + i * ars;
        Arrays.fill(c, ci, ci + n, 0f);
        for (int p = 0; p < k; p++) {
          float aip = a[ai + p * acs];
          int bi = bo + p * brs;
          for (int j = 0; j < n; j++) {
            c[ci + j] += aip * b[bi + j];
          }
        }
      }
      return;
    }
    for (int i = m0; i < m1; i++) {
      int ci = co + i * ldc;
      int ai = ao + i * ars;
      for (int j = 0; j < n; j++) {
        int bj = bo + j * bcs;
        float s = 0f;
        for (int p = 0; p < k; p++) {
          s += a[ai + p * acs] * b[bj + p * brs];
        }
        c[ci + j] = s;
      }
    }
  }

  /** A dot product of contiguous runs, with eight partial sums to hide the add latency. */
  private static float dot(float[] a, int ai, float[] b, int bi, int k) {
    float s0 = 0f;
    float s1 = 0f;
    float s2 = 0f;
    float s3 = 0f;
    float s4 = 0f;
    float s5 = 0f;
    float s6 = 0f;
    float s7 = 0f;
    int p = 0;
    for (; p + 8 <= k; p += 8) {
      s0 += a[ai + p] * b[bi + p];
      s1 += a[ai + p + 1] * b[bi + p + 1];
      s2 += a[ai + p + 2] * b[bi + p + 2];
      s3 += a[ai + p + 3] * b[bi + p + 3];
      s4 += a[ai + p + 4] * b[bi + p + 4];
      s5 += a[ai + p + 5] * b[bi + p + 5];
      s6 += a[ai + p + 6] * b[bi + p + 6];
      s7 += a[ai + p + 7] * b[bi + p + 7];
    }
    for (; p < k; p++) {
      s0 += a[ai + p] * b[bi + p];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** Scalar loops for products too small or too thin for packing to pay. */
  static void direct(int m0, int m1, int n, int k, double[] a, int ao, int ars, int acs,
      double[] b, int bo, int brs, int bcs, double[] c, int co, int ldc) {
    if (acs == 1 && brs == 1) {
      for (int i = m0; i < m1; i++) {
        for (int j = 0; j < n; j++) {
          c[co + i * ldc + j] = dot(a, ao + i * ars, b, bo + j * bcs, k);
        }
      }
      return;
    }
    if (bcs == 1) {
      // Rows of B are contiguous: accumulate whole rows of C, streaming B row by row.
      for (int i = m0; i < m1; i++) {
        int ci = co + i * ldc;
        int ai = ao + i * ars;
        Arrays.fill(c, ci, ci + n, 0.0);
        for (int p = 0; p < k; p++) {
          double aip = a[ai + p * acs];
          int bi = bo + p * brs;
          for (int j = 0; j < n; j++) {
            c[ci + j] += aip * b[bi + j];
          }
        }
      }
      return;
    }
    for (int i = m0; i < m1; i++) {
      int ci = co + i * ldc;
      int ai = ao + i * ars;
      for (int j = 0; j < n; j++) {
        int bj = bo + j * bcs;
        double s = 0.0;
        for (int p = 0; p < k; p++) {
          s += a[ai + p * acs] * b[bj + p * brs];
        }
        c[ci + j] = s;
      }
    }
  }

  /** A dot product of contiguous runs, with eight partial sums to hide the add latency. */
  private static double dot(double[] a, int ai, double[] b, int bi, int k) {
    double s0 = 0.0;
    double s1 = 0.0;
    double s2 = 0.0;
    double s3 = 0.0;
    double s4 = 0.0;
    double s5 = 0.0;
    double s6 = 0.0;
    double s7 = 0.0;
    int p = 0;
    for (; p + 8 <= k; p += 8) {
      s0 += a[ai + p] * b[bi + p];
      s1 += a[ai + p + 1] * b[bi + p + 1];
      s2 += a[ai + p + 2] * b[bi + p + 2];
      s3 += a[ai + p + 3] * b[bi + p + 3];
      s4 += a[ai + p + 4] * b[bi + p + 4];
      s5 += a[ai + p + 5] * b[bi + p + 5];
      s6 += a[ai + p + 6] * b[bi + p + 6];
      s7 += a[ai + p + 7] * b[bi + p + 7];
    }
    for (; p < k; p++) {
      s0 += a[ai + p] * b[bi + p];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }
}
