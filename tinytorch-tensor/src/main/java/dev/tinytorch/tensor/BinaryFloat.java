package dev.tinytorch.tensor;

/**
 * FLOAT32 loops of the binary kernels over one row of the output. The op is switched on once per
 * row, outside the loops, and the common stride patterns (both 1; one side 0, a broadcast scalar
 * or bias) get their own loops with unit or no stride, which the JIT turns into SIMD code.
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

  private static void dense(BinaryOp op, float[] a, int ia, float[] b, int ib, float[] o, int io, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i] + b[ib + i];
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i] - b[ib + i];
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i] * b[ib + i];
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i] / b[ib + i];
        }
      }
      // Math.max/min return NaN if either side is NaN, as torch.maximum/minimum do.
      case MAXIMUM -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.max(a[ia + i], b[ib + i]);
        }
      }
      case MINIMUM -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.min(a[ia + i], b[ib + i]);
        }
      }
      default -> throw new IllegalStateException("binary: no dense loop for " + op);
    }
  }

  /** {@code a op s}: the other operand is one value (a scalar, or a bias along this row). */
  private static void withScalar(BinaryOp op, float[] a, int ia, float s, float[] o, int io, int n) {
    switch (op) {
      case ADD -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i] + s;
        }
      }
      case SUB -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i] - s;
        }
      }
      case MUL -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i] * s;
        }
      }
      // Not a multiplication by 1/s: that would round twice and differ from PyTorch.
      case DIV -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = a[ia + i] / s;
        }
      }
      case MAXIMUM -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.max(a[ia + i], s);
        }
      }
      case MINIMUM -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = Math.min(a[ia + i], s);
        }
      }
      default -> throw new IllegalStateException("binary: no scalar loop for " + op);
    }
  }

  /** {@code s op b}; only sub and div are not symmetric. */
  private static void scalarWith(BinaryOp op, float s, float[] b, int ib, float[] o, int io, int n) {
    switch (op) {
      case SUB -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = s - b[ib + i];
        }
      }
      case DIV -> {
        for (int i = 0; i < n; i++) {
          o[io + i] = s / b[ib + i];
        }
      }
      default -> withScalar(op, b, ib, s, o, io, n);
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
