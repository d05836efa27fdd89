package dev.tinytorch.tensor;

/** Forward kernels of the fused losses (mean reduction). */
final class LossKernels {
  private LossKernels() {}

  static Tensor mse(Tensor prediction, Tensor target) {
    throw new UnsupportedOperationException("TODO");
  }

  static Tensor binaryCrossEntropy(Tensor prediction, Tensor target) {
    throw new UnsupportedOperationException("TODO");
  }

  static Tensor crossEntropy(Tensor logits, Tensor target) {
    throw new UnsupportedOperationException("TODO");
  }

  /** One-hot rows [N, numClasses] from class indices [N]; checks each index is an integer in range. */
  static Tensor oneHot(Tensor target, int numClasses, DType dtype) {
    throw new UnsupportedOperationException("TODO");
  }
}
