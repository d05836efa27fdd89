package dev.tinytorch.tensor;

/**
 * The forward kernel of {@code where(condition, a, b)} ({@code torch.where}): {@code a} where the
 * condition is nonzero (NaN counts as nonzero, as {@code bool(nan)} is true), {@code b} elsewhere,
 * all three broadcast together, in the promoted dtype of {@code a} and {@code b}. Only the chosen
 * operand is read, so {@code where(mask, -inf, x)} has no {@code 0 * inf} and gives no NaN.
 *
 * <p>Operands that are dense with the output's size, or a single element, are walked as one flat
 * run; anything else goes through the coalesced row-by-row walk Elementwise uses for two operands,
 * here with three stride sets. Large outputs are split across threads.
 */
final class WhereKernel {
  private WhereKernel() {}

  static Tensor where(Tensor condition, Tensor a, Tensor b) {
    String op = "where";
    if (condition == null || a == null || b == null) {
      throw new IllegalArgumentException(
          op + ": " + (condition == null ? "condition" : a == null ? "a" : "b") + " is null; pass three tensors "
              + "(use Tensor.scalar(value) for a constant)");
    }
    int[] shape;
    try {
      shape = Shapes.broadcast(op, Shapes.broadcast(op, condition.shape, a.shape), b.shape);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          op + ": condition " + Shapes.str(condition.shape) + ", a " + Shapes.str(a.shape) + " and b "
              + Shapes.str(b.shape) + " cannot be broadcast together; sizes must match or be 1 when aligned "
              + "from the right", e);
    }
    DType dtype = DType.promote(a.dtype, b.dtype);
    int n = Shapes.numel(op, shape);
    Storage out = Storage.allocate(dtype, n);
    if (n > 0) {
      Tensor x = a.dtype == dtype ? a : Strided.materialize(a, dtype);
      Tensor y = b.dtype == dtype ? b : Strided.materialize(b, dtype);
      compute(condition, x, y, shape, out, n);
    }
    return Tensor.contiguousOver(out, shape);
  }

  /** 1 for an operand that lines up with the flat output, 0 for a single element, -1 otherwise. */
  private static int flatStride(Tensor t, int n) {
    if (t.numel == n && t.isContiguous()) {
      return 1;
    }
    return t.numel == 1 ? 0 : -1;
  }

  private static void compute(Tensor c, Tensor a, Tensor b, int[] shape, Storage out, int n) {
    int sc = flatStride(c, n);
    int sa = flatStride(a, n);
    int sb = flatStride(b, n);
    if (sc >= 0 && sa >= 0 && sb >= 0) {
      if (!Parallel.pays(n, Parallel.MEMORY_GRAIN)) {
        row(c.storage, c.offset, sc, a.storage, a.offset, sa, b.storage, b.offset, sb, out, 0, n);
      } else {
        Parallel.forRange(n, Parallel.MEMORY_GRAIN, (from, to) -> row(c.storage, c.offset + from * sc, sc,
            a.storage, a.offset + from * sa, sa, b.storage, b.offset + from * sb, sb, out, from, to - from));
      }
      return;
    }
    // Coalesce: drop size-1 dims, merge a dim into the previous one when all three step through
    // them as through one longer dim.
    int rank = shape.length;
    int[][] in = {
      Shapes.broadcastStrides(c.shape, c.strides, shape),
      Shapes.broadcastStrides(a.shape, a.strides, shape),
      Shapes.broadcastStrides(b.shape, b.strides, shape)
    };
    int[] size = new int[rank];
    int[][] st = new int[3][rank];
    int m = 0;
    for (int d = 0; d < rank; d++) {
      if (shape[d] == 1) {
        continue;
      }
      boolean merge = m > 0;
      for (int k = 0; k < 3 && merge; k++) {
        merge = st[k][m - 1] == in[k][d] * shape[d];
      }
      if (merge) {
        size[m - 1] *= shape[d];
      } else {
        size[m++] = shape[d];
      }
      for (int k = 0; k < 3; k++) {
        st[k][m - 1] = in[k][d];
      }
    }
    if (m == 0) { // one element (the flat path takes this, but stay safe)
      row(c.storage, c.offset, 0, a.storage, a.offset, 0, b.storage, b.offset, 0, out, 0, n);
      return;
    }
    int dims = m;
    if (!Parallel.pays(n, Parallel.MEMORY_GRAIN)) {
      walk(c, a, b, size, st, dims, out, 0, n);
    } else {
      Parallel.forRange(n, Parallel.MEMORY_GRAIN, (from, to) -> walk(c, a, b, size, st, dims, out, from, to));
    }
  }

  /** Output elements {@code [from, to)}, row by row along the last of the {@code m} coalesced dims. */
  private static void walk(Tensor c, Tensor a, Tensor b, int[] size, int[][] st, int m, Storage out, int from, int to) {
    int inner = size[m - 1];
    int[] sc = st[0];
    int[] sa = st[1];
    int[] sb = st[2];
    int[] idx = new int[m];
    int r = from / inner;
    int ic = c.offset;
    int ia = a.offset;
    int ib = b.offset;
    for (int k = m - 2; k >= 0; k--) {
      idx[k] = r % size[k];
      r /= size[k];
      ic += idx[k] * sc[k];
      ia += idx[k] * sa[k];
      ib += idx[k] * sb[k];
    }
    int col = from % inner;
    for (int io = from; io < to; ) {
      int len = Math.min(inner - col, to - io);
      row(c.storage, ic + col * sc[m - 1], sc[m - 1], a.storage, ia + col * sa[m - 1], sa[m - 1],
          b.storage, ib + col * sb[m - 1], sb[m - 1], out, io, len);
      io += len;
      col = 0;
      for (int k = m - 2; k >= 0; k--) {
        idx[k]++;
        ic += sc[k];
        ia += sa[k];
        ib += sb[k];
        if (idx[k] < size[k]) {
          break;
        }
        ic -= sc[k] * size[k];
        ia -= sa[k] * size[k];
        ib -= sb[k] * size[k];
        idx[k] = 0;
      }
    }
  }

  private static void row(Storage c, int ic, int sc, Storage a, int ia, int sa, Storage b, int ib, int sb,
      Storage out, int io, int n) {
    if (out.f != null) {
      if (c.f != null) {
        row(c.f, ic, sc, a.f, ia, sa, b.f, ib, sb, out.f, io, n);
      } else {
        row(c.d, ic, sc, a.f, ia, sa, b.f, ib, sb, out.f, io, n);
      }
    } else if (c.f != null) {
      row(c.f, ic, sc, a.d, ia, sa, b.d, ib, sb, out.d, io, n);
    } else {
      row(c.d, ic, sc, a.d, ia, sa, b.d, ib, sb, out.d, io, n);
    }
  }

  // One loop per (condition dtype, result dtype); "!= 0" is true for NaN, as bool(nan) is.

  private static void row(float[] c, int ic, int sc, float[] a, int ia, int sa, float[] b, int ib, int sb,
      float[] o, int io, int n) {
    for (int i = 0; i < n; i++) {
      o[io + i] = c[ic + i * sc] != 0 ? a[ia + i * sa] : b[ib + i * sb];
    }
  }

  private static void row(double[] c, int ic, int sc, float[] a, int ia, int sa, float[] b, int ib, int sb,
      float[] o, int io, int n) {
    for (int i = 0; i < n; i++) {
      o[io + i] = c[ic + i * sc] != 0 ? a[ia + i * sa] : b[ib + i * sb];
    }
  }

  private static void row(float[] c, int ic, int sc, double[] a, int ia, int sa, double[] b, int ib, int sb,
      double[] o, int io, int n) {
    for (int i = 0; i < n; i++) {
      o[io + i] = c[ic + i * sc] != 0 ? a[ia + i * sa] : b[ib + i * sb];
    }
  }

  private static void row(double[] c, int ic, int sc, double[] a, int ia, int sa, double[] b, int ib, int sb,
      double[] o, int io, int n) {
    for (int i = 0; i < n; i++) {
      o[io + i] = c[ic + i * sc] != 0 ? a[ia + i * sa] : b[ib + i * sb];
    }
  }
}
