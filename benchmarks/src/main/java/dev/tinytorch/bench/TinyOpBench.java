package dev.tinytorch.bench;

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
 * Per-op overhead: add of two 10-element FLOAT32 tensors, which is nearly all dispatch, checks and
 * allocation. Autograd is on the classpath (as in any training program), so this goes through the
 * recording op table; neither input requires grad, so no graph is built.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class TinyOpBench {
  Tensor a;
  Tensor b;

  @Setup
  public void setup() {
    a = Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
    b = Tensor.of(new float[] {0.5f, 1.5f, 2.5f, 3.5f, 4.5f, 5.5f, 6.5f, 7.5f, 8.5f, 9.5f});
  }

  @Benchmark
  public Tensor add() {
    return a.add(b);
  }
}
