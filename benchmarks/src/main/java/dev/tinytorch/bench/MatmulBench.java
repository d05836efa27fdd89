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
 * matmul at 1024^2 (2 * 1024^3 flops per call) on contiguous and transposed operands, and a
 * batched [8, 256, 256] @ [8, 256, 256] (2 * 8 * 256^3 flops). Transposed operands are strided
 * views, so a kernel that silently copies them shows up here as a slower score.
 *
 * <p>run.sh runs this class a second time with {@code --add-modules jdk.incubator.vector} to
 * measure the Vector API kernels.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MatmulBench {
  static final int N = 1024;
  static final int BATCH = 8;
  static final int BN = 256;

  @Param({"FLOAT32", "FLOAT64"})
  public DType dtype;

  Tensor a;
  Tensor b;
  /** Storage of a transposed, so {@code aT.t()} is a view equal in shape to {@code a}. */
  Tensor aT;
  Tensor bT;
  Tensor batchA;
  Tensor batchB;

  @Setup
  public void setup() {
    Generator g = new Generator(42);
    a = Tensor.randn(g, dtype, N, N);
    b = Tensor.randn(g, dtype, N, N);
    aT = Tensor.randn(g, dtype, N, N);
    bT = Tensor.randn(g, dtype, N, N);
    batchA = Tensor.randn(g, dtype, BATCH, BN, BN);
    batchB = Tensor.randn(g, dtype, BATCH, BN, BN);
  }

  @Benchmark
  public Tensor contiguous() {
    return a.matmul(b);
  }

  /** a.T @ b: the shape of the weight gradient x.T @ dy in a linear layer's backward. */
  @Benchmark
  public Tensor transposedA() {
    return aT.t().matmul(b);
  }

  /** a @ b.T: the shape of the input gradient dy @ W.T in a linear layer's backward. */
  @Benchmark
  public Tensor transposedB() {
    return a.matmul(bT.t());
  }

  @Benchmark
  public Tensor batched() {
    return batchA.matmul(batchB);
  }
}
