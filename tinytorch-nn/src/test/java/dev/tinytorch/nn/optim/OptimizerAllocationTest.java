package dev.tinytorch.nn.optim;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An optimizer step allocates nothing per element: over many steps the bytes allocated by the
 * calling thread per step stay a tiny fraction of the parameter's size (a few small objects per
 * parameter: the no-grad scope, the loop's lambda). Measured with the HotSpot ThreadMXBean, skipped
 * where that is not available.
 */
class OptimizerAllocationTest {
  private static final int N = 1 << 15; // below the thread split, so all work is on this thread

  @Test
  void stepsAllocateNothingPerElement() {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    assumeTrue(mx instanceof com.sun.management.ThreadMXBean, "needs com.sun.management.ThreadMXBean");
    com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) mx;
    assumeTrue(bean.isThreadAllocatedMemorySupported(), "thread allocation counting unsupported");
    bean.setThreadAllocatedMemoryEnabled(true);
    List<Function<List<Tensor>, Optimizer>> makers = List.of(
        ps -> SGD.builder(ps).lr(1e-3).momentum(0.9).nesterov(true).weightDecay(1e-4).build(),
        ps -> Adam.builder(ps).lr(1e-3).amsgrad(true).build(),
        ps -> AdamW.builder(ps).lr(1e-3).build());
    for (DType dtype : DType.values()) {
      for (Function<List<Tensor>, Optimizer> make : makers) {
        Tensor p = Tensor.zeros(dtype, N).requiresGrad(true);
        p.setGrad(Tensor.full(dtype, 0.01, N));
        Optimizer opt = make.apply(List.of(p));
        for (int i = 0; i < 2000; i++) {
          opt.step(); // warm up, and create the state
        }
        long tid = Thread.currentThread().getId();
        int steps = 2000;
        long before = bean.getThreadAllocatedBytes(tid);
        for (int i = 0; i < steps; i++) {
          opt.step();
        }
        long perStep = (bean.getThreadAllocatedBytes(tid) - before) / steps;
        long paramBytes = (long) N * (dtype == DType.FLOAT32 ? 4 : 8);
        System.out.printf("%s %s step over %d elements: %d bytes allocated per step%n",
            opt.getClass().getSimpleName(), dtype, N, perStep);
        assertTrue(perStep < 1024 && perStep * 100 < paramBytes,
            opt.getClass().getSimpleName() + " " + dtype + " allocates " + perStep + " bytes per step");
      }
    }
  }
}
