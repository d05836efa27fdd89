package dev.tinytorch.bench;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Conv2d;
import dev.tinytorch.nn.Flatten;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.MaxPool2d;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The whole-model workloads of the performance issue (13), built from the nn layers as a user
 * would write them, FLOAT32, random data of the right shapes. {@code benchmarks/pytorch/step_server.py}
 * is the PyTorch twin of each; {@code benchmarks/turns/steps.py} runs both in alternating turns.
 *
 * <pre>{@code
 * digits   TinyDigits MLP 64-256-10, cross-entropy, Adam, batch 32: one step
 * mlp      MLP 784-128-64-10, cross-entropy, SGD, batch 64: one step
 * cnn      [64,1,28,28]: conv 1->16 3x3 p1, ReLU, pool 2, conv 16->32 3x3 p1, ReLU, pool 2,
 *          Linear 1568->128, ReLU, Linear 128->10, cross-entropy, Adam: one step
 * predict  the 784-128-64-10 MLP, batch 1, no-grad forward
 * }</pre>
 *
 * <p>A step is {@code zeroGrad} (set to none, as PyTorch's {@code zero_grad(set_to_none=True)}),
 * forward, loss, backward and the optimizer's update; every {@link #RESTART} steps the model goes
 * back to its initial parameters with a new optimizer, so that the steps measured are those of a
 * model still learning (see there).
 */
public final class ModelSteps {
  private ModelSteps() {}

  /**
   * Steps after which a trainer restarts from its initial parameters with a fresh optimizer.
   * Without the restarts a benchmark measures a degenerate model: on its one fixed batch the loss
   * falls below 1e-7 within a few thousand steps, the gradients and Adam's second moments become
   * subnormal floats, and every multiply on them costs the CPU ~100 cycles (TinyDigits' Adam
   * update took 70 us instead of 12 us, on both sides alike). The PyTorch twin restarts alike.
   */
  static final int RESTART = 100;

  /** One training step of a model, returning the loss; every {@link #RESTART} steps it starts over. */
  static Supplier<Tensor> trainer(Module model, Function<List<Tensor>, Optimizer> optimizer, Tensor x, Tensor labels) {
    Map<String, Tensor> initial = new LinkedHashMap<>();
    model.stateDict().forEach((k, v) -> initial.put(k, v.clone()));
    Optimizer[] opt = {optimizer.apply(model.parameters())};
    int[] steps = {0};
    return () -> {
      if (++steps[0] % RESTART == 0) {
        model.loadStateDict(initial);
        opt[0] = optimizer.apply(model.parameters());
      }
      opt[0].zeroGrad();
      Tensor loss = F.crossEntropy(model.forward(x), labels);
      loss.backward();
      opt[0].step();
      return loss;
    };
  }

  static Tensor classes(Generator g, int n, int k) {
    float[] c = new float[n];
    for (int i = 0; i < n; i++) {
      c[i] = g.nextInt(k);
    }
    return Tensor.of(c);
  }

  static Sequential mlp(Generator g, int... sizes) {
    Sequential s = new Sequential();
    for (int l = 0; l + 1 < sizes.length; l++) {
      s.add(new Linear(sizes[l], sizes[l + 1], true, g));
      if (l + 2 < sizes.length) {
        s.add(new ReLU());
      }
    }
    return s;
  }

  static Sequential cnn(Generator g) {
    return new Sequential(
        new Conv2d(1, 16, 3, 1, 1, true, g), new ReLU(), new MaxPool2d(2),
        new Conv2d(16, 32, 3, 1, 1, true, g), new ReLU(), new MaxPool2d(2),
        new Flatten(), new Linear(32 * 7 * 7, 128, true, g), new ReLU(), new Linear(128, 10, true, g));
  }

  /** The workloads by name, each ready to call (models, optimizers and data built here). */
  @SuppressWarnings("try") // the no-grad scope is used for its side effect only
  static Map<String, Supplier<Tensor>> workloads() {
    Map<String, Supplier<Tensor>> w = new LinkedHashMap<>();
    Generator g = new Generator(11);

    Sequential digits = mlp(g, 64, 256, 10);
    w.put("digits", trainer(digits, ps -> new Adam(ps, 1e-3),
        Tensor.rand(g, DType.FLOAT32, 32, 64), classes(g, 32, 10)));

    Sequential mlp = mlp(g, 784, 128, 64, 10);
    w.put("mlp", trainer(mlp, ps -> new SGD(ps, 0.01),
        Tensor.rand(g, DType.FLOAT32, 64, 784), classes(g, 64, 10)));

    Sequential cnn = cnn(g);
    w.put("cnn", trainer(cnn, ps -> new Adam(ps, 1e-3),
        Tensor.rand(g, DType.FLOAT32, 64, 1, 28, 28), classes(g, 64, 10)));

    Sequential predictor = mlp(g, 784, 128, 64, 10);
    predictor.eval();
    Tensor one = Tensor.rand(g, DType.FLOAT32, 1, 784);
    w.put("predict", () -> {
      try (var off = GradMode.off()) {
        return predictor.forward(one);
      }
    });
    return w;
  }
}
