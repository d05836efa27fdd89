package dev.tinytorch.nn.train;

import dev.tinytorch.nn.BCEWithLogitsLoss;
import dev.tinytorch.nn.Loss;
import dev.tinytorch.nn.MSELoss;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Counts correct predictions of one batch, deciding from shapes and values what "correct" means:
 * class indices (output [N, C], targets [N] of whole numbers in [0, C)) by argmax; binary labels
 * (output and targets of the same shape [N] or [N, 1], targets all 0 or 1) by a threshold, 0 on logits
 * for {@link BCEWithLogitsLoss} and 0.5 on probabilities otherwise. Anything else, and any
 * {@link MSELoss}, has no accuracy. Sums over epochs are kept by {@link Tally}.
 */
final class Accuracy {
  private Accuracy() {}

  /** The number of correct predictions in the batch, or -1 when accuracy does not apply to it. */
  static long correct(Tensor output, Tensor target, Loss loss) {
    if (loss instanceof MSELoss) {
      return -1;
    }
    int[] out = output.shape();
    int[] tgt = target.shape();
    if (out.length == 2 && tgt.length == 1 && out[0] == tgt[0] && out[1] >= 2) {
      return classIndices(output, target.toDoubleArray(), out[1]);
    }
    boolean column = out.length == 1 || (out.length == 2 && out[1] == 1);
    if (column && Arrays.equals(out, tgt)) {
      return binary(output.toDoubleArray(), target.toDoubleArray(), loss instanceof BCEWithLogitsLoss ? 0 : 0.5);
    }
    return -1;
  }

  private static long classIndices(Tensor logits, double[] labels, int classes) {
    for (double y : labels) {
      if (y != Math.rint(y) || y < 0 || y >= classes) {
        return -1;
      }
    }
    double[] predicted = logits.argmax(1, false).toDoubleArray();
    long right = 0;
    for (int i = 0; i < labels.length; i++) {
      if (predicted[i] == labels[i]) {
        right++;
      }
    }
    return right;
  }

  private static long binary(double[] scores, double[] labels, double threshold) {
    long right = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != 0 && labels[i] != 1) {
        return -1;
      }
      if ((scores[i] > threshold ? 1 : 0) == labels[i]) {
        right++;
      }
    }
    return right;
  }

  /** Correct predictions and samples over many batches; NaN as soon as one batch has no accuracy. */
  static final class Tally {
    private long right;
    private long samples;
    private boolean applies = true;

    void add(long correct, int batchSamples) {
      if (correct < 0) {
        applies = false;
      }
      right += Math.max(correct, 0);
      samples += batchSamples;
    }

    double value() {
      return applies && samples > 0 ? (double) right / samples : Double.NaN;
    }
  }
}
