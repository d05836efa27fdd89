package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Softmax and log-softmax over a dim that is not the last, whose max and final passes copy each
 * row into a buffer so the per-column arrays share its index. Checked element by element against
 * the definition computed in the same order (max, exp(x - max) summed down the column, then divide
 * or subtract), on views that start inside a larger tensor, both dtypes, several outer blocks.
 */
class SoftmaxColumnsTest {
  private static double value(int i) {
    return ((i * 7919) % 613) * 0.021 - 6.4;
  }

  /** [outer, n, inner] values starting {@code offset} elements into their storage. */
  private static Tensor view(DType dtype, int offset, int outer, int n, int inner) {
    int numel = outer * n * inner;
    double[] v = new double[numel + offset];
    for (int i = 0; i < v.length; i++) {
      v[i] = value(i);
    }
    Tensor t = Tensor.of(v, v.length).to(dtype).narrow(0, offset, numel).reshape(outer, n, inner);
    assertEquals(offset, t.offset);
    return t;
  }

  /** The definition in double, in the kernel's order, for dim 1 of [outer, n, inner]. */
  private static double[] expected(double[] x, int outer, int n, int inner, boolean log) {
    double[] out = new double[x.length];
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < inner; j++) {
        int at = o * n * inner + j;
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < n; k++) {
          max = Math.max(max, x[at + k * inner]);
        }
        double sum = 0;
        for (int k = 0; k < n; k++) {
          sum += Math.exp(x[at + k * inner] - max);
        }
        for (int k = 0; k < n; k++) {
          double v = x[at + k * inner];
          out[at + k * inner] = log ? v - max - Math.log(sum) : Math.exp(v - max) / sum;
        }
      }
    }
    return out;
  }

  private static void check(String what, Tensor t, int outer, int n, int inner, boolean log) {
    DType dtype = t.dtype();
    double[] want = expected(t.toDoubleArray(), outer, n, inner, log);
    Tensor result = log ? t.logSoftmax(1) : t.softmax(1);
    assertEquals(dtype, result.dtype());
    double[] got = result.toDoubleArray();
    for (int i = 0; i < want.length; i++) {
      double w = dtype == DType.FLOAT32 ? (float) want[i] : want[i];
      assertEquals(w, got[i], 0.0, what + (log ? " logSoftmax" : " softmax") + " at " + i + " of " + got.length);
    }
  }

  @Test
  void columnsOfOffsetViewsMatchTheDefinitionExactly() {
    int[][] shapes = {{1, 2, 2}, {2, 3, 5}, {3, 1, 17}, {2, 5, 1000}, {1, 7, 2049}};
    for (DType dtype : DType.values()) {
      for (int[] s : shapes) {
        for (boolean log : new boolean[] {false, true}) {
          String what = dtype + " [" + s[0] + ", " + s[1] + ", " + s[2] + "]";
          check(what, view(dtype, 3, s[0], s[1], s[2]), s[0], s[1], s[2], log);
          check(what + " fresh", view(dtype, 0, s[0], s[1], s[2]), s[0], s[1], s[2], log);
        }
      }
    }
  }

  @Test
  void aNanOrAllMinusInfinityColumnGoesNanAndLeavesTheOtherColumnsAlone() {
    for (DType dtype : DType.values()) {
      int n = 3;
      int inner = 4;
      double[] v = new double[n * inner];
      for (int i = 0; i < v.length; i++) {
        v[i] = value(i);
      }
      v[inner + 1] = Double.NaN; // column 1, middle row
      for (int k = 0; k < n; k++) {
        v[k * inner + 2] = Double.NEGATIVE_INFINITY; // column 2 entirely
      }
      Tensor t = Tensor.of(v, 1, n, inner).to(dtype);
      for (boolean log : new boolean[] {false, true}) {
        check(dtype + " NaN and -inf columns", t, 1, n, inner, log);
        double[] got = (log ? t.logSoftmax(1) : t.softmax(1)).toDoubleArray();
        for (int k = 0; k < n; k++) {
          assertEquals(Double.NaN, got[k * inner + 1], 0.0, "NaN column, row " + k);
          assertEquals(Double.NaN, got[k * inner + 2], 0.0, "-inf column, row " + k);
        }
      }
    }
  }
}
