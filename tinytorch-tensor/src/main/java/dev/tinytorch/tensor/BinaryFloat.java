package dev.tinytorch.tensor;

/**
 * FLOAT32 loops of the binary kernels over one row of the output. The op is switched on once per
 * row, outside the loops, and the common stride patterns (both 1; one side 0, a broadcast scalar
 * or bias) get their own loops with unit or no stride, which the JIT turns into SIMD code.
 *
 * <p>Those loops index every array with the same {@code i}: C2 (JDK 17 and 25) leaves a loop
 * scalar when it reads one array at {@code ia + i} and writes another at {@code io + i}, since the
 * two could be one array with overlapping ranges. A row whose operands sit at other offsets than
 * its output (a bias row, a view into a larger tensor) is first copied into the output block by
 * block ({@link Lanes}), which lines it up with the output, and the op then runs in place there.
 *
 * <p>The arithmetic is done in float, as PyTorch does for float32, so results are bit-identical to
 * it. This file is BinaryDouble with float for double; keep the two in step.
 */
final class BinaryFloat {
  private BinaryFloat() {}

  /**
   * {@code o[io + i] = a[ia + i * sa] op b[ib + i * sb]} for {@code i < n}; comparisons store 1 or
   * 0. The output is always dense.
   */
  static void row(BinaryOp op, float[] a, int ia, int sa, float[] b, int ib, int sb, float[] o, int io, int n) {
    if (Elementwise.isComparison(op)) {
      compare(op, a, ia, sa, b, ib, sb, o, io, n);
    } else if (sa == 1 && sb == 1) {
      dense(op, a, ia, b, ib, o, io, n);
    } else if (sa == 1 && sb == 0) {
      withScalar(op, a, ia, b[ib], o, io, n);
    } else if (sa == 0 && sb == 1) {
      scalarWith(op, a[ia], b, ib, o, io, n);
    } else {
      strided(op, a, ia, sa, b, ib, sb, o, io, n);
    }
  }

  /** {@code o = a op b} over {@code [io, io + n)} of the output; a and b start at ia and ib. */
  private static void dense(BinaryOp op, float[] a, int ia, float[] b, int ib, float[] o, int io, int n) {
    if (ia == io && ib == io) {
      dense(op, a, b, o, io, io + n);
    } else if (ia == io) {
      for (int from = io, end = io + n; from < end; from += Lanes.BLOCK) {
        int to = Math.min(end, from + Lanes.BLOCK);
        System.arraycopy(b, ib + from - io, o, from, to - from);
        dense(op, a, o, o, from, to);
      }
    } else if (ib == io) {
      for (int from = io, end = io + n; from < end; from += Lanes.BLOCK) {
        int to = Math.min(end, from + Lanes.BLOCK);
        System.arraycopy(a, ia + from - io, o, from, to - from);
        dense(op, o, b, o, from, to);
      }
    } else {
      strided(op, a, ia, 1, b, ib, 1, o, io, n);
    }
  }

  /** {@code o[i] = a[i] op b[i]} for i in [from, to): one index for all three arrays, so it vectorises. */
  private static void dense(BinaryOp op, float[] a, float[] b, float[] o, int from, int to) {
    switch (op) {
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = a[i] + b[i];
        }
      }
      case SUB -> {
        for (int i = from; i < to; i++) {
          o[i] = a[i] - b[i];
        }
      }
      case MUL -> {
        for (int i = from; i < to; i++) {
          o[i] = a[i] * b[i];
        }
      }
      case DIV -> {
        for (int i = from; i < to; i++) {
          o[i] = a[i] / b[i];
        }
      }
      // Math.max/min return NaN if either side is NaN, as torch.maximum/minimum do.
      case MAXIMUM -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.max(a[i], b[i]);
        }
      }
      case MINIMUM -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.min(a[i], b[i]);
        }
      }
      default -> throw new IllegalStateException("binary: no dense loop for " + op);
    }
  }

  /** {@code a op s}: the other operand is one value (a scalar, or a bias along this row). */
  private static void withScalar(BinaryOp op, float[] a, int ia, float s, float[] o, int io, int n) {
    if (ia == io) {
      withScalar(op, a, s, o, io, io + n);
      return;
    }
    for (int from = io, end = io + n; from < end; from += Lanes.BLOCK) {
      int to = Math.min(end, from + Lanes.BLOCK);
      System.arraycopy(a, ia + from - io, o, from, to - from);
      withScalar(op, o, s, o, from, to);
    }
  }

  private static void withScalar(BinaryOp op, float[] a, float s, float[] o, int from, int to) {
    switch (op) {
      case ADD -> {
        for (int i = from; i < to; i++) {
          o[i] = a[i] + s;
        }
      }
      case SUB -> {
        for (int i = from; i < to; i++) {
          o[i] = a[i] - s;
        }
      }
      case MUL -> {
        for (int i = from; i < to; i++) {
          o[i] = a[i] * s;
        }
      }
      // Not a multiplication by 1/s: that would round twice and differ from PyTorch.
      case DIV -> {
        for (int i = from; i < to; i++) {
          o[i] = a[i] / s;
        }
      }
      case MAXIMUM -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.max(a[i], s);
        }
      }
      case MINIMUM -> {
        for (int i = from; i < to; i++) {
          o[i] = Math.min(a[i], s);
        }
      }
      default -> throw new IllegalStateException("binary: no scalar loop for " + op);
    }
  }

  /** {@code s op b}; only sub and div are not symmetric. */
  private static void scalarWith(BinaryOp op, float s, float[] b, int ib, float[] o, int io, int n) {
    if (op != BinaryOp.SUB && op != BinaryOp.DIV) {
      withScalar(op, b, ib, s, o, io, n);
    } else if (ib == io) {
      scalarWith(op, s, b, o, io, io + n);
    } else {
      for (int from = io, end = io + n; from < end; from += Lanes.BLOCK) {
        int to = Math.min(end, from + Lanes.BLOCK);
        System.arraycopy(b, ib + from - io, o, from, to - from);
        scalarWith(op, s, o, o, from, to);
      }
    }
  }

  private static void scalarWith(BinaryOp op, float s, float[] b, float[] o, int from, int to) {
    if (op == BinaryOp.SUB) {
      for (int i = from; i < to; i++) {
        o[i] = s - b[i];
      }
    } else {
      for (int i = from; i < to; i++) {
        o[i] = s / b[i];
      }
    }
  }

  private static void strided(
      BinaryOp op, float[] a, int ia, int sa, float[] b, int ib, int sb, float[] o, int io, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i * sa] + b[ib + i * sb];
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i * sa] - b[ib + i * sb];
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i * sa] * b[ib + i * sb];
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i * sa] / b[ib + i * sb];
        }
      }
      case MAXIMUM -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.max(a[ia + i * sa], b[ib + i * sb]);
        }
      }
      case MINIMUM -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.min(a[ia + i * sa], b[ib + i * sb]);
        }
      }
      default -> throw new IllegalStateException("binary: no strided loop for " + op);
    }
  }

  /**
   * One strided loop per comparison serves every layout. The 0/1 is chosen as an int and then
   * converted: the JIT compiles an int select to a conditional move but a floating-point one to a
   * branch, which mispredicts on random data (relu's x > 0 mask) and runs ~5x slower.
   */
  private static void compare(
      BinaryOp op, float[] a, int ia, int sa, float[] b, int ib, int sb, float[] o, int io, int n) {
    switch (op) {
      case GT -> {
        for (int i = 0; i < n; i++) {
          int m = a[ia + i * sa] > b[ib + i * sb] ? 1 : 0;
          o[io + i] = m;
        }
      }
      case GE -> {
        for (int i = 0; i < n; i++) {
          int m = a[ia + i * sa] >= b[ib + i * sb] ? 1 : 0;
          o[io + i] = m;
        }
      }
      case LT -> {
        for (int i = 0; i < n; i++) {
          int m = a[ia + i * sa] < b[ib + i * sb] ? 1 : 0;
          o[io + i] = m;
        }
      }
      case LE -> {
        for (int i = 0; i < n; i++) {
          int m = a[ia + i * sa] <= b[ib + i * sb] ? 1 : 0;
          o[io + i] = m;
        }
      }
      case EQ -> {
        for (int i = 0; i < n; i++) {
          int m = a[ia + i * sa] == b[ib + i * sb] ? 1 : 0;
          o[io + i] = m;
        }
      }
      case NE -> {
        for (int i = 0; i < n; i++) {
          int m = a[ia + i * sa] != b[ib + i * sb] ? 1 : 0;
          o[io + i] = m;
        }
      }
      default -> throw new IllegalStateException("binary: " + op + " is not a comparison");
    }
  }
}
