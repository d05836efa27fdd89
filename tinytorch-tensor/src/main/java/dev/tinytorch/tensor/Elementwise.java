package dev.tinytorch.tensor;

/**
 * Elementwise kernels with broadcasting and dtype promotion. Every result is a fresh contiguous
 * tensor; inputs may be any strided view (transposed, narrowed, expanded with 0 strides).
 *
 * <p>Binary ops take the cheapest of three routes: both operands dense and the output's size (one
 * flat loop); one dense operand and a single-element one (a flat loop against a constant); else
 * the general route, which merges dims that can be walked as one, then runs the output row by row
 * with each operand's stride along the row, so {@code x[N, M] + bias[M]} is N dense row loops.
 * The per-dtype loops live in BinaryFloat/BinaryDouble and UnaryFloat/UnaryDouble.
 */
final class Elementwise {
  private Elementwise() {}

  static boolean isComparison(BinaryOp op) {
    return switch (op) {
      case GT, GE, LT, LE, EQ, NE -> true;
      default -> false;
    };
  }

  static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
    int[] shape = Shapes.broadcast(op.opName, a.shape, b.shape);
    int n = Shapes.numel(op.opName, shape);
    DType dtype = DType.promote(a.dtype, b.dtype);
    Storage out = Storage.allocate(dtype, n);
    if (n > 0) {
      // Mixed dtypes: widen the float32 side once (exact), then run the float64 loops.
      Tensor x = a.dtype == dtype ? a : Strided.materialize(a, dtype);
      Tensor y = b.dtype == dtype ? b : Strided.materialize(b, dtype);
      compute(op, x, y, shape, out, n);
    }
    return Tensor.contiguousOver(out, shape);
  }

  private static void compute(BinaryOp op, Tensor a, Tensor b, int[] shape, Storage out, int n) {
    boolean aDense = a.numel == n && a.isContiguous();
    boolean bDense = b.numel == n && b.isContiguous();
    // A contiguous operand holding n elements has the output's shape up to leading 1s, so it
    // lines up with the output element for element.
    int sa;
    int sb;
    if (aDense && (bDense || b.numel == 1)) {
      sa = 1;
      sb = bDense ? 1 : 0;
    } else if (a.numel == 1 && bDense) {
      sa = 0;
      sb = 1;
    } else {
      general(op, a, b, shape, out, n);
      return;
    }
    if (!Parallel.pays(n, Parallel.MEMORY_GRAIN)) {
      row(op, a.storage, a.offset, sa, b.storage, b.offset, sb, out, 0, n);
      return;
    }
    Parallel.forRange(n, Parallel.MEMORY_GRAIN, (from, to) ->
        row(op, a.storage, a.offset + from * sa, sa, b.storage, b.offset + from * sb, sb, out, from, to - from));
  }

  private static void general(BinaryOp op, Tensor a, Tensor b, int[] shape, Storage out, int n) {
    int[] aStrides = Shapes.broadcastStrides(a.shape, a.strides, shape);
    int[] bStrides = Shapes.broadcastStrides(b.shape, b.strides, shape);
    // Coalesce: drop size-1 dims and merge a dim into the previous one when both operands step
    // through them as through one longer dim (the dense output always can). [N, C, H, W] + [C, 1, 1]
    // becomes [N, C, H*W] with the bias constant along the long rows.
    int rank = shape.length;
    int[] size = new int[rank];
    int[] sa = new int[rank];
    int[] sb = new int[rank];
    int m = 0;
    for (int d = 0; d < rank; d++) {
      if (shape[d] == 1) {
        continue;
      }
      if (m > 0 && sa[m - 1] == aStrides[d] * shape[d] && sb[m - 1] == bStrides[d] * shape[d]) {
        size[m - 1] *= shape[d];
      } else {
        size[m] = shape[d];
        m++;
      }
      sa[m - 1] = aStrides[d];
      sb[m - 1] = bStrides[d];
    }
    if (m == 0) { // every dim is 1: one element
      row(op, a.storage, a.offset, 0, b.storage, b.offset, 0, out, 0, n);
      return;
    }
    int dims = m;
    if (!Parallel.pays(n, Parallel.MEMORY_GRAIN)) {
      walk(op, a, b, size, sa, sb, dims, out, 0, n);
      return;
    }
    Parallel.forRange(n, Parallel.MEMORY_GRAIN, (from, to) -> walk(op, a, b, size, sa, sb, dims, out, from, to));
  }

  /**
   * Output elements {@code [from, to)} of the coalesced broadcast, row by row along the last of
   * the {@code m} dims; the first and last rows may be partial (a thread's chunk of the output).
   */
  private static void walk(BinaryOp op, Tensor a, Tensor b, int[] size, int[] sa, int[] sb, int m,
      Storage out, int from, int to) {
    int inner = size[m - 1];
    int innerA = sa[m - 1];
    int innerB = sb[m - 1];
    // The odometer of the outer dims at row from / inner, and the operands' offsets there.
    int[] idx = new int[m];
    int r = from / inner;
    int ia = a.offset;
    int ib = b.offset;
    for (int k = m - 2; k >= 0; k--) {
      idx[k] = r % size[k];
      r /= size[k];
      ia += idx[k] * sa[k];
      ib += idx[k] * sb[k];
    }
    int col = from % inner;
    for (int io = from; io < to; ) {
      int len = Math.min(inner - col, to - io);
      row(op, a.storage, ia + col * innerA, innerA, b.storage, ib + col * innerB, innerB, out, io, len);
      io += len;
      col = 0;
      for (int k = m - 2; k >= 0; k--) {
        idx[k]++;
        ia += sa[k];
        ib += sb[k];
        if (idx[k] < size[k]) {
          break;
        }
        ia -= sa[k] * size[k];
        ib -= sb[k] * size[k];
        idx[k] = 0;
      }
    }
  }

  private static void row(
      BinaryOp op, Storage a, int ia, int sa, Storage b, int ib, int sb, Storage out, int io, int n) {
    if (out.f != null) {
      BinaryFloat.row(op, a.f, ia, sa, b.f, ib, sb, out.f, io, n);
    } else {
      BinaryDouble.row(op, a.d, ia, sa, b.d, ib, sb, out.d, io, n);
    }
  }

  static Tensor unary(UnaryOp op, Tensor a) {
    Tensor out = allocateLike(a);
    int n = a.numel;
    if (n > 0) {
      Tensor src = source(a, out);
      int grain = switch (op) {
        case NEG, ABS, RELU -> Parallel.MEMORY_GRAIN;
        default -> Parallel.MATH_GRAIN;
      };
      if (!Parallel.pays(n, grain)) {
        unary(op, src, out, 0, n);
      } else {
        Parallel.forRange(n, grain, (from, to) -> unary(op, src, out, from, to));
      }
    }
    return out;
  }

  private static void unary(UnaryOp op, Tensor src, Tensor out, int from, int to) {
    if (out.storage.f != null) {
      UnaryFloat.apply(op, src.storage.f, src.offset + from, out.storage.f, from, to - from);
    } else {
      UnaryDouble.apply(op, src.storage.d, src.offset + from, out.storage.d, from, to - from);
    }
  }

  static Tensor pow(Tensor a, double exponent) {
    Tensor out = allocateLike(a);
    int n = a.numel;
    if (n > 0) {
      Tensor src = source(a, out);
      int grain = exponent == 2.0 || exponent == 1.0 || exponent == 0.0 ? Parallel.MEMORY_GRAIN : Parallel.MATH_GRAIN;
      if (!Parallel.pays(n, grain)) {
        pow(src, out, exponent, 0, n);
      } else {
        Parallel.forRange(n, grain, (from, to) -> pow(src, out, exponent, from, to));
      }
    }
    return out;
  }

  private static void pow(Tensor src, Tensor out, double exponent, int from, int to) {
    if (out.storage.f != null) {
      UnaryFloat.pow(src.storage.f, src.offset + from, out.storage.f, from, to - from, exponent);
    } else {
      UnaryDouble.pow(src.storage.d, src.offset + from, out.storage.d, from, to - from, exponent);
    }
  }

  /** Clamps into [min, max]; an open side is passed as an infinity. NaN elements stay NaN. */
  static Tensor clamp(Tensor a, double min, double max) {
    Tensor out = allocateLike(a);
    int n = a.numel;
    if (n > 0) {
      Tensor src = source(a, out);
      if (!Parallel.pays(n, Parallel.MEMORY_GRAIN)) {
        clamp(src, out, min, max, 0, n);
      } else {
        Parallel.forRange(n, Parallel.MEMORY_GRAIN, (from, to) -> clamp(src, out, min, max, from, to));
      }
    }
    return out;
  }

  private static void clamp(Tensor src, Tensor out, double min, double max, int from, int to) {
    if (out.storage.f != null) {
      UnaryFloat.clamp(src.storage.f, src.offset + from, out.storage.f, from, to - from, (float) min, (float) max);
    } else {
      UnaryDouble.clamp(src.storage.d, src.offset + from, out.storage.d, from, to - from, min, max);
    }
  }

  private static Tensor allocateLike(Tensor a) {
    return Tensor.contiguousOver(Storage.allocate(a.dtype, a.numel), a.shape.clone());
  }

  /**
   * Where a one-input kernel reads from: {@code a} itself when its elements are one dense run,
   * else {@code out} after gathering {@code a} into it, so the kernel then runs in place without a
   * second buffer.
   */
  private static Tensor source(Tensor a, Tensor out) {
    if (a.isContiguous()) {
      return a;
    }
    Strided.copy(a, a.strides, out.shape, out.storage, out.strides, 0);
    return out;
  }
}
