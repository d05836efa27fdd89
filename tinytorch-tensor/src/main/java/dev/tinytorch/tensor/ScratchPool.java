package dev.tinytorch.tensor;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Work buffers lent for one call and returned after it, for the GEMM kernels' packed panels and
 * tiles (a few hundred KB to a few MB each).
 *
 * <p>Not a ThreadLocal: the common fork-join pool's workers, which run the second half of every
 * parallel matmul, drop their ThreadLocals after each task on JDK 17 and 25, so a per-thread
 * cache was rebuilt, and its megabytes allocated, on every call. The pool holds as many buffers
 * as calls have ever run at once (two on this machine), and each is used by one call at a time.
 */
final class ScratchPool<T> {
  private final ConcurrentLinkedQueue<T> free = new ConcurrentLinkedQueue<>();
  private final Supplier<T> factory;

  ScratchPool(Supplier<T> factory) {
    this.factory = factory;
  }

  /** A buffer no other call holds: a returned one, or a new one. */
  T take() {
    T s = free.poll();
    return s != null ? s : factory.get();
  }

  /** Returns a buffer taken with {@link #take}; the caller must not use it afterwards. */
  void give(T s) {
    free.offer(s);
  }
}
