package dev.tinytorch.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A long run under a small heap (issue 15): an MLP trains for 2,000 steps (CI) or 10,000
 * ({@code -Dtinytorch.longRunSteps=10000}, as benchmarks/longrun.sh runs it) in a child JVM with
 * {@code -Xmx256m}; the heap in use after a full GC must stay flat, i.e. every step's graph is freed.
 */
class LongRunTest {
  /** The child: trains and prints "heap step bytes" after a GC every {@code steps / 10} steps, then "loss a b". */
  public static final class Trainer {
    public static void main(String[] args) {
      int steps = Integer.parseInt(args[0]);
      Generator g = new Generator(11);
      Sequential mlp = new Sequential(new Linear(32, 128, true, g), new ReLU(), new Linear(128, 128, true, g),
          new ReLU(), new Linear(128, 10, true, g));
      Adam opt = Adam.builder(mlp.parameters()).lr(1e-3).build();
      Tensor x = Tensor.randn(new Generator(12), 256, 32);
      double[] labels = new double[256];
      for (int i = 0; i < labels.length; i++) {
        labels[i] = i % 10;
      }
      Tensor y = Tensor.of(labels);
      CrossEntropyLoss lossFn = new CrossEntropyLoss();
      MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
      double first = Double.NaN;
      double last = Double.NaN;
      for (int step = 1; step <= steps; step++) {
        int from = (step * 64) % 256;
        Tensor xb = x.narrow(0, from, 64);
        Tensor yb = y.narrow(0, from, 64);
        opt.zeroGrad();
        Tensor loss = lossFn.forward(mlp.forward(xb), yb);
        loss.backward();
        opt.step();
        if (step == 1) {
          first = loss.item();
        }
        last = loss.item();
        if (step % (steps / 10) == 0) {
          System.gc();
          System.out.println("heap " + step + " " + mem.getHeapMemoryUsage().getUsed());
        }
      }
      System.out.println("loss " + first + " " + last);
    }
  }

  @Test
  @Timeout(120)
  void trainingUnderASmallHeapKeepsMemoryFlat() throws Exception {
    int steps = Integer.getInteger("tinytorch.longRunSteps", 2000);
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    long t0 = System.nanoTime();
    Process child = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-Dtinytorch.quiet=true", "-cp",
        System.getProperty("java.class.path"), Trainer.class.getName(), Integer.toString(steps))
        .redirectErrorStream(true).start();
    List<long[]> heap = new ArrayList<>();
    double[] loss = null;
    List<String> other = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        String[] f = line.split(" ");
        if (f[0].equals("heap")) {
          heap.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        } else if (f[0].equals("loss")) {
          loss = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } else {
          other.add(line);
        }
      }
    }
    assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, child.exitValue(), "the child failed: " + other);
    assertEquals(10, heap.size(), heap.toString());
    // flat: after the first measurement (JIT, class loading, the optimizer's state), the live heap
    // must not grow; a graph kept per step (~0.5 MB here) would add gigabytes over the run
    long base = heap.get(0)[1];
    long max = heap.stream().skip(1).mapToLong(h -> h[1]).max().orElseThrow();
    StringBuilder trace = new StringBuilder();
    heap.forEach(h -> trace.append(h[0]).append(':').append(h[1] / 1024).append("K "));
    System.out.printf("Long run: %d MLP steps under -Xmx256m in %.1f s; live heap after GC %s; loss %.4f -> %.4f%n",
        steps, (System.nanoTime() - t0) / 1e9, trace, loss[0], loss[1]);
    assertTrue(max - base < 4L << 20, "the live heap grew from " + base + " to " + max + " bytes: " + trace);
    assertTrue(loss[1] < loss[0] * 0.9, "the MLP did not train: loss " + loss[0] + " -> " + loss[1]);
  }
}
