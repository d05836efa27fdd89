package dev.tinytorch.examples;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.tensor.Tensor;

/**
 * The loop the milestones share, written out as TinyTorch's milestones write it: a shuffled DataLoader,
 * cross-entropy, backward, plain SGD. (The optimizers and the Trainer of nn.optim / nn.train replace it.)
 */
final class MilestoneTraining {
  private MilestoneTraining() {}

  /** Trains {@code model} in place; returns the mean loss of the last epoch. */
  static double fit(Module model, Tensor x, Tensor y, int epochs, int batchSize, double lr, long seed) {
    DataLoader loader = DataLoader.builder(new TensorDataset(x, y)).batchSize(batchSize).shuffle(seed).build();
    double last = Double.NaN;
    for (int epoch = 0; epoch < epochs; epoch++) {
      double sum = 0;
      for (Batch b : loader) {
        Tensor loss = F.crossEntropy(model.forward(b.inputs()), b.targets());
        model.zeroGrad();
        loss.backward();
        try (var off = GradMode.off()) {
          for (Tensor p : model.parameters()) {
            p.addInPlace(p.grad(), -lr);
          }
        }
        sum += loss.item();
      }
      last = sum / loader.size();
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
}
