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
 * Memory bandwidth: add of two 10M-element FLOAT32 tensors. Each call must move at least
 * 3 * 4 * 10M bytes (two reads, one write), so GB/s = 0.12 / seconds per call; run.sh does the
 * division. {@link #add} returns a fresh tensor, as {@code torch.add(a, b)} does, so it also pays
 * for allocating (and the JVM for zeroing) 40 MB per call; {@link #addInPlace} writes into an
 * existing tensor, as {@code a.add_(b)} does, and is the closer measure of the kernel itself.
 * {@link #copyInPlace} ({@code a.copy_(b)}) is the simplest memory-bound loop there is, counted
 * as 2 * 4 * 10M bytes the way STREAM counts a copy (the cache also reads each destination line
 * before writing it, so it moves as many bytes as the in-place add). The best bandwidth any of
 * these reaches on either side stands in for the machine's.
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
  Tensor acc;

  @Setup
  public void setup() {
    Generator g = new Generator(3);
    a = Tensor.rand(g, DType.FLOAT32, N);
    b = Tensor.rand(g, DType.FLOAT32, N);
    acc = Tensor.rand(g, DType.FLOAT32, N);
  }

  @Benchmark
  public Tensor add() {
    return a.add(b);
  }

  /** Adds into {@code acc}; its values grow by under 1 per call, far from float overflow. */
  @Benchmark
  public Tensor addInPlace() {
    return acc.addInPlace(b);
  }

  /** Overwrites {@code acc} with {@code b}, as {@code acc.copy_(b)} does. */
  @Benchmark
  public Tensor copyInPlace() {
    return acc.copyFrom(b);
  }
}
