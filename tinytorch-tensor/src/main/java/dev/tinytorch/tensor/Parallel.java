package dev.tinytorch.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits a loop over {@code [0, n)} into one contiguous chunk per core, run on the common
 * fork-join pool, for kernels whose elements are independent (elementwise ops, in-place updates).
 *
 * <p>Work is split only above a size where it pays: handing a chunk to another thread and waiting
 * for it costs some microseconds (more when the pool's thread has gone to sleep), and a small
 * kernel is done sooner than that on one core. Each kernel passes its own grain, the fewest
 * elements worth a thread of their own: large for memory-bound loops, small for transcendental
 * ones. Chunk borders fall on multiples of 16 elements, so two threads never write one 64-byte
 * cache line. Results do not depend on the split: each element is computed by the same code
 * whichever thread runs it.
 *
 * <p>{@code -Dtinytorch.threads=N} caps the threads used per kernel, matmul included (1 turns
 * splitting off).
 */
final class Parallel {
  /** The most threads one kernel uses: the cores the common pool can lend, plus the caller's. */
  static final int THREADS = Math.max(1, Math.min(Integer.getInteger("tinytorch.threads", Integer.MAX_VALUE),
      Math.min(Runtime.getRuntime().availableProcessors(), ForkJoinPool.getCommonPoolParallelism() + 1)));
  /** Elements per thread below which a memory-bound loop (add, copy, axpy) stays on one thread. */
  static final int MEMORY_GRAIN = 1 << 16;
  /** Elements per thread below which a loop of transcendental functions stays on one thread. */
  static final int MATH_GRAIN = 1 << 12;
  /** Chunk borders are multiples of this many elements (a 64-byte line of floats). */
  private static final int ALIGN = 16;

  private Parallel() {}

  /** The body of a split loop: elements {@code [from, to)}. */
  interface Range {
    void run(int from, int to);
  }

  /** Whether a loop of n elements with this grain would be split; callers test it before building a lambda. */
  static boolean pays(long n, int grain) {
    return THREADS > 1 && n >= 2L * grain;
  }

  /**
   * Runs {@code body} over {@code [0, n)} in chunks: chunks 1.. on the common pool, chunk 0 on the
   * calling thread, then waits for all. An exception in any chunk is rethrown here.
   */
  static void forRange(int n, int grain, Range body) {
    forRange(n, grain, THREADS, body);
  }

  /** {@link #forRange(int, int, Range)} with at most {@code threads} chunks (tests use it to split on any machine). */
  static void forRange(int n, int grain, int threads, Range body) {
    int workers = (int) Math.min(threads, Math.max(1, n / (long) grain));
    if (workers <= 1) {
      body.run(0, n);
      return;
    }
    forWorkers(workers, w -> body.run(border(n, w, workers), border(n, w + 1, workers)));
  }

  /** The body of work split by worker: worker w of n does its own share. */
  interface Worker {
    void run(int worker);
  }

  /**
   * Runs workers 1..n-1 on the common pool and worker 0 on the calling thread, then waits for all;
   * an exception in any worker is rethrown here.
   */
  static void forWorkers(int workers, Worker body) {
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

  private static int border(int n, int w, int workers) {
    if (w == 0) {
      return 0;
    }
    if (w == workers) {
      return n;
    }
    return (int) ((long) n * w / workers) / ALIGN * ALIGN;
  }
}
