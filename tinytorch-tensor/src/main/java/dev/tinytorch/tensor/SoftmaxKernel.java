package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * Softmax and log-softmax along one dim, computed stably: the max along the dim is subtracted
 * before exponentiating, so logits of +-1000 give finite, correct results instead of inf/inf.
 *
 * <p>The contiguous input is seen as [outer, n, inner] with n the softmax dim. Each block of
 * n x inner values is processed in double: for inner == 1 (softmax over the last dim, the usual
 * case) one row at a time; otherwise column-wise with per-column max and sum held in small arrays,
 * so every loop still walks memory contiguously.
 */
final class SoftmaxKernel {
  private SoftmaxKernel() {}

  static Tensor apply(Tensor a, int dim, boolean log) {
    Tensor c = a.isContiguous() ? a : Strided.materialize(a, a.dtype);
    int[] shape = a.shape.clone();
    int numel = a.numel;
    Storage out = Storage.allocate(a.dtype, numel);
    if (numel == 0) {
      return Tensor.contiguousOver(out, shape);
    }
    int n = shape.length == 0 ? 1 : shape[dim];
    int inner = 1;
    for (int k = dim + 1; k < shape.length; k++) {
      inner *= shape[k];
    }
    int block = n * inner;
    int outer = numel / block;
    double[] colMax = inner > 1 ? new double[inner] : null;
    double[] colSum = inner > 1 ? new double[inner] : null;
    double[] row = inner > 1 ? new double[inner] : null;
    if (out.d != null) {
      // FLOAT64: copy each block into the result and transform it in place.
      for (int o = 0; o < outer; o++) {
        System.arraycopy(c.storage.d, c.offset + o * block, out.d, o * block, block);
        transform(out.d, o * block, n, inner, log, colMax, colSum, row);
      }
    } else {
      // FLOAT32: widen each block into a scratch buffer, transform, round once on the way out.
      float[] src = c.storage.f;
      double[] buf = new double[block];
      for (int o = 0; o < outer; o++) {
        int s = c.offset + o * block;
        for (int i = 0; i < block; i++) {
          buf[i] = src[s + i];
        }
        transform(buf, 0, n, inner, log, colMax, colSum, row);
        int d = o * block;
        for (int i = 0; i < block; i++) {
          out.f[d + i] = (float) buf[i];
        }
      }
    }
    return Tensor.contiguousOver(out, shape);
  }

  private static void transform(double[] x, int base, int n, int inner, boolean log, double[] colMax, double[] colSum,
      double[] row) {
    if (inner == 1) {
      row(x, base, n, log);
    } else {
      columns(x, base, n, inner, log, colMax, colSum, row);
    }
  }

  // A row of all -inf has max -inf, so x - max is NaN and so is the result, as in PyTorch; a NaN
  // anywhere makes the max NaN and the whole row NaN, also as in PyTorch.
  private static void row(double[] x, int base, int n, boolean log) {
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      max = Math.max(max, x[base + i]);
    }
    double sum = 0;
    if (log) {
      for (int i = 0; i < n; i++) {
        sum += Math.exp(x[base + i] - max);
      }
      double logSum = Math.log(sum);
      for (int i = 0; i < n; i++) {
        x[base + i] = x[base + i] - max - logSum;
      }
    } else {
      for (int i = 0; i < n; i++) {
        double e = Math.exp(x[base + i] - max);
        x[base + i] = e;
        sum += e;
      }
      for (int i = 0; i < n; i++) {
        x[base + i] /= sum;
      }
    }
  }

  /**
   * Softmax down the columns of n rows of {@code inner} values at {@code base}. The cheap passes
   * (max, and the final subtract or divide) copy each row into {@code row} at 0 first, so the row
   * and the per-column arrays share one index: C2 leaves {@code colMax[j]} against
   * {@code x[r + j]} scalar, as for any two arrays at different offsets ({@link Lanes}). The exp
   * pass stays as it is; it is a scalar call per element either way. Every value is computed by
   * the same operations as a direct loop, so the results are identical.
   */
  private static void columns(double[] x, int base, int n, int inner, boolean log, double[] colMax, double[] colSum,
      double[] row) {
    // max(-inf, v) is v, so starting from the first row gives what starting from -inf would.
    System.arraycopy(x, base, colMax, 0, inner);
    for (int k = 1; k < n; k++) {
      System.arraycopy(x, base + k * inner, row, 0, inner);
      for (int j = 0; j < inner; j++) {
        colMax[j] = Math.max(colMax[j], row[j]);
      }
    }
    Arrays.fill(colSum, 0.0);
    if (log) {
      for (int k = 0; k < n; k++) {
        int r = base + k * inner;
        for (int j = 0; j < inner; j++) {
          colSum[j] += Math.exp(x[r + j] - colMax[j]);
        }
      }
      for (int j = 0; j < inner; j++) {
        colSum[j] = Math.log(colSum[j]);
      }
      for (int k = 0; k < n; k++) {
        int r = base + k * inner;
        System.arraycopy(x, r, row, 0, inner);
        for (int j = 0; j < inner; j++) {
          row[j] = row[j] - colMax[j] - colSum[j];
        }
        System.arraycopy(row, 0, x, r, inner);
      }
    } else {
      for (int k = 0; k < n; k++) {
        int r = base + k * inner;
        for (int j = 0; j < inner; j++) {
          double e = Math.exp(x[r + j] - colMax[j]);
          x[r + j] = e;
          colSum[j] += e;
        }
      }
      for (int k = 0; k < n; k++) {
        int r = base + k * inner;
        System.arraycopy(x, r, row, 0, inner);
        for (int j = 0; j < inner; j++) {
          row[j] /= colSum[j];
        }
        System.arraycopy(row, 0, x, r, inner);
      }
    }
  }
}
