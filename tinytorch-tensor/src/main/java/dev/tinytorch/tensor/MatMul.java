package dev.tinytorch.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * torch.matmul: 1-D, 2-D and batched with broadcast batch dims.
 *
 * <p>Every case becomes a batch of {@code [m, k] @ [k, n]} products: a 1-D first operand is a
 * row {@code [1, k]}, a 1-D second operand a column {@code [k, 1]}, and those added dims are left
 * out of the result. Operands are read through their strides (transposed and sliced views are
 * not copied); only an operand of the narrower dtype is converted. The products run in
 * {@link GemmFloat} or {@link GemmDouble}; large ones are split across the common
 * fork-join pool.
 */
final class MatMul {
  /** Products with at least this many multiply-adds are split across threads. */
  static final long PARALLEL_WORK = 1L << 21;
  /** A cap on threads per product, for benchmarks: {@code -Dtinytorch.matmul.threads=1}. */
  private static final int MAX_THREADS = Integer.getInteger("tinytorch.matmul.threads", Integer.MAX_VALUE);

  private MatMul() {}

  static Tensor matmul(Tensor a, Tensor b) {
    MatMulShapes s = new MatMulShapes(a.shape, b.shape);
    DType dtype = DType.promote(a.dtype, b.dtype);
    Storage out = Storage.allocate(dtype, Shapes.numel("matmul", s.outShape));
    Tensor result = Tensor.contiguousOver(out, s.outShape);
    if (result.numel == 0) {
      return result;
    }
    Tensor x = a.dtype == dtype ? a : Strided.materialize(a, dtype);
    Tensor y = b.dtype == dtype ? b : Strided.materialize(b, dtype);
    new Plan(s, x, y, out).run();
    return result;
  }

  /** Where each product's operands start, and how the work is split. */
  private static final class Plan {
    final int m;
    final int n;
    final int k;
    final int batches;
    final int ars;
    final int acs;
    final int brs;
    final int bcs;
    final int[] aOff;
    final int[] bOff;
    final Storage a;
    final Storage b;
    final Storage c;

    Plan(MatMulShapes s, Tensor x, Tensor y, Storage c) {
      int ra = x.shape.length;
      int rb = y.shape.length;
      int k0 = s.k;
      int m0 = s.m;
      int ars0 = ra == 1 ? 0 : x.strides[ra - 2];
      this.acs = x.strides[ra - 1];
      this.brs = rb == 1 ? y.strides[0] : y.strides[rb - 2];
      this.bcs = rb == 1 ? 0 : y.strides[rb - 1];
      this.n = s.n;
      this.k = k0;
      this.a = x.storage;
      this.b = y.storage;
      this.c = c;
      int[] batch = s.batch;
      int[] aStrides = Shapes.broadcastStrides(s.batchA, prefix(x.strides, s.batchA.length), batch);
      int[] bStrides = Shapes.broadcastStrides(s.batchB, prefix(y.strides, s.batchB.length), batch);
      int count = Shapes.numel("matmul", batch);
      int folded = count > 1 && allZero(bStrides) ? foldedRowStride(batch, aStrides, m0, ars0) : -1;
      if (count == 1 || folded >= 0) {
        // One product: a single batch, or B shared by all batches and A's batches stacked
        // evenly above its rows, e.g. [B, T, D] @ [D, E] as one [B*T, D] @ [D, E].
        this.batches = 1;
        this.m = m0 * count;
        this.ars = count == 1 ? ars0 : folded;
        this.aOff = new int[] {x.offset};
        this.bOff = new int[] {y.offset};
      } else {
        this.batches = count;
        this.m = m0;
        this.ars = ars0;
        this.aOff = new int[count];
        this.bOff = new int[count];
        int[] idx = new int[batch.length];
        int ao = x.offset;
        int bo = y.offset;
        for (int t = 0; t < count; t++) {
          aOff[t] = ao;
          bOff[t] = bo;
          for (int d = batch.length - 1; d >= 0; d--) {
            ao += aStrides[d];
            bo += bStrides[d];
            if (++idx[d] < batch[d]) {
              break;
            }
            ao -= aStrides[d] * batch[d];
            bo -= bStrides[d] * batch[d];
            idx[d] = 0;
          }
        }
      }
    }

    void run() {
      long work = (long) batches * m * n * k;
      int threads = work < PARALLEL_WORK ? 1 : threads();
      if (threads <= 1) {
        for (int t = 0; t < batches; t++) {
          product(t, 0, m);
        }
      } else if (batches >= threads) {
        parallel(threads, w -> {
          for (int t = (int) ((long) batches * w / threads); t < (long) batches * (w + 1) / threads; t++) {
            product(t, 0, m);
          }
        });
      } else {
        // Rows in chunks that are multiples of the kernels' three-row passes.
        int chunk = ((m + threads - 1) / threads + 2) / 3 * 3;
        for (int t = 0; t < batches; t++) {
          int batch = t;
          parallel(threads, w -> product(batch, Math.min(m, w * chunk), Math.min(m, (w + 1) * chunk)));
        }
      }
    }

    private void product(int t, int i0, int i1) {
      if (i0 >= i1) {
        return;
      }
      int co = t * m * n;
      if (c.f != null) {
        GemmFloat.gemm(i0, i1, n, k, a.f, aOff[t], ars, acs, b.f, bOff[t], brs, bcs, c.f, co, n);
      } else {
        GemmDouble.gemm(i0, i1, n, k, a.d, aOff[t], ars, acs, b.d, bOff[t], brs, bcs, c.d, co, n);
      }
    }
  }

  private interface Work {
    void run(int worker);
  }

  /** Runs workers 1..n-1 on the common pool and worker 0 on this thread, then waits for all. */
  private static void parallel(int workers, Work body) {
    ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[workers - 1];
    for (int w = 1; w < workers; w++) {
      int worker = w;
      tasks[w - 1] = ForkJoinTask.adapt(() -> body.run(worker)).fork();
    }
    body.run(0);
    for (ForkJoinTask<?> task : tasks) {
      task.join();
    }
  }

  private static int threads() {
    int cpus = Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1);
    return Math.min(cpus, MAX_THREADS);
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
