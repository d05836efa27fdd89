package dev.tinytorch.tensor;

/** torch.matmul: 1-D, 2-D and batched with broadcast batch dims. */
final class MatMul {
  private MatMul() {}

  static Tensor matmul(Tensor a, Tensor b) {
    throw new UnsupportedOperationException("TODO");
  }
}
