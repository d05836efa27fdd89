package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The vectorised routes of the reductions, element by element against their definitions: rows
 * spread into accumulators through a stage ({@link SpreadRows}), long max/min rows folded through
 * lanes, and sums in eight partial sums. Views start at non-zero offsets (and rows at several
 * accumulator positions), lengths sit around {@link Lanes#BLOCK}, {@link ReduceRows#STAGE_LIMIT},
 * {@link ReduceRows#LANES} and {@link ReduceRows#LONG_ROW}, and both dtypes run.
 */
class ReduceLanesTest {
  private static final int B = Lanes.BLOCK;
  private static final int STAGE = ReduceRows.STAGE_LIMIT;
  private static final int LANES = ReduceRows.LANES;
  private static final int LONG = ReduceRows.LONG_ROW;

  /** Varied values with both signs and a fractional part, so a different order would round differently. */
  private static double value(int i) {
    return ((i * 7919) % 1009) * 0.013 - 6.1 + 1.0 / (3 + i % 5);
  }

  /** rows x cols values seen through a view that starts 3 elements into its storage, rows 5 apart. */
  private static Tensor offsetRows(DType dtype, int rows, int cols) {
    int width = cols + 5;
    double[] v = new double[(rows + 1) * width];
    for (int i = 0; i < v.length; i++) {
      v[i] = value(i);
    }
    Tensor t = Tensor.of(v, rows + 1, width).to(dtype).narrow(1, 3, cols).narrow(0, 1, rows);
    assertEquals(true, t.offset > 0);
    return t;
  }

  private static double round(DType dtype, double v) {
    return dtype == DType.FLOAT32 ? (float) v : v;
  }

  private static void assertValues(String what, DType dtype, double[] expected, Tensor actual) {
    double[] got = actual.toDoubleArray();
    assertEquals(expected.length, got.length, what + ": length");
    for (int i = 0; i < got.length; i++) {
      assertEquals(round(dtype, expected[i]), got[i], 0.0, what + " at " + i + " of " + got.length);
    }
  }

  @Test
  void reducingTheOuterDimOfAnOffsetViewMatchesTheRowByRowDefinition() {
    int[] colCounts = {1, 7, B - 1, B, B + 1, STAGE - 1, STAGE, STAGE + 1};
    for (DType dtype : DType.values()) {
      for (int cols : colCounts) {
        int rows = 3;
        Tensor t = offsetRows(dtype, rows, cols);
        double[][] x = new double[rows][cols];
        for (int r = 0; r < rows; r++) {
          for (int c = 0; c < cols; c++) {
            x[r][c] = t.get(r, c);
          }
        }
        double[] sum = new double[cols];
        double[] max = new double[cols];
        double[] min = new double[cols];
        double[] var = new double[cols];
        for (int c = 0; c < cols; c++) {
          double s = 0;
          double hi = Double.NEGATIVE_INFINITY;
          double lo = Double.POSITIVE_INFINITY;
          for (int r = 0; r < rows; r++) {
            s += x[r][c];
            hi = Math.max(hi, x[r][c]);
            lo = Math.min(lo, x[r][c]);
          }
          double mean = s / rows;
          double sq = 0;
          for (int r = 0; r < rows; r++) {
            double e = x[r][c] - mean;
            sq += e * e;
          }
          sum[c] = s;
          max[c] = hi;
          min[c] = lo;
          var[c] = sq / (rows - 1);
        }
        String at = dtype + " cols " + cols;
        assertValues("sum(0) " + at, dtype, sum, t.sum(0));
        assertValues("max(0) " + at, dtype, max, t.max(0, false));
        assertValues("min(0) " + at, dtype, min, t.min(0, false));
        assertValues("var(0) " + at, dtype, var, t.var(0, false));
      }
    }
  }

  @Test
  void rowsSpreadIntoTheSecondHalfOfTheAccumulatorsLineUpThere() {
    // Reducing dim 1 of [2, rows, cols] writes the second image's rows at accumulator cols..2*cols.
    for (DType dtype : DType.values()) {
      for (int cols : new int[] {5, B - 3, B + 3, STAGE / 2}) {
        int rows = 4;
        double[] v = new double[2 * rows * cols + 3];
        for (int i = 0; i < v.length; i++) {
          v[i] = value(i);
        }
        Tensor t = Tensor.of(v, v.length).to(dtype).narrow(0, 3, 2 * rows * cols).reshape(2, rows, cols);
        double[] sum = new double[2 * cols];
        double[] max = new double[2 * cols];
        for (int k = 0; k < 2; k++) {
          for (int c = 0; c < cols; c++) {
            double s = 0;
            double hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < rows; r++) {
              s += t.get(k, r, c);
              hi = Math.max(hi, t.get(k, r, c));
            }
            sum[k * cols + c] = s;
            max[k * cols + c] = hi;
          }
        }
        assertValues("sum(1) " + dtype + " cols " + cols, dtype, sum, t.sum(1));
        assertValues("max(1) " + dtype + " cols " + cols, dtype, max, t.max(1, false));
      }
    }
  }

  @Test
  void longMaxAndMinRowsMatchTheSequentialFoldWhereverTheExtremumSits() {
    int[] lengths = {LONG - 1, LONG, LONG + 1, LONG + LANES - 1, LONG + LANES, 3 * LANES + LONG + 17};
    for (DType dtype : DType.values()) {
      for (int n : lengths) {
        // The extremum in the first lane block, a middle block, the last full block and the tail.
        for (int at : new int[] {0, LANES + 5, n - n % LANES - 1, n - 1}) {
          double[] v = new double[n + 3];
          for (int i = 0; i < v.length; i++) {
            v[i] = value(i);
          }
          v[3 + at] = 1e6;
          v[3 + (at + 7) % n] = -1e6;
          Tensor row = Tensor.of(v, v.length).to(dtype).narrow(0, 3, n);
          String what = dtype + " n " + n + " extremum at " + at;
          assertEquals(1e6, row.max().item(), 0.0, "max " + what);
          assertEquals(-1e6, row.min().item(), 0.0, "min " + what);
          Tensor rows = row.reshape(1, n).expand(2, n).contiguous();
          assertValues("max(1) " + what, dtype, new double[] {1e6, 1e6}, rows.max(1, false));
        }
      }
    }
  }

  @Test
  void aNanAnywhereInALongRowMakesItsMaxAndMinNan() {
    for (DType dtype : DType.values()) {
      int n = LONG + LANES + 9;
      for (int at : new int[] {0, 1, LANES, LONG + LANES + 8}) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
          v[i] = value(i);
        }
        v[at] = Double.NaN;
        Tensor t = Tensor.of(v, n).to(dtype);
        assertEquals(Double.NaN, t.max().item(), 0.0, dtype + " max, NaN at " + at);
        assertEquals(Double.NaN, t.min().item(), 0.0, dtype + " min, NaN at " + at);
      }
    }
  }

  @Test
  void longRowsOfSignedZerosGiveThePositiveZeroForMaxAndTheNegativeForMin() {
    for (DType dtype : DType.values()) {
      double[] v = new double[LONG + 3];
      for (int i = 0; i < v.length; i++) {
        v[i] = i % 3 == 0 ? 0.0 : -0.0;
      }
      Tensor t = Tensor.of(v, v.length).to(dtype);
      assertEquals(0.0, t.max().item(), 0.0);
      assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(t.max().item()), dtype + " max");
      assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(t.min().item()), dtype + " min");
    }
  }

  /** The documented order: partial sum k takes elements k, k+8, ... of the full groups of 8, the tail goes to 0. */
  private static double eightLaneSum(double[] x, int from, int n, double shift) {
    double[] a = new double[8];
    int i = 0;
    for (; i + 7 < n; i += 8) {
      for (int k = 0; k < 8; k++) {
        double e = x[from + i + k] - shift;
        a[k] += shift == 0 ? e : e * e;
      }
    }
    for (; i < n; i++) {
      double e = x[from + i] - shift;
      a[0] += shift == 0 ? e : e * e;
    }
    return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
  }

  @Test
  void sumsAndVariancesOfRowsUseEightPartialSumsFromEachRowsStart() {
    for (DType dtype : DType.values()) {
      for (int n : new int[] {1, 7, 8, 9, 15, 16, 17, 1000, B + 3}) {
        Tensor t = offsetRows(dtype, 3, n);
        double[] x = t.toDoubleArray();
        double[] sums = new double[3];
        double[] vars = new double[3];
        for (int r = 0; r < 3; r++) {
          sums[r] = eightLaneSum(x, r * n, n, 0);
          vars[r] = eightLaneSum(x, r * n, n, sums[r] / n) / (n - 1);
        }
        String at = dtype + " n " + n;
        assertValues("sum(1) " + at, dtype, sums, t.sum(1));
        assertValues("var(1) " + at, dtype, vars, t.var(1, false));
        Tensor fresh = t.contiguous();
        assertEquals(0, fresh.offset);
        assertValues("sum(1) of a fresh copy " + at, dtype, sums, fresh.sum(1));
      }
    }
  }

  @Test
  void sumsOfSmallIntegersAreExactForEveryLengthAroundTheGroupOfEight() {
    for (DType dtype : DType.values()) {
      for (int n = 1; n <= 40; n++) {
        double[] v = new double[n + 2];
        double expected = 0;
        for (int i = 0; i < v.length; i++) {
          v[i] = (i * 37) % 101 - 50;
          if (i >= 2) {
            expected += v[i];
          }
        }
        Tensor t = Tensor.of(v, v.length).to(dtype).narrow(0, 2, n);
        assertEquals(expected, t.sum().item(), 0.0, dtype + " n " + n);
      }
    }
  }
}
