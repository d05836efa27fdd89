package dev.tinytorch.examples;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * The loop the milestones share, written out as TinyTorch's milestones write it: shuffled mini-batches,
 * cross-entropy, backward, plain SGD. (The optimizers and the Trainer of nn.optim / nn.train replace it.)
 */
final class MilestoneTraining {
  private MilestoneTraining() {}

  /** Trains {@code model} in place; returns the mean loss of the last epoch. */
  static double fit(Module model, Tensor x, Tensor y, int epochs, int batchSize, double lr, Generator g) {
    int n = y.size(0);
    double last = Double.NaN;
    for (int epoch = 0; epoch < epochs; epoch++) {
      Tensor order = permutation(n, g);
      double sum = 0;
      int batches = 0;
      for (int start = 0; start < n; start += batchSize) {
        Tensor idx = order.narrow(0, start, Math.min(batchSize, n - start));
        Tensor loss = F.crossEntropy(model.forward(x.indexSelect(0, idx)), y.indexSelect(0, idx));
        model.zeroGrad();
        loss.backward();
        try (var off = GradMode.off()) {
          for (Tensor p : model.parameters()) {
            p.addInPlace(p.grad(), -lr);
          }
        }
        sum += loss.item();
        batches++;
      }
      last = sum / batches;
    }
    return last;
  }

  /** The share of rows whose largest logit is the label, under no-grad and in eval mode. */
  static double accuracy(Module model, Tensor x, Tensor y) {
    boolean wasTraining = model.isTraining();
    model.eval();
    try (var off = GradMode.off()) {
      Tensor predicted = model.forward(x).argmax(1, false);
      return predicted.to(y.dtype()).eq(y).mean().item();
    } finally {
      if (wasTraining) {
        model.train();
      }
    }
  }

  /** A seeded Fisher-Yates shuffle of 0..n-1 as a FLOAT64 index tensor. */
  static Tensor permutation(int n, Generator g) {
    double[] p = new double[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = g.nextInt(i + 1);
      double t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return Tensor.of(p);
  }
}
