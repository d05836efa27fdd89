package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * FLOAT64 loops of the one-input kernels (unary ops, pow, clamp) over dense runs. The source may
 * be the output itself ({@code x == o, ix == io}): the kernels then work in place on a copy that
 * gathered a strided input. The op is switched on once, outside the loops.
 */
final class UnaryDouble {
  private UnaryDouble() {}

  static void apply(UnaryOp op, double[] x, int ix, double[] o, int io, int n) {
    switch (op) {
      case NEG -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = -x[ix + i];
        }
      }
      case ABS -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.abs(x[ix + i]);
        }
      }
      // Math.max keeps NaN and returns +0.0 for -0.0, as torch.relu does.
      case RELU -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.max(x[ix + i], 0.0);
        }
      }
      case SQRT -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.sqrt(x[ix + i]);
        }
      }
      case EXP -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.exp(x[ix + i]);
        }
      }
      case LOG -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.log(x[ix + i]);
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.tanh(x[ix + i]);
        }
      }
      case SIGMOID -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = ScalarMath.sigmoid(x[ix + i]);
        }
      }
      case GELU -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = ScalarMath.gelu(x[ix + i]);
        }
      }
      case GELU_TANH -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = ScalarMath.geluTanh(x[ix + i]);
        }
      }
      case ERF -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Erf.erf(x[ix + i]);
        }
      }
      default -> throw new IllegalStateException("unary: no loop for " + op);
    }
  }

  /**
   * x^e with Math.pow's semantics (a negative base to a non-integer power is NaN, as in torch);
   * the exponents PyTorch special-cases use the same cheaper, exactly-rounded forms it does.
   */
  static void pow(double[] x, int ix, double[] o, int io, int n, double e) {
    if (e == 0.0) {
      Arrays.fill(o, io, io + n, 1.0); // pow(NaN, 0) = 1 too, in Java and in torch
    } else if (e == 1.0) {
      System.arraycopy(x, ix, o, io, n);
    } else if (e == 2.0) {
      for (int i = 0; i < n; i++) {
        o[io + i] = x[ix + i] * x[ix + i];
      }
    } else if (e == 3.0) {
      for (int i = 0; i < n; i++) {
        o[io + i] = x[ix + i] * x[ix + i] * x[ix + i];
      }
    } else if (e == 0.5) {
      for (int i = 0; i < n; i++) {
        o[io + i] = Math.sqrt(x[ix + i]);
      }
    } else if (e == -1.0) {
      for (int i = 0; i < n; i++) {
        o[io + i] = 1.0 / x[ix + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        o[io + i] = Math.pow(x[ix + i], e);
      }
    }
  }

  /** Clamps into [lo, hi]; Math.max/min keep NaN, so NaN stays NaN as in torch.clamp. */
  static void clamp(double[] x, int ix, double[] o, int io, int n, double lo, double hi) {
    for (int i = 0; i < n; i++) {
      o[io + i] = Math.min(Math.max(x[ix + i], lo), hi);
    }
  }
}
