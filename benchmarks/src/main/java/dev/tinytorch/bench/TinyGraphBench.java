package dev.tinytorch.bench;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.Tensor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Graph overhead: {@code y = (x * w + b).relu().sum()} on 10 FLOAT32 elements, forward and
 * backward, with w and b as parameters (requiring grad) and x as data. Gradients are cleared
 * first, as a training step does, so every call does the same work.
 *
 * <p>{@link #forwardBackward} is the target. The two forward-only benchmarks split its cost: with
 * recording off they measure the four kernels and their dispatch; with recording on, that plus
 * building the graph; forwardBackward minus forwardRecorded is the backward pass.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TinyGraphBench {
  Tensor x;
  Tensor w;
  Tensor b;

  @Setup
  public void setup() {
    x = Tensor.of(new float[] {-5, -4, -3, -2, -1, 1, 2, 3, 4, 5});
    w = Tensor.of(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 1.0f})
        .requiresGrad(true);
    b = Tensor.of(new float[] {0, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f})
        .requiresGrad(true);
  }

  /** Returns w's gradient so the backward pass cannot be eliminated. */
  @Benchmark
  public Tensor forwardBackward() {
    w.zeroGrad();
    b.zeroGrad();
    Tensor y = x.mul(w).add(b).relu().sum();
    y.backward();
    return w.grad();
  }

  /** The forward pass, recording the graph but never running it backward. */
  @Benchmark
  public Tensor forwardRecorded() {
    return x.mul(w).add(b).relu().sum();
  }

  /** The forward pass with recording off: kernels, checks and dispatch only. */
  @Benchmark
  @SuppressWarnings("try") // the scope is used for its side effect only
  public Tensor forwardNoGrad() {
    try (var off = GradMode.off()) {
      return x.mul(w).add(b).relu().sum();
    }
  }
}
