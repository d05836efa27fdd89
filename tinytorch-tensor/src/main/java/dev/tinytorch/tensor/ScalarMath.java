package dev.tinytorch.tensor;

/**
 * The scalar formulas of the activation kernels, in double, written to stay accurate in the tails
 * where the textbook forms overflow or cancel. Small static methods, so the JIT inlines them into
 * the kernels' loops.
 */
final class ScalarMath {
  private ScalarMath() {}

  private static final double SQRT1_2 = 0.7071067811865476;

  /** sqrt(2/pi), the scale inside the tanh GELU (PyTorch's kBeta). */
  private static final double GELU_BETA = 0.7978845608028654;

  private static final double GELU_KAPPA = 0.044715;

  /**
   * 1 / (1 + e^-x). For x < 0 it uses e^x / (1 + e^x) so e^-x never overflows: sigmoid(-1000) is
   * exactly 0 and sigmoid(1000) exactly 1, with full relative precision in the left tail.
   */
  static double sigmoid(double x) {
    if (x >= 0) {
      return 1.0 / (1.0 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1.0 + e);
  }

  /**
   * Exact GELU, x/2 * (1 + erf(x/sqrt 2)). Written as x/2 * erfc(-x/sqrt 2), the same number
   * without the cancellation of 1 + erf for negative x, so the left tail keeps its relative
   * precision (PyTorch's formula returns 0 there from about x = -8 on).
   */
  static double gelu(double x) {
    return 0.5 * x * Erf.erfc(-x * SQRT1_2);
  }

  /**
   * The tanh GELU, x/2 * (1 + tanh(u)) with u = sqrt(2/pi) (x + 0.044715 x^3). Since
   * 1 + tanh(u) = 2 sigmoid(2u), it is computed as x * sigmoid(2u), which does not cancel for
   * negative x.
   */
  static double geluTanh(double x) {
    double u = GELU_BETA * (x + GELU_KAPPA * (x * x * x));
    return x * sigmoid(2.0 * u);
  }
}
