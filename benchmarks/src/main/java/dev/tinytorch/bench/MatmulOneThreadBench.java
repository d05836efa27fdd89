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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 1024^2 contiguous matmul of {@link MatmulBench} on one thread, against PyTorch on one
 * thread. On a 2-core machine shared with other work the two-thread scores swing with whatever
 * runs on the other core; one thread measures the kernel itself and swings far less.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dtinytorch.matmul.threads=1"})
public class MatmulOneThreadBench {
  @Param({"FLOAT32", "FLOAT64"})
  public DType dtype;

  Tensor a;
  Tensor b;

  @Setup
  public void setup() {
    Generator g = new Generator(42);
    a = Tensor.randn(g, dtype, MatmulBench.N, MatmulBench.N);
    b = Tensor.randn(g, dtype, MatmulBench.N, MatmulBench.N);
  }

  @Benchmark
  public Tensor contiguous() {
    return a.matmul(b);
  }
}
