package dev.tinytorch.bench;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
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
 * Memory bandwidth: add of two 10M-element FLOAT32 tensors into a new one. Each call moves
 * 3 * 4 * 10M bytes (two reads, one write), so GB/s = 0.12 / seconds per call; run.sh does the
 * division. The result is a fresh tensor each call, as {@code torch.add(a, b)} is.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ElementwiseBench {
  static final int N = 10_000_000;

  Tensor a;
  Tensor b;

  @Setup
  public void setup() {
    Generator g = new Generator(3);
    a = Tensor.rand(g, DType.FLOAT32, N);
    b = Tensor.rand(g, DType.FLOAT32, N);
  }

  @Benchmark
  public Tensor add() {
    return a.add(b);
  }
}
