package dev.tinytorch.bench;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Losses;
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
 * One SGD step of an MNIST-sized MLP, 784-128-64-10 with ReLU, batch 64, FLOAT32: forward,
 * cross-entropy ({@link Losses#crossEntropy}, as {@code F.cross_entropy} on the PyTorch side),
 * backward, update, on one thread as the performance issue asks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// C2 takes 5-6 s to settle on this step (seen: 2.5, 6.8, 6.8, 3.3, 1.4, then 1.3 ms/op), so 8 s.
@Warmup(iterations = 8, time = 1)
@Measurement(iterations = 5, time = 1)
// One thread, as the PyTorch side: matmul would otherwise split the 784x128 layer across both cores.
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dtinytorch.matmul.threads=1"})
public class MlpStepBench {
  static final int BATCH = 64;
  static final int[] SIZES = {784, 128, 64, 10};
  static final double LR = 0.01;

  Tensor x;
  /** Class indices, [BATCH]. */
  Tensor labels;
  Tensor[] weights;
  Tensor[] biases;
  Tensor[] params;
  /** Gradients of one step, kept for {@link #sgdUpdate}. */
  Tensor[] grads;

  @Setup
  public void setup() {
    Generator g = new Generator(7);
    x = Tensor.rand(g, DType.FLOAT32, BATCH, SIZES[0]);
    float[] classes = new float[BATCH];
    for (int i = 0; i < BATCH; i++) {
      classes[i] = g.nextInt(SIZES[3]);
    }
    labels = Tensor.of(classes);
    int layers = SIZES.length - 1;
    weights = new Tensor[layers];
    biases = new Tensor[layers];
    params = new Tensor[2 * layers];
    for (int l = 0; l < layers; l++) {
      // He initialisation keeps the ReLU activations in range over many steps.
      weights[l] = Tensor.randn(g, DType.FLOAT32, SIZES[l], SIZES[l + 1])
          .mul(Math.sqrt(2.0 / SIZES[l])).requiresGrad(true);
      biases[l] = Tensor.zeros(SIZES[l + 1]).requiresGrad(true);
      params[2 * l] = weights[l];
      params[2 * l + 1] = biases[l];
    }
    step();
    grads = new Tensor[params.length];
    for (int i = 0; i < params.length; i++) {
      grads[i] = params[i].grad();
    }
  }

  /** Returns the loss, whose value depends on the whole step. */
  @Benchmark
  @SuppressWarnings("try") // the scope is used for its side effect only
  public Tensor step() {
    Tensor h = x;
    for (int l = 0; l < weights.length; l++) {
      h = h.matmul(weights[l]).add(biases[l]);
      if (l < weights.length - 1) {
        h = h.relu();
      }
    }
    Tensor loss = Losses.crossEntropy(h, labels);
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

  /**
   * The update alone, {@code p += -lr * grad} over the 109,386 parameters: it should move data
   * and allocate nothing, so its time and allocation isolate the optimizer's share of {@link #step}.
   */
  @Benchmark
  @SuppressWarnings("try") // the scope is used for its side effect only
  public Tensor sgdUpdate() {
    try (var off = GradMode.off()) {
      for (int i = 0; i < params.length; i++) {
        params[i].addInPlace(grads[i], -LR);
      }
    }
    return params[0];
  }
}
