package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * FLOAT64 loops of the one-input kernels (unary ops, pow, clamp) over dense runs. The source may
 * be the output itself ({@code x == o, ix == io}): the kernels then work in place on a copy that
 * gathered a strided input. The op is switched on once, outside the loops.
 */
final class UnaryDouble {
  private UnaryDouble() {}

  /** {@code o[io + i] = op(x[ix + i])} for {@code i < n}. */
  static void apply(UnaryOp op, double[] x, int ix, double[] o, int io, int n) {
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

  private static void apply(UnaryOp op, double[] x, double[] o, int from, int to) {
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
      // Math.max keeps NaN and returns +0.0 for -0.0, as torch.relu does.
      case RELU -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.max(x[i], 0.0);
        }
      }
      case SQRT -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.sqrt(x[i]);
        }
      }
      case EXP -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.exp(x[i]);
        }
      }
      case LOG -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.log(x[i]);
        }
      }
      case TANH -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.tanh(x[i]);
        }
      }
      case SIGMOID -> {
        for (int i = from; i < to; i++) {
          o[i] = ScalarMath.sigmoid(x[i]);
        }
      }
      case GELU -> {
        for (int i = from; i < to; i++) {
          o[i] = ScalarMath.gelu(x[i]);
        }
      }
      case GELU_TANH -> {
        for (int i = from; i < to; i++) {
          o[i] = ScalarMath.geluTanh(x[i]);
        }
      }
      case ERF -> {
        for (int i = from; i < to; i++) {
          o[i] = Erf.erf(x[i]);
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

  private static void pow(double[] x, double[] o, int from, int to, double e) {
    if (e == 0.0) {
      Arrays.fill(o, from, to, 1.0); // pow(NaN, 0) = 1 too, in Java and in torch
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
        o[i] = Math.sqrt(x[i]);
      }
    } else if (e == -1.0) {
      for (int i = from; i < to; i++) {
        o[i] = 1.0 / x[i];
      }
    } else {
      for (int i = from; i < to; i++) {
        o[i] = Math.pow(x[i], e);
      }
    }
  }

  /** Clamps into [lo, hi]; Math.max/min keep NaN, so NaN stays NaN as in torch.clamp. */
  static void clamp(double[] x, int ix, double[] o, int io, int n, double lo, double hi) {
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

  private static void clamp(double[] x, double[] o, int from, int to, double lo, double hi) {
    for (int i = from; i < to; i++) {
      o[i] = Math.min(Math.max(x[i], lo), hi);
    }
  }
}
