package dev.tinytorch.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Loss;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.io.Checkpoint;
import dev.tinytorch.nn.optim.ClipGrad;
import dev.tinytorch.nn.optim.LRScheduler;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The training loop, written once: forward, loss, backward, optional clipping, the optimizer's step,
 * over any {@code Iterable<Batch>}; per epoch an optional validation pass, the scheduler's step, a
 * progress line and a {@link History} row.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new SGD(model.parameters(), 0.1), new CrossEntropyLoss())
 *     .scheduler(s).clipGradNorm(1.0).progress(true).build();
 * History h = trainer.fit(trainLoader, testLoader, 10);
 * Evaluation e = trainer.evaluate(testLoader);
 * h.writeCsv(Path.of("history.csv"));
 * h.plot(Path.of("history.png"));
 * }</pre>
 *
 * <p><b>Epochs.</b> The trainer counts completed epochs ({@link #epoch()}); a second {@code fit}
 * continues the count, and {@link #setEpoch} positions it when resuming from a checkpoint (and the
 * scheduler with it). At the start of each epoch a {@link DataLoader} is told its epoch
 * ({@link DataLoader#setEpoch}), so its shuffle order depends only on its seed and the epoch: two fits
 * of 3 and 2 epochs train exactly as one of 5, and so do 3 epochs, {@link #saveCheckpoint}, a new
 * process, {@link #resume} and 2 epochs.
 *
 * <p><b>Gradient accumulation.</b> With {@code accumulationSteps(k)} each optimizer step takes k
 * micro-batches. Each micro-batch's loss is scaled by its share of the group's samples before
 * backward, so that for a mean loss k micro-batches of b samples give the gradient of one batch of
 * k·b samples (TinyTorch divided by k whatever the sizes). A last, shorter group still steps, scaled
 * by its own samples. Layers that look at the whole batch (batch norm) see the micro-batches.
 *
 * <p><b>Accuracy</b> is measured on the fly: class-index targets by argmax, 0/1 targets by a threshold
 * (0 on logits for BCEWithLogitsLoss, 0.5 on probabilities otherwise), none for MSELoss (NaN).
 *
 * <p>The loss must return a 0-d tensor (a mean, the losses' default). A non-finite loss stops the
 * fit with an IllegalStateException naming the epoch and step, before that step changes anything.
 * Not thread-safe; the model is left in the train/eval mode it had before {@code fit}.
 */
public final class Trainer {
  /** The metadata key under which {@link #saveCheckpoint} stores the completed epochs. */
  public static final String EPOCH_KEY = "epoch";

  private final Module model;
  private final Optimizer optimizer;
  private final Loss loss;
  private final LRScheduler scheduler;
  private final double clipNorm;
  private final double clipValue;
  private final int accumulation;
  private final boolean progress;
  private final PrintStream out;
  private final List<TrainingListener> listeners;
  private int epoch;
  private long globalStep;

  private Trainer(Builder b) {
    this.model = b.model;
    this.optimizer = b.optimizer;
    this.loss = b.loss;
    this.scheduler = b.scheduler;
    this.clipNorm = b.clipNorm;
    this.clipValue = b.clipValue;
    this.accumulation = b.accumulation;
    this.progress = b.progress;
    this.out = b.out;
    this.listeners = List.copyOf(b.listeners);
  }

  /** A trainer of {@code model} by {@code optimizer} (over the model's parameters) on {@code loss}. */
  public static Builder builder(Module model, Optimizer optimizer, Loss loss) {
    return new Builder(checkNotNull(model, "Trainer.builder: model is null"),
        checkNotNull(optimizer, "Trainer.builder: optimizer is null"), checkNotNull(loss, "Trainer.builder: loss is null"));
  }

  /** Trains for {@code epochs} more epochs without validation. */
  public History fit(Iterable<Batch> train, int epochs) {
    return fit(train, null, epochs);
  }

  /**
   * Trains for {@code epochs} more epochs, evaluating on {@code validation} (may be null) after each;
   * returns the history of these epochs, numbered on from {@link #epoch()}.
   */
  public History fit(Iterable<Batch> train, Iterable<Batch> validation, int epochs) {
    checkNotNull(train, "Trainer.fit: train is null");
    checkArgument(epochs >= 0, "Trainer.fit: epochs %s must be >= 0 (the number of passes over the training data)",
        epochs);
    // Known-empty validation data would fail only after an epoch of training; refuse it before.
    checkArgument(validation == null || expectedSamples(validation) != 0, "Trainer.fit: the validation data has no "
        + "samples (%s); pass null for no validation, or data with at least one batch",
        validation == null ? "" : validation.getClass().getSimpleName());
    List<EpochInfo> rows = new ArrayList<>(epochs);
    boolean wasTraining = model.isTraining();
    int lastEpoch = epoch + epochs;
    try (Progress shown = Progress.create(progress, out)) {
      for (int i = 0; i < epochs; i++) {
        EpochInfo info = runEpoch(train, validation, lastEpoch, shown);
        // Count the epoch and step the schedule before listeners run, so that state is the one a
        // checkpoint saved from onEpoch must hold to resume exactly.
        if (scheduler != null) {
          scheduler.step();
        }
        epoch++;
        rows.add(info);
        shown.endEpoch(info);
        for (TrainingListener l : listeners) {
          l.onEpoch(info);
        }
      }
    } finally {
      setMode(wasTraining);
    }
    return new History(rows);
  }

  private EpochInfo runEpoch(Iterable<Batch> train, Iterable<Batch> validation, int lastEpoch, Progress shown) {
    long start = System.nanoTime();
    int number = epoch + 1;
    if (train instanceof DataLoader loader) {
      loader.setEpoch(epoch);
    }
    model.train();
    double lr = optimizer.lr();
    shown.startEpoch(number, lastEpoch, expectedSamples(train));
    Iterator<Batch> it = train.iterator();
    checkArgument(it.hasNext(), "Trainer.fit: the training data has no batches in epoch %s (%s); give it at least "
        + "one batch, e.g. a DataLoader over a non-empty dataset (with dropLast, at least batchSize samples), and an "
        + "Iterable that starts over on every iterator() call", number, train.getClass().getSimpleName());
    Accuracy.Tally accuracy = new Accuracy.Tally();
    List<Batch> group = new ArrayList<>(accumulation);
    double lossSum = 0;
    long samples = 0;
    int steps = 0;
    int batchNumber = 0;
    while (it.hasNext()) {
      group.clear();
      while (group.size() < accumulation && it.hasNext()) {
        group.add(checkNotNull(it.next(), "Trainer.fit: the training data returned a null batch in epoch %s", number));
      }
      steps++;
      int n = 0;
      for (Batch b : group) {
        n += b.size();
      }
      optimizer.zeroGrad();
      double stepLossSum = 0;
      try {
        for (Batch b : group) {
          batchNumber++;
          Tensor output = model.forward(b.inputs());
          Tensor value = checkedLoss(output, b.targets(), "Trainer.fit");
          double v = value.item();
          if (!Double.isFinite(v)) {
            throw new IllegalStateException(String.format("Trainer.fit: the loss is %s at epoch %d, step %d (batch %d "
                + "of the epoch, %d samples); training diverged or the data holds NaN/Inf: lower the learning rate, "
                + "check the inputs and targets, or run under Anomaly.detect() to find the op", v, number, steps,
                batchNumber, b.size()));
          }
          // The share of the group's samples: k micro-batches then sum to the gradient of their mean.
          (group.size() == 1 ? value : value.mul((double) b.size() / n)).backward();
          stepLossSum += v * b.size();
          try (var off = GradMode.off()) {
            accuracy.add(Accuracy.correct(output.detach(), b.targets(), loss), b.size());
          }
        }
      } catch (RuntimeException e) {
        // A failed group must not leave half its gradient for whoever steps next.
        optimizer.zeroGrad();
        throw e;
      }
      double norm = Double.NaN;
      if (!Double.isNaN(clipNorm)) {
        norm = ClipGrad.clipGradNorm(optimizer.parameters(), clipNorm);
      }
      if (!Double.isNaN(clipValue)) {
        ClipGrad.clipGradValue(optimizer.parameters(), clipValue);
      }
      optimizer.step();
      globalStep++;
      lossSum += stepLossSum;
      samples += n;
      shown.step(samples, lossSum / samples);
      StepInfo info = new StepInfo(number, steps, globalStep, group.size(), n, stepLossSum / n, norm, lr);
      for (TrainingListener l : listeners) {
        l.onStep(info);
      }
    }
    double valLoss = Double.NaN;
    double valAccuracy = Double.NaN;
    if (validation != null) {
      if (validation instanceof DataLoader loader) {
        loader.setEpoch(epoch);
      }
      Evaluation v = evaluate(validation);
      valLoss = v.loss();
      valAccuracy = v.accuracy();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new EpochInfo(number, lastEpoch, steps, (int) samples, lossSum / samples, accuracy.value(), valLoss,
        valAccuracy, lr, seconds);
  }

  /**
   * The sample-weighted mean loss and the accuracy over {@code data}, under no-grad and in eval mode
   * (dropout off, batch norm on running statistics); the model's previous mode is restored after.
   */
  public Evaluation evaluate(Iterable<Batch> data) {
    checkNotNull(data, "Trainer.evaluate: data is null");
    boolean wasTraining = model.isTraining();
    model.eval();
    double lossSum = 0;
    long samples = 0;
    int batches = 0;
    Accuracy.Tally accuracy = new Accuracy.Tally();
    try (var off = GradMode.off()) {
      for (Batch b : data) {
        checkNotNull(b, "Trainer.evaluate: the data returned a null batch");
        Tensor output = model.forward(b.inputs());
        lossSum += checkedLoss(output, b.targets(), "Trainer.evaluate").item() * b.size();
        samples += b.size();
        batches++;
        accuracy.add(Accuracy.correct(output, b.targets(), loss), b.size());
      }
    } finally {
      setMode(wasTraining);
    }
    checkArgument(batches > 0, "Trainer.evaluate: the data has no batches (%s); give it at least one batch",
        data.getClass().getSimpleName());
    return new Evaluation(lossSum / samples, accuracy.value(), samples);
  }

  private Tensor checkedLoss(Tensor output, Tensor target, String op) {
    Tensor value = loss.forward(output, target);
    checkArgument(value != null && value.dim() == 0, "%s: the loss returned %s for output %s and targets %s; it must "
        + "return a 0-d tensor (Reduction.MEAN, the losses' default)", op,
        value == null ? "null" : "a tensor of shape " + Arrays.toString(value.shape()),
        Arrays.toString(output.shape()), Arrays.toString(target.shape()));
    return value;
  }

  private void setMode(boolean training) {
    if (training) {
      model.train();
    } else {
      model.eval();
    }
  }

  private static long expectedSamples(Iterable<Batch> data) {
    if (data instanceof DataLoader loader) {
      return Math.min((long) loader.size() * loader.batchSize(), loader.dataset().size());
    }
    if (data instanceof Collection<Batch> batches) {
      return batches.stream().mapToLong(Batch::size).sum();
    }
    return -1;
  }

  /** The number of completed epochs: the next epoch {@code fit} runs is {@code epoch() + 1}. */
  public int epoch() {
    return epoch;
  }

  /**
   * Sets the number of completed epochs, as when resuming from a checkpoint saved after that many:
   * the next fit runs epoch {@code completed + 1} with that epoch's DataLoader order, and the
   * scheduler (if any) is positioned there ({@link LRScheduler#setEpoch}) and sets its rate.
   */
  public void setEpoch(int completed) {
    checkArgument(completed >= 0, "Trainer.setEpoch: completed epochs %s must be >= 0", completed);
    if (scheduler != null) {
      scheduler.setEpoch(completed);
    }
    epoch = completed;
  }

  /**
   * Saves the model, the optimizer's state and the completed-epoch count (metadata {@code epoch}, beside
   * {@code metadata}, which may be null) to one {@link Checkpoint} file, atomically; {@link #resume} on a
   * trainer built the same way continues bit for bit (Dropout's generator is not saved: a model with
   * dropout resumes with other masks).
   */
  public void saveCheckpoint(Path file, Map<String, String> metadata) throws IOException {
    Map<String, String> all = new LinkedHashMap<>(metadata == null ? Map.of() : metadata);
    all.put(EPOCH_KEY, Integer.toString(epoch));
    Checkpoint.save(file, model, optimizer, all);
  }

  /**
   * Loads a checkpoint written by {@link #saveCheckpoint} into this trainer's model and optimizer and
   * positions the epoch count and the scheduler after its epoch, all or nothing; returns its metadata.
   */
  public Map<String, String> resume(Path file) throws IOException {
    String saved = Checkpoint.metadata(file).get(EPOCH_KEY);
    int completed;
    try {
      completed = Integer.parseInt(saved);
    } catch (NumberFormatException e) {
      throw new IOException(file + ": Trainer.resume: metadata '" + EPOCH_KEY + "' is " + (saved == null ? "missing"
          : "'" + saved + "', not a whole number") + "; write checkpoints with Trainer.saveCheckpoint, or load a "
          + "plain one with Checkpoint.load and call setEpoch yourself", e);
    }
    int previous = epoch;
    double previousLr = optimizer.lr();
    setEpoch(completed);   // first, so a scheduler that cannot be positioned refuses before anything loads
    try {
      return Checkpoint.load(file, model, optimizer);
    } catch (IOException | RuntimeException e) {
      setEpoch(previous);
      optimizer.setLr(previousLr);
      throw e;
    }
  }

  public Module model() {
    return model;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public Loss loss() {
    return loss;
  }

  /** Options of a Trainer: no scheduler, no clipping, no accumulation, progress on System.out. */
  public static final class Builder {
    private final Module model;
    private final Optimizer optimizer;
    private final Loss loss;
    private LRScheduler scheduler;
    private double clipNorm = Double.NaN;
    private double clipValue = Double.NaN;
    private int accumulation = 1;
    private boolean progress = true;
    private PrintStream out = System.out;
    private final List<TrainingListener> listeners = new ArrayList<>();

    private Builder(Module model, Optimizer optimizer, Loss loss) {
      this.model = model;
      this.optimizer = optimizer;
      this.loss = loss;
    }

    /** A schedule on this trainer's optimizer, stepped once at the end of every epoch. */
    public Builder scheduler(LRScheduler value) {
      scheduler = checkNotNull(value, "Trainer.Builder.scheduler: scheduler is null");
      return this;
    }

    /** Clips the gradients' total 2-norm to {@code maxNorm} before every step ({@link ClipGrad#clipGradNorm}). */
    public Builder clipGradNorm(double maxNorm) {
      checkArgument(maxNorm > 0 && Double.isFinite(maxNorm),
          "Trainer.Builder.clipGradNorm: maxNorm %s must be finite and > 0 (e.g. 1.0)", maxNorm);
      clipNorm = maxNorm;
      return this;
    }

    /** Clamps every gradient element to [-clip, clip] before every step (after norm clipping, if both). */
    public Builder clipGradValue(double clip) {
      checkArgument(clip > 0 && Double.isFinite(clip),
          "Trainer.Builder.clipGradValue: clip %s must be finite and > 0 (e.g. 0.5)", clip);
      clipValue = clip;
      return this;
    }

    /** Accumulates the gradients of {@code k} micro-batches per optimizer step (1 = a step per batch). */
    public Builder accumulationSteps(int k) {
      checkArgument(k >= 1, "Trainer.Builder.accumulationSteps: k %s must be >= 1 (1 = no accumulation)", k);
      accumulation = k;
      return this;
    }

    /** Whether fit shows progress: a bar on an interactive terminal, else a line per epoch. Default on. */
    public Builder progress(boolean value) {
      progress = value;
      return this;
    }

    /** Where progress goes (default System.out); a stream other than System.out/err gets plain lines. */
    public Builder progressOutput(PrintStream value) {
      out = checkNotNull(value, "Trainer.Builder.progressOutput: stream is null");
      return this;
    }

    /** Adds a listener; listeners are called in the order added. */
    public Builder listener(TrainingListener value) {
      listeners.add(checkNotNull(value, "Trainer.Builder.listener: listener is null"));
      return this;
    }

    public Trainer build() {
      return new Trainer(this);
    }
  }
}
