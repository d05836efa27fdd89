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

  /** {@code o[io + i] = op(x[ix + i])} for {@code i < n}. */
  static void apply(UnaryOp op, float[] x, int ix, float[] o, int io, int n) {
    if (ix == io) {
      apply(op, x, o, io, io + n);
      return;
    }
    for (int from = io, end = io + n; from < end; from += Lanes.BLOCK) {
      int to = Math.min(end, from + Lanes.BLOCK);
      System.arraycopy(x, ix + from - io, o, from, to - from);
      apply(op, o, o, from, to);
    }
  }

  private static void apply(UnaryOp op, float[] x, float[] o, int from, int to) {
    switch (op) {
      case NEG -> {
        for (int i = from; i < to; i++) {
          o[i] = -x[i];
        }
      }
      case ABS -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.abs(x[i]);
        }
      }
      case RELU -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.max(x[i], 0f);
        }
      }
      // The double square root rounded to float is the correctly rounded float square root.
      case SQRT -> {
        for (int i = from; i < to; i++) {
          o[i] = (float) Math.sqrt(x[i]);
        }
      }
      case EXP -> {
        for (int i = from; i < to; i++) {
          o[i] = (float) Math.exp(x[i]);
        }
      }
      case LOG -> {
        for (int i = from; i < to; i++) {
          o[i] = (float) Math.log(x[i]);
        }
      }
      case TANH -> {
        for (int i = from; i < to; i++) {
          o[i] = (float) Math.tanh(x[i]);
        }
      }
      case SIGMOID -> {
        for (int i = from; i < to; i++) {
          o[i] = (float) ScalarMath.sigmoid(x[i]);
        }
      }
      case GELU -> {
        for (int i = from; i < to; i++) {
          o[i] = (float) ScalarMath.gelu(x[i]);
        }
      }
      case GELU_TANH -> {
        for (int i = from; i < to; i++) {
          o[i] = (float) ScalarMath.geluTanh(x[i]);
        }
      }
      case ERF -> {
        for (int i = from; i < to; i++) {
          o[i] = (float) Erf.erf(x[i]);
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
    if (ix == io) {
      pow(x, o, io, io + n, e);
      return;
    }
    for (int from = io, end = io + n; from < end; from += Lanes.BLOCK) {
      int to = Math.min(end, from + Lanes.BLOCK);
      System.arraycopy(x, ix + from - io, o, from, to - from);
      pow(o, o, from, to, e);
    }
  }

  private static void pow(float[] x, float[] o, int from, int to, double e) {
    if (e == 0.0) {
      Arrays.fill(o, from, to, 1f);
    } else if (e == 1.0) {
      System.arraycopy(x, from, o, from, to - from);
    } else if (e == 2.0) {
      for (int i = from; i < to; i++) {
        o[i] = x[i] * x[i];
      }
    } else if (e == 3.0) {
      for (int i = from; i < to; i++) {
        o[i] = x[i] * x[i] * x[i];
      }
    } else if (e == 0.5) {
      for (int i = from; i < to; i++) {
        o[i] = (float) Math.sqrt(x[i]);
      }
    } else if (e == -1.0) {
      for (int i = from; i < to; i++) {
        o[i] = 1f / x[i];
      }
    } else {
      for (int i = from; i < to; i++) {
        o[i] = (float) Math.pow(x[i], e);
      }
    }
  }

  /** Clamps into [lo, hi] (bounds already rounded to float, as PyTorch rounds them). */
  static void clamp(float[] x, int ix, float[] o, int io, int n, float lo, float hi) {
    if (ix == io) {
      clamp(x, o, io, io + n, lo, hi);
      return;
    }
    for (int from = io, end = io + n; from < end; from += Lanes.BLOCK) {
      int to = Math.min(end, from + Lanes.BLOCK);
      System.arraycopy(x, ix + from - io, o, from, to - from);
      clamp(o, o, from, to, lo, hi);
    }
  }

  private static void clamp(float[] x, float[] o, int from, int to, float lo, float hi) {
    for (int i = from; i < to; i++) {
      o[i] = Math.min(Math.max(x[i], lo), hi);
    }
  }
}
