package dev.tinytorch.bench;

import dev.tinytorch.autograd.GradMode;
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
 * One training step of examples' Lesson03Xor: a 2-16-1 MLP (ReLU, sigmoid) on the 4 XOR rows,
 * MSE loss written with tensor ops, backward, and hand-written SGD on the four parameters. At this
 * size the step is all per-op and per-node overhead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class XorStepBench {
  static final double LR = 0.5;

  Tensor x;
  Tensor y;
  Tensor w1;
  Tensor b1;
  Tensor w2;
  Tensor b2;
  Tensor[] params;

  @Setup
  public void setup() {
    Generator g = new Generator(1);
    x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
    w1 = Tensor.randn(g, DType.FLOAT32, 2, 16).mul(Math.sqrt(2.0 / 2)).requiresGrad(true);
    b1 = Tensor.zeros(16).requiresGrad(true);
    w2 = Tensor.randn(g, DType.FLOAT32, 16, 1).mul(Math.sqrt(1.0 / 16)).requiresGrad(true);
    b2 = Tensor.zeros(1).requiresGrad(true);
    params = new Tensor[] {w1, b1, w2, b2};
  }

  /** Returns the loss, whose value depends on the whole step. */
  @Benchmark
  @SuppressWarnings("try") // the scope is used for its side effect only
  public Tensor step() {
    Tensor hidden = x.matmul(w1).add(b1).relu();
    Tensor p = hidden.matmul(w2).add(b2).sigmoid();
    Tensor loss = p.sub(y).square().mean();
    for (Tensor t : params) {
      t.zeroGrad();
    }
    loss.backward();
    try (var off = GradMode.off()) {
      for (Tensor t : params) {
        t.addInPlace(t.grad(), -LR);
      }
    }
    return loss;
  }
}
