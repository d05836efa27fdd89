package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * FLOAT32 loops of the one-input kernels; UnaryDouble's counterpart. Sign, abs, relu, sqrt and the
 * pow special cases are exact in float. The transcendental functions are computed in double and
 * rounded once to float: that is at least as accurate as PyTorch's float32 kernels (within about
 * one float ulp of them), and there is no faster portable float math in Java to use instead.
 */
final class UnaryFloat {
  private UnaryFloat() {}

  static void apply(UnaryOp op, float[] x, int ix, float[] o, int io, int n) {
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
      case RELU -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.max(x[ix + i], 0f);
        }
      }
      // The double square root rounded to float is the correctly rounded float square root.
      case SQRT -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = (float) Math.sqrt(x[ix + i]);
        }
      }
      case EXP -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = (float) Math.exp(x[ix + i]);
        }
      }
      case LOG -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = (float) Math.log(x[ix + i]);
        }
      }
      case TANH -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = (float) Math.tanh(x[ix + i]);
        }
      }
      case SIGMOID -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = (float) ScalarMath.sigmoid(x[ix + i]);
        }
      }
      case GELU -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = (float) ScalarMath.gelu(x[ix + i]);
        }
      }
      case GELU_TANH -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = (float) ScalarMath.geluTanh(x[ix + i]);
        }
      }
      case ERF -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = (float) Erf.erf(x[ix + i]);
        }
      }
      default -> throw new IllegalStateException("unary: no loop for " + op);
    }
  }

  /**
   * x^e in float. The special cases square, cube, sqrt and reciprocal are computed in float like
   * PyTorch's. Otherwise the power is taken in double with the exponent as given and rounded
   * once: PyTorch 1.13 does that for short tensors but rounds the exponent to float first in its
   * SIMD path (1e30f^0.1 gives 1000.0 there and 1000.0001 here), so only the first is consistent.
   */
  static void pow(float[] x, int ix, float[] o, int io, int n, double e) {
    if (e == 0.0) {
      Arrays.fill(o, io, io + n, 1f);
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
        o[io + i] = (float) Math.sqrt(x[ix + i]);
      }
    } else if (e == -1.0) {
      for (int i = 0; i < n; i++) {
        o[io + i] = 1f / x[ix + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        o[io + i] = (float) Math.pow(x[ix + i], e);
      }
    }
  }

  /** Clamps into [lo, hi] (bounds already rounded to float, as PyTorch rounds them). */
  static void clamp(float[] x, int ix, float[] o, int io, int n, float lo, float hi) {
    for (int i = 0; i < n; i++) {
      o[io + i] = Math.min(Math.max(x[ix + i], lo), hi);
    }
  }
}
