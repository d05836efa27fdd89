package dev.tinytorch.tensor;

/**
 * torch.matmul: 1-D, 2-D and batched with broadcast batch dims.
 *
 * <p>Every case becomes a batch of {@code [m, k] @ [k, n]} products: a 1-D first operand is a
 * row {@code [1, k]}, a 1-D second operand a column {@code [k, 1]}, and those added dims are left
 * out of the result. Operands are read through their strides (transposed and sliced views are
 * not copied); only an operand of the narrower dtype is converted. The products run in
 * {@link GemmFloat} or {@link GemmDouble}; large ones are split across the common fork-join
 * pool. Operands of rank 2 or less take a path that allocates nothing but the result.
 */
final class MatMul {
  /** Products with at least this many multiply-adds are split across threads. */
  static final long PARALLEL_WORK = 1L << 21;
  /** A cap on threads per product, for benchmarks: {@code -Dtinytorch.matmul.threads=1}. */
  private static final int MAX_THREADS = Integer.getInteger("tinytorch.matmul.threads", Integer.MAX_VALUE);
  /** Rows of C per pass of the kernels: the vector kernels' six, two of the scalar kernels' three. */
  private static final int PASS_ROWS = 6;

  static {
    // The first matmul settles which kernels run and prints the one-line notice (see Kernels).
    Kernels.init();
  }

  private MatMul() {}

  static Tensor matmul(Tensor a, Tensor b) {
    return a.shape.length <= 2 && b.shape.length <= 2 ? matrices(a, b) : batched(a, b);
  }

  /** Vectors and matrices: one product, no batch bookkeeping. */
  private static Tensor matrices(Tensor a, Tensor b) {
    int k = MatMulShapes.check(a.shape, b.shape);
    int ra = a.shape.length;
    int rb = b.shape.length;
    int m = ra == 1 ? 1 : a.shape[0];
    int n = rb == 1 ? 1 : b.shape[1];
    int[] outShape = ra == 1 ? (rb == 1 ? new int[0] : new int[] {n}) : (rb == 1 ? new int[] {m} : new int[] {m, n});
    DType dtype = DType.promote(a.dtype, b.dtype);
    Tensor result = Tensor.contiguousOver(Storage.allocate(dtype, Shapes.numel("matmul", outShape)), outShape);
    if (result.numel == 0) {
      return result;
    }
    Tensor x = a.dtype == dtype ? a : Strided.materialize(a, dtype);
    Tensor y = b.dtype == dtype ? b : Strided.materialize(b, dtype);
    int ars = ra == 1 ? 0 : x.strides[0];
    int acs = x.strides[ra - 1];
    int brs = y.strides[0];
    int bcs = rb == 1 ? 0 : y.strides[1];
    long work = (long) m * n * k;
    product(x.storage, x.offset, ars, acs, y.storage, y.offset, brs, bcs, result.storage, 0, m, n, k,
        work < PARALLEL_WORK ? 1 : threads());
    return result;
  }

  /** At least one operand of rank 3 or more: broadcast batch dims, then one product per batch. */
  private static Tensor batched(Tensor a, Tensor b) {
    MatMulShapes s = new MatMulShapes(a.shape, b.shape);
    DType dtype = DType.promote(a.dtype, b.dtype);
    Storage c = Storage.allocate(dtype, Shapes.numel("matmul", s.outShape));
    Tensor result = Tensor.contiguousOver(c, s.outShape);
    if (result.numel == 0) {
      return result;
    }
    Tensor x = a.dtype == dtype ? a : Strided.materialize(a, dtype);
    Tensor y = b.dtype == dtype ? b : Strided.materialize(b, dtype);
    int ra = x.shape.length;
    int rb = y.shape.length;
    int m = s.m;
    int n = s.n;
    int k = s.k;
    int ars = ra == 1 ? 0 : x.strides[ra - 2];
    int acs = x.strides[ra - 1];
    int brs = rb == 1 ? y.strides[0] : y.strides[rb - 2];
    int bcs = rb == 1 ? 0 : y.strides[rb - 1];
    int[] batch = s.batch;
    int[] aStrides = Shapes.broadcastStrides(s.batchA, prefix(x.strides, s.batchA.length), batch);
    int[] bStrides = Shapes.broadcastStrides(s.batchB, prefix(y.strides, s.batchB.length), batch);
    int count = Shapes.numel("matmul", batch);
    long work = (long) count * m * n * k;
    int threads = work < PARALLEL_WORK ? 1 : threads();
    int folded = allZero(bStrides) ? foldedRowStride(batch, aStrides, m, ars) : -1;
    if (count == 1 || folded >= 0) {
      // One product: B shared by all batches and A's batches stacked evenly above its rows, as in
      // [B, T, D] @ [D, E] computed as one [B*T, D] @ [D, E].
      product(x.storage, x.offset, count == 1 ? ars : folded, acs, y.storage, y.offset, brs, bcs, c, 0,
          m * count, n, k, threads);
      return result;
    }
    int[] aOff = new int[count];
    int[] bOff = new int[count];
    offsets(batch, aStrides, x.offset, aOff);
    offsets(batch, bStrides, y.offset, bOff);
    if (threads > 1 && count >= threads) {
      Parallel.forWorkers(threads, w -> {
        for (int t = (int) ((long) count * w / threads); t < (long) count * (w + 1) / threads; t++) {
          product(x.storage, aOff[t], ars, acs, y.storage, bOff[t], brs, bcs, c, t * m * n, m, n, k, 1);
        }
      });
    } else {
      for (int t = 0; t < count; t++) {
        product(x.storage, aOff[t], ars, acs, y.storage, bOff[t], brs, bcs, c, t * m * n, m, n, k, threads);
      }
    }
    return result;
  }

  /** {@code C = A B} for one m x n product at {@code co} in c, split by rows across threads. */
  private static void product(Storage a, int ao, int ars, int acs, Storage b, int bo, int brs, int bcs,
      Storage c, int co, int m, int n, int k, int threads) {
    if (threads <= 1 || m <= PASS_ROWS) {
      rows(a, ao, ars, acs, b, bo, brs, bcs, c, co, 0, m, n, k);
      return;
    }
    // Chunks of whole passes of the kernels; each thread packs B for itself.
    int chunk = ((m + threads - 1) / threads + PASS_ROWS - 1) / PASS_ROWS * PASS_ROWS;
    Parallel.forWorkers(threads, w -> rows(a, ao, ars, acs, b, bo, brs, bcs, c, co,
        Math.min(m, w * chunk), Math.min(m, (w + 1) * chunk), n, k));
  }

  private static void rows(Storage a, int ao, int ars, int acs, Storage b, int bo, int brs, int bcs,
      Storage c, int co, int i0, int i1, int n, int k) {
    if (c.f != null) {
      GemmFloat.gemm(i0, i1, n, k, a.f, ao, ars, acs, b.f, bo, brs, bcs, c.f, co, n);
    } else {
      GemmDouble.gemm(i0, i1, n, k, a.d, ao, ars, acs, b.d, bo, brs, bcs, c.d, co, n);
    }
  }

  private static int threads() {
    return Math.min(Parallel.THREADS, MAX_THREADS);
  }

  /** Storage offset of each batch's matrix, batches in row-major order (an odometer over batch). */
  private static void offsets(int[] batch, int[] strides, int base, int[] out) {
    int[] idx = new int[batch.length];
    int off = base;
    for (int t = 0; t < out.length; t++) {
      out[t] = off;
      for (int d = batch.length - 1; d >= 0; d--) {
        off += strides[d];
        if (++idx[d] < batch[d]) {
          break;
        }
        off -= strides[d] * batch[d];
        idx[d] = 0;
      }
    }
  }

  private static int[] prefix(int[] values, int length) {
    int[] out = new int[length];
    System.arraycopy(values, 0, out, 0, length);
    return out;
  }

  private static boolean allZero(int[] values) {
    for (int v : values) {
      if (v != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * The single row stride that walks A's batch dims and its m rows as one dim of
   * {@code batches * m} rows, or -1 when their strides do not line up (strides are never negative).
   */
  private static int foldedRowStride(int[] batch, int[] strides, int m, int rowStride) {
    boolean any = m != 1;
    int inner = any ? rowStride : 0;
    long prevStride = rowStride;
    long prevSize = m;
    for (int d = batch.length - 1; d >= 0; d--) {
      if (batch[d] == 1) {
        continue;
      }
      if (!any) {
        any = true;
        inner = strides[d];
      } else if (strides[d] != prevStride * prevSize) {
        return -1;
      }
      prevStride = strides[d];
      prevSize = batch[d];
    }
    return inner;
  }
}
