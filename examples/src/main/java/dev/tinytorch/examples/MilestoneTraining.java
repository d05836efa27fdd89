package dev.tinytorch.examples;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.optim.LRScheduler;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.tensor.Tensor;

/**
 * The loop the digit milestones share, written out as a PyTorch user writes it: for each epoch, for each
 * batch, zero the gradients, cross-entropy, backward, optimizer step; the schedule steps once per epoch.
 * It is kept small and explicit on purpose (nn.train's Trainer does the same with progress and history),
 * so the milestones show every step of training.
 *
 * <pre>{@code
 * DataLoader loader = MilestoneTraining.loader(x, y, 32, seed);
 * Optimizer opt = AdamW.builder(model.parameters()).lr(1e-3).weightDecay(1e-2).build();
 * double lastLoss = MilestoneTraining.fit(model, opt, new CosineAnnealingLR(opt, 30, 0), loader, 30);
 * double acc = MilestoneTraining.accuracy(model, testX, testY);
 * }</pre>
 */
final class MilestoneTraining {
  private MilestoneTraining() {}

  /** A shuffled loader over {@code (x, y)}: a new order every epoch, the same orders for the same seed. */
  static DataLoader loader(Tensor x, Tensor y, int batchSize, long seed) {
    return DataLoader.builder(new TensorDataset(x, y)).batchSize(batchSize).shuffle(seed).build();
  }

  /** Trains {@code model} in place without a schedule; returns the mean loss of the last epoch. */
  static double fit(Module model, Optimizer optimizer, Iterable<Batch> loader, int epochs) {
    return fit(model, optimizer, null, loader, epochs);
  }

  /**
   * Trains {@code model} in place, in training mode, stepping {@code scheduler} (may be null) after each
   * epoch; returns the mean batch loss of the last epoch.
   */
  static double fit(Module model, Optimizer optimizer, LRScheduler scheduler, Iterable<Batch> loader, int epochs) {
    model.train();
    double last = Double.NaN;
    for (int epoch = 0; epoch < epochs; epoch++) {
      double sum = 0;
      int batches = 0;
      for (Batch b : loader) {
        optimizer.zeroGrad();
        Tensor loss = F.crossEntropy(model.forward(b.inputs()), b.targets());
        loss.backward();
        optimizer.step();
        sum += loss.item();
        batches++;
      }
      if (scheduler != null) {
        scheduler.step();
      }
      last = sum / batches;
    }
    return last;
  }

  /** The mean cross-entropy of {@code model} on {@code (x, y)}, under no-grad and in eval mode. */
  static double loss(Module model, Tensor x, Tensor y) {
    boolean wasTraining = model.isTraining();
    model.eval();
    try (var off = GradMode.off()) {
      return F.crossEntropy(model.forward(x), y).item();
    } finally {
      if (wasTraining) {
        model.train();
      }
    }
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
