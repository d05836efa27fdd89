package dev.tinytorch.tensor;

/** PyTorch-like printing. */
final class TensorFormat {
  private TensorFormat() {}

  static String format(Tensor t) {
    return "tensor(" + java.util.Arrays.toString(t.toDoubleArray()) + ")";
  }
}
