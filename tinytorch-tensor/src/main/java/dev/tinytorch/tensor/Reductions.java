package dev.tinytorch.tensor;

/** Reductions over sorted dims, softmax, and arg-extremum indices. */
final class Reductions {
  private Reductions() {}

  static Tensor sum(Tensor a, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("TODO");
  }

  static Tensor mean(Tensor a, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("TODO");
  }

  static Tensor max(Tensor a, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("TODO");
  }

  static Tensor min(Tensor a, int[] dims, boolean keepDim) {
    throw new UnsupportedOperationException("TODO");
  }

  static Tensor var(Tensor a, int[] dims, double correction, boolean keepDim) {
    throw new UnsupportedOperationException("TODO");
  }

  static Tensor softmax(Tensor a, int dim) {
    throw new UnsupportedOperationException("TODO");
  }

  static Tensor logSoftmax(Tensor a, int dim) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Indices (FLOAT64) of the first max or min along {@code dim}; dim -1 means over the flattened tensor. */
  static Tensor argExtremum(Tensor a, int dim, boolean keepDim, boolean isMax) {
    throw new UnsupportedOperationException("TODO");
  }

  /** 1 at the first max (or min) of each group reduced over {@code dims}, 0 elsewhere; a's shape and dtype. */
  static Tensor extremumMask(Tensor a, int[] dims, boolean isMax) {
    throw new UnsupportedOperationException("TODO");
  }
}
