package dev.tinytorch.examples;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.optim.LRScheduler;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.nn.train.History;
import dev.tinytorch.nn.train.Trainer;
import dev.tinytorch.tensor.Tensor;

/**
 * What the digit milestones share: a shuffled loader, nn.train's Trainer with cross-entropy (for each
 * epoch, for each batch: zero the gradients, loss, backward, optimizer step; the schedule once per epoch;
 * Lesson03Xor writes that loop out by hand), and accuracy and loss under no-grad in eval mode.
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
   * Trains {@code model} in place with nn.train's Trainer (cross-entropy, {@code scheduler} stepped after
   * each epoch, may be null, no progress output); returns the mean loss of the last epoch.
   */
  static double fit(Module model, Optimizer optimizer, LRScheduler scheduler, Iterable<Batch> loader, int epochs) {
    Trainer.Builder b = Trainer.builder(model, optimizer, new CrossEntropyLoss()).progress(false);
    if (scheduler != null) {
      b.scheduler(scheduler);
    }
    History h = b.build().fit(loader, epochs);
    return h.trainLoss().get(h.size() - 1);
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
