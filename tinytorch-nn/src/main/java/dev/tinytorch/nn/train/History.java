package dev.tinytorch.nn.train;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Per-epoch numbers of one {@link Trainer#fit}: epoch numbers (counted from 1 over the trainer's life),
 * train and validation loss and accuracy, learning rate and seconds. Accuracies are fractions in
 * [0, 1]; a missing value (no validation data, no accuracy for a regression loss) is NaN. All lists are
 * unmodifiable and of the same length, one entry per epoch.
 *
 * <pre>{@code
 * History h = trainer.fit(train, test, 10);
 * double best = Collections.max(h.validationAccuracy());
 * h.writeCsv(Path.of("history.csv"));   // epoch,train_loss,train_accuracy,validation_loss,...
 * h.plot(Path.of("history.png"));       // loss and accuracy curves side by side
 * }</pre>
 */
public final class History {
  static final String CSV_HEADER = "epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,lr,seconds";

  private final List<EpochInfo> rows;

  History(List<EpochInfo> rows) {
    this.rows = List.copyOf(rows);
  }

  /** The number of epochs recorded. */
  public int size() {
    return rows.size();
  }

  /** The rows as the listeners saw them. */
  public List<EpochInfo> rows() {
    return rows;
  }

  public List<Integer> epochs() {
    return rows.stream().map(EpochInfo::epoch).toList();
  }

  public List<Double> trainLoss() {
    return column(EpochInfo::trainLoss);
  }

  public List<Double> trainAccuracy() {
    return column(EpochInfo::trainAccuracy);
  }

  public List<Double> validationLoss() {
    return column(EpochInfo::validationLoss);
  }

  public List<Double> validationAccuracy() {
    return column(EpochInfo::validationAccuracy);
  }

  /** The learning rate of each epoch (before the scheduler's step at its end). */
  public List<Double> lr() {
    return column(EpochInfo::lr);
  }

  /** The wall-clock seconds of each epoch, validation included. */
  public List<Double> seconds() {
    return column(EpochInfo::seconds);
  }

  private List<Double> column(ToDoubleFunction<EpochInfo> f) {
    return rows.stream().map(r -> f.applyAsDouble(r)).toList();
  }

  /**
   * Writes the history as CSV, atomically: the header {@value #CSV_HEADER}, then a row per epoch with
   * numbers as Java prints doubles (they read back exactly); a missing value is an empty field.
   */
  public void writeCsv(Path file) throws IOException {
    checkNotNull(file, "History.writeCsv: file is null");
    byte[] bytes = csv().getBytes(StandardCharsets.UTF_8);
    AtomicFiles.write(file, out -> out.write(bytes));
  }

  String csv() {
    StringBuilder s = new StringBuilder(CSV_HEADER).append('\n');
    for (EpochInfo r : rows) {
      s.append(r.epoch());
      for (double v : new double[] {r.trainLoss(), r.trainAccuracy(), r.validationLoss(), r.validationAccuracy(),
          r.lr(), r.seconds()}) {
        s.append(',');
        if (!Double.isNaN(v)) {
          s.append(v);
        }
      }
      s.append('\n');
    }
    return s.toString();
  }

  /** Writes a {@value HistoryPlot#WIDTH} x {@value HistoryPlot#HEIGHT} PNG of the loss and accuracy curves. */
  public void plot(Path png) throws IOException {
    plot(png, HistoryPlot.WIDTH, HistoryPlot.HEIGHT);
  }

  /**
   * Writes a PNG, atomically, of {@code width} x {@code height} pixels: a title, and side by side the
   * loss per epoch (train, and validation when there is one) and the accuracy in percent (omitted,
   * the loss chart taking the whole width, when no epoch has an accuracy). Works headless.
   */
  public void plot(Path png, int width, int height) throws IOException {
    checkNotNull(png, "History.plot: file is null");
    checkArgument(!rows.isEmpty(), "History.plot: the history has no epochs to plot; fit for at least one epoch");
    checkArgument(width >= 200 && height >= 150 && width <= 10_000 && height <= 10_000,
        "History.plot: size %s x %s must be within 200 x 150 and 10000 x 10000 pixels", width, height);
    HistoryPlot.write(this, png, width, height);
  }

  @Override
  public String toString() {
    return "History(" + rows.size() + " epochs" + (rows.isEmpty() ? ")"
        : ", last train loss " + rows.get(rows.size() - 1).trainLoss() + ")");
  }
}
