package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * Reductions over sorted dims, softmax, and arg-extremum indices. Results are fresh contiguous
 * tensors of the input's dtype; inputs may be any strided view.
 *
 * <p>Every reduction accumulates in double, FLOAT32 included, and rounds once at the end. That is
 * more accurate than PyTorch's float32 sum (which accumulates in float, pairwise), so a float32
 * result here can differ from torch's in the last bit, towards the exact answer.
 */
final class Reductions {
  private Reductions() {}

  static Tensor sum(Tensor a, int[] dims, boolean keepDim) {
    ReducePlan plan = ReducePlan.of(a, dims, keepDim);
    double[] acc = new double[plan.outNumel];
    plan.run(ReduceRows.Kind.SUM, a.storage, acc, null);
    return result(a.dtype, acc, plan.outShape);
  }

  /** Sum divided by the group size; an empty group gives 0/0 = NaN, as in PyTorch. */
  static Tensor mean(Tensor a, int[] dims, boolean keepDim) {
    ReducePlan plan = ReducePlan.of(a, dims, keepDim);
    double[] acc = new double[plan.outNumel];
    plan.run(ReduceRows.Kind.SUM, a.storage, acc, null);
    divide(acc, plan.count);
    return result(a.dtype, acc, plan.outShape);
  }

  static Tensor max(Tensor a, int[] dims, boolean keepDim) {
    return extremum("max", a, dims, keepDim, ReduceRows.Kind.MAX, Double.NEGATIVE_INFINITY);
  }

  static Tensor min(Tensor a, int[] dims, boolean keepDim) {
    return extremum("min", a, dims, keepDim, ReduceRows.Kind.MIN, Double.POSITIVE_INFINITY);
  }

  private static Tensor extremum(String op, Tensor a, int[] dims, boolean keepDim, ReduceRows.Kind kind, double identity) {
    checkNotEmpty(op, a, dims);
    ReducePlan plan = ReducePlan.of(a, dims, keepDim);
    double[] acc = new double[plan.outNumel];
    Arrays.fill(acc, identity);
    plan.run(kind, a.storage, acc, null);
    return result(a.dtype, acc, plan.outShape);
  }

  /**
   * {@code sum((x - mean)^2) / (N - correction)} in two passes (mean first, then squared
   * deviations), which avoids the cancellation of the one-pass {@code E[x^2] - E[x]^2}. Like
   * PyTorch the divisor is clamped at 0, so N <= correction gives NaN or infinity, never a
   * negative variance.
   */
  static Tensor var(Tensor a, int[] dims, double correction, boolean keepDim) {
    ReducePlan plan = ReducePlan.of(a, dims, keepDim);
    double[] mean = new double[plan.outNumel];
    plan.run(ReduceRows.Kind.SUM, a.storage, mean, null);
    divide(mean, plan.count);
    double[] acc = new double[plan.outNumel];
    plan.run(ReduceRows.Kind.SQDEV, a.storage, acc, mean);
    divide(acc, Math.max(0.0, plan.count - correction));
    return result(a.dtype, acc, plan.outShape);
  }

  static Tensor softmax(Tensor a, int dim) {
    return SoftmaxKernel.apply(a, dim, false);
  }

  static Tensor logSoftmax(Tensor a, int dim) {
    return SoftmaxKernel.apply(a, dim, true);
  }

  /** Indices (FLOAT64) of the first max or min along {@code dim}; dim -1 means over the flattened tensor. */
  static Tensor argExtremum(Tensor a, int dim, boolean keepDim, boolean isMax) {
    return Extrema.argExtremum(a, dim, keepDim, isMax);
  }

  /** 1 at the first max (or min) of each group reduced over {@code dims}, 0 elsewhere; a's shape and dtype. */
  static Tensor extremumMask(Tensor a, int[] dims, boolean isMax) {
    return Extrema.mask(a, dims, isMax);
  }

  // ---- shared helpers ----

  /** Rejects a max/min/argmax over a reduced dim of size 0, whose extremum does not exist. */
  static void checkNotEmpty(String op, Tensor a, int[] dims) {
    for (int d : dims) {
      if (a.shape[d] == 0) {
        throw new IllegalArgumentException(
            op + ": cannot reduce over dim " + d + " of size 0 in shape " + Shapes.str(a.shape)
                + "; an empty set has no " + (op.contains("max") ? "maximum" : "minimum")
                + ", so reduce over non-empty dims only (or check why the input is empty)");
      }
    }
  }

  private static void divide(double[] acc, double divisor) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] /= divisor;
    }
  }

  /** Wraps double accumulators as a tensor of {@code dtype}, rounding once for FLOAT32. */
  static Tensor result(DType dtype, double[] acc, int[] shape) {
    if (dtype == DType.FLOAT64) {
      return Tensor.contiguousOver(Storage.of(acc), shape);
    }
    float[] f = new float[acc.length];
    for (int i = 0; i < acc.length; i++) {
      f[i] = (float) acc[i];
    }
    return Tensor.contiguousOver(Storage.of(f), shape);
  }
}
