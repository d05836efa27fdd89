package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The blocked GEMM packs A in groups of MR x KR values by one of two loops: run by run along each
 * row for a row-major A, depth by depth for a transposed one. Both must feed the kernels the same
 * values, zero-padded the same way, so C must match bit for bit. Here a row-major A is compared
 * with the same values stored column-major. The row-major copy has NaN in the padding after each
 * row: packing a last, partial group of depths must stop at the end of the row, as the padding
 * meets the zero rows that stand in for B past its depth, and NaN times zero would spread NaN
 * through C.
 */
class GemmPackATest {
  /** Rows: not a multiple of 3, 4 or 6, so both dtypes end on a partial tile. */
  private static final int[] ROWS = {7, 31, 256};
  /** Depths: partial last groups for KR 3 and 4, and more than one depth block. */
  private static final int[] DEPTHS = {5, 7, 256, GemmDouble.KC + 5, GemmFloat.KC + 7};
  /** One column block, and more than one (the panel order of the blocked path). */
  private static final int[] COLUMNS = {40, GemmFloat.NC + 18};
  private static final int PAD = 3;

  @Test
  void rowMajorAndColumnMajorAGiveIdenticalFloats() {
    Random r = new Random(11);
    for (int m : ROWS) {
      for (int k : DEPTHS) {
        for (int n : COLUMNS) {
          int lda = k + PAD;
          float[] rowMajor = new float[m * lda];
          float[] colMajor = new float[m * k];
          Arrays.fill(rowMajor, Float.NaN);
          for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
              float v = (float) r.nextGaussian();
              rowMajor[i * lda + p] = v;
              colMajor[p * m + i] = v;
            }
          }
          float[] b = new float[k * n];
          for (int i = 0; i < b.length; i++) {
            b[i] = (float) r.nextGaussian();
          }
          float[] fromRows = new float[m * n];
          float[] packed = new float[m * n];
          GemmFloat.gemm(0, m, n, k, rowMajor, 0, lda, 1, b, 0, n, 1, fromRows, 0, n);
          GemmFloat.gemm(0, m, n, k, colMajor, 0, 1, m, b, 0, n, 1, packed, 0, n);
          for (int i = 0; i < fromRows.length; i++) {
            assertEquals(packed[i], fromRows[i], 0.0f, m + "x" + k + "x" + n + " at " + i);
          }
        }
      }
    }
  }

  @Test
  void rowMajorAndColumnMajorAGiveIdenticalDoubles() {
    Random r = new Random(12);
    for (int m : ROWS) {
      for (int k : DEPTHS) {
        for (int n : COLUMNS) {
          int lda = k + PAD;
          double[] rowMajor = new double[m * lda];
          double[] colMajor = new double[m * k];
          Arrays.fill(rowMajor, Double.NaN);
          for (int i = 0; i < m; i++) {
            for (int p = 0; p < k; p++) {
              double v = r.nextGaussian();
              rowMajor[i * lda + p] = v;
              colMajor[p * m + i] = v;
            }
          }
          double[] b = new double[k * n];
          for (int i = 0; i < b.length; i++) {
            b[i] = r.nextGaussian();
          }
          double[] fromRows = new double[m * n];
          double[] packed = new double[m * n];
          GemmDouble.gemm(0, m, n, k, rowMajor, 0, lda, 1, b, 0, n, 1, fromRows, 0, n);
          GemmDouble.gemm(0, m, n, k, colMajor, 0, 1, m, b, 0, n, 1, packed, 0, n);
          for (int i = 0; i < fromRows.length; i++) {
            assertEquals(packed[i], fromRows[i], 0.0, m + "x" + k + "x" + n + " at " + i);
          }
        }
      }
    }
  }

  /** Every row the same A row (row stride 0, as an expanded tensor has). */
  @Test
  void expandedRowsOfAArePackedFromOneRow() {
    int m = 20;
    int k = 11;
    int n = 33;
    Random r = new Random(13);
    double[] row = new double[k];
    double[] b = new double[k * n];
    for (int p = 0; p < k; p++) {
      row[p] = r.nextGaussian();
    }
    for (int i = 0; i < b.length; i++) {
      b[i] = r.nextGaussian();
    }
    double[] c = new double[m * n];
    GemmDouble.gemm(0, m, n, k, row, 0, 0, 1, b, 0, n, 1, c, 0, n);
    for (int j = 0; j < n; j++) {
      double expected = 0;
      for (int p = 0; p < k; p++) {
        expected += row[p] * b[p * n + j];
      }
      for (int i = 0; i < m; i++) {
        assertEquals(expected, c[i * n + j], 1e-12, "row " + i + " column " + j);
      }
    }
  }
}
