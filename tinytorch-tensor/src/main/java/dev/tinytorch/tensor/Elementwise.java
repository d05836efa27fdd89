package dev.tinytorch.tensor;

/** Elementwise kernels with broadcasting and dtype promotion. */
final class Elementwise {
  private Elementwise() {}

  static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
    throw new UnsupportedOperationException("TODO elementwise " + op);
  }

  static Tensor unary(UnaryOp op, Tensor a) {
    throw new UnsupportedOperationException("TODO elementwise " + op);
  }

  static Tensor pow(Tensor a, double exponent) {
    throw new UnsupportedOperationException("TODO pow");
  }

  static Tensor clamp(Tensor a, double min, double max) {
    throw new UnsupportedOperationException("TODO clamp");
  }
}
