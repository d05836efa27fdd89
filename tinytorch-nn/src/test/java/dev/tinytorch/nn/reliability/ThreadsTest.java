package dev.tinytorch.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.Anomaly;
import dev.tinytorch.autograd.Autograd;
import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.Tanh;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Threads (issue 15): separate models train in parallel bit for bit as alone; GradMode and anomaly
 * mode are per thread; shared tensors may be read from many threads at once.
 */
class ThreadsTest {
  private static final int THREADS = 4;

  /** Trains a fresh seeded MLP with Adam for 40 steps and returns every parameter value. */
  static double[] train(DType dtype) {
    Generator g = new Generator(7);
    Sequential mlp = new Sequential(new Linear(8, 32, true, g), new Tanh(), new Linear(32, 3, true, g));
    mlp.to(dtype);
    Adam opt = Adam.builder(mlp.parameters()).lr(0.01).build();
    Tensor x = Tensor.randn(new Generator(8), dtype, 64, 8);
    double[] labels = new double[64];
    for (int i = 0; i < 64; i++) {
      labels[i] = i % 3;
    }
    Tensor y = Tensor.of(labels);
    for (int step = 0; step < 40; step++) {
      opt.zeroGrad();
      new CrossEntropyLoss().forward(mlp.forward(x), y).backward();
      opt.step();
    }
    List<Double> all = new ArrayList<>();
    for (Tensor p : mlp.parameters()) {
      for (double v : p.toDoubleArray()) {
        all.add(v);
      }
    }
    return all.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static <T> List<T> inParallel(int n, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CyclicBarrier start = new CyclicBarrier(n);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void independentModelsTrainedInParallelAreBitIdenticalToTrainingAlone() throws Exception {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      double[] alone = train(dtype);
      for (double[] r : inParallel(THREADS, () -> train(dtype))) {
        assertArrayEquals(alone, r, 0.0, dtype + ": a model trained next to others must not differ by a bit");
      }
    }
  }

  @Test
  void gradModeAndAnomalyModeArePerThread() throws Exception {
    CyclicBarrier both = new CyclicBarrier(2);
    boolean[] seen = new boolean[4];
    Thread other = new Thread(() -> {
      try {
        both.await(); // the main thread is inside both scopes now, and stays there until the second await
        Tensor y = Tensor.of(new double[] {-1}).requiresGrad(true).log(); // recorded, and not checked here
        seen[0] = GradMode.isEnabled();
        seen[1] = Anomaly.isEnabled();
        seen[2] = y.gradFn() != null;
        seen[3] = Double.isNaN(y.item());
        both.await();
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    other.start();
    try (var off = GradMode.off(); var anomaly = Anomaly.detect()) {
      both.await();
      both.await();
      assertFalse(GradMode.isEnabled());
      assertTrue(Anomaly.isEnabled());
      assertNull(Tensor.of(new double[] {2}).requiresGrad(true).mul(2.0).gradFn()); // off on this thread
    }
    other.join();
    assertArrayEquals(new boolean[] {true, false, true, true}, seen);
    assertTrue(GradMode.isEnabled());
    assertFalse(Anomaly.isEnabled());
  }

  @Test
  void concurrentReadsOfSharedTensorsGiveTheSameResults() throws Exception {
    Tensor w = Tensor.randn(new Generator(3), DType.FLOAT64, 48, 48).requiresGrad(true);
    Tensor x = Tensor.randn(new Generator(4), DType.FLOAT64, 16, 48);
    double[] wBefore = w.toDoubleArray();
    Callable<double[]> read = () -> {
      double[] acc = null;
      for (int i = 0; i < 20; i++) {
        // separate graphs over the same leaves; Autograd.grad leaves w.grad alone
        Tensor g = Autograd.grad(x.matmul(w).tanh().square().sum(), w, false)[0];
        acc = g.toDoubleArray();
      }
      return acc;
    };
    double[] single = read.call();
    for (double[] r : inParallel(THREADS * 2, read)) {
      assertArrayEquals(single, r, 0.0);
    }
    assertArrayEquals(wBefore, w.toDoubleArray(), 0.0);
    assertNull(w.grad());
    assertEquals(0, w.version());
  }
}
