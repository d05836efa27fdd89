package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static dev.tinytorch.nn.functional.LossChecks.str;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Class-index targets checked against scores of PyTorch's layouts — [N, C] with targets [N], [C]
 * with a 0-d target, and [N, C, d1, ...] with targets [N, d1, ...] — and the scores moved to [M, C]
 * (C last, the rest flattened in target order) so every loss works on rows.
 */
final class ClassTargets {
  /** Marks "no ignore index": every target must then be a class in [0, C). */
  static final int NONE = Integer.MIN_VALUE;

  final int classes;
  /** The scores as [M, C], row r holding the classes of flat target r. */
  final Tensor rows;
  /** The target's shape, which a NONE reduction returns. */
  final int[] targetShape;
  /** Flat target values, all valid. */
  final double[] targets;
  /** Flat positions of the targets that are not ignored, in order. */
  final int[] kept;

  private ClassTargets(int classes, Tensor rows, int[] targetShape, double[] targets, int[] kept) {
    this.classes = classes;
    this.rows = rows;
    this.targetShape = targetShape;
    this.targets = targets;
    this.kept = kept;
  }

  int count() {
    return targets.length;
  }

  boolean noneIgnored() {
    return kept.length == targets.length;
  }

  /** The flat targets as a tensor of {@code dtype} (exact: every value is a checked small whole number). */
  Tensor targetTensor(DType dtype) {
    return Tensor.of(targets, targets.length).to(dtype);
  }

  static ClassTargets of(String op, String inputName, Tensor scores, Tensor target, Tensor weight, int ignoreIndex) {
    int[] s = scores.shape();
    checkArgument(s.length >= 1,
        "%s: %s must be [N, C] (or [C], or [N, C, d1, ...]), got a 0-d tensor; give the scores of every class",
        op, inputName);
    int classDim = s.length == 1 ? 0 : 1;
    int classes = s[classDim];
    checkArgument(classes >= 1, "%s: %s %s has no classes (C = 0); give at least one class", op, inputName, str(s));
    checkArgument(!target.requiresGrad(),
        "%s: the target holds class indices, which have no gradient; pass target.detach()", op);
    int[] expected = new int[s.length - 1];
    for (int d = 0, k = 0; d < s.length; d++) {
      if (d != classDim) {
        expected[k++] = s[d];
      }
    }
    checkTargetShape(op, inputName, s, expected, target.shape());
    if (weight != null) {
      checkArgument(weight.dim() == 1 && weight.size(0) == classes,
          "%s: weight %s must hold one weight per class, [%s] for %s %s", op, str(weight.shape()), classes,
          inputName, str(s));
      LossChecks.checkConstant(op, "weight", weight);
    }
    double[] t = target.toDoubleArray();
    int[] kept = new int[t.length];
    int k = 0;
    for (int i = 0; i < t.length; i++) {
      double v = t[i];
      if (ignoreIndex != NONE && v == ignoreIndex) {
        continue;
      }
      if (!(v >= 0 && v < classes && v == Math.rint(v))) {
        String why = v == Math.rint(v) ? (v < 0 ? "negative" : "out of range") : "not a whole number";
        String hint = v == -100 && ignoreIndex == NONE
            ? "; to skip such targets as PyTorch's default ignore_index=-100 does, set ignoreIndex(-100)" : "";
        throw new IllegalArgumentException(op + ": target" + LossChecks.position(i, target.shape()) + " = " + v
            + " is " + why + ": with C = " + classes + " classes each class index must be a whole number in [0, "
            + classes + ")" + (ignoreIndex == NONE ? "" : " or the ignore index " + ignoreIndex) + hint);
      }
      kept[k++] = i;
    }
    Tensor rows;
    if (s.length == 1) {
      rows = scores.reshape(1, classes);
    } else if (s.length == 2) {
      rows = scores;
    } else {
      int[] order = new int[s.length];
      order[0] = 0;
      for (int d = 2; d < s.length; d++) {
        order[d - 1] = d;
      }
      order[s.length - 1] = 1;
      rows = scores.permute(order).reshape(-1, classes);
    }
    return new ClassTargets(classes, rows, expected, t, Arrays.copyOf(kept, k));
  }

  private static void checkTargetShape(String op, String inputName, int[] s, int[] expected, int[] got) {
    if (Arrays.equals(expected, got)) {
      return;
    }
    String need = op + ": " + inputName + " " + str(s) + " need class indices of shape " + str(expected)
        + " (one whole number per sample), got target " + str(got) + "; ";
    if (Arrays.equals(got, s)) {
      throw new IllegalArgumentException(need + "a target of the " + inputName + "' shape looks like one-hot rows "
          + "or probabilities; pass class indices, e.g. target.argmax(" + (s.length == 1 ? 0 : 1) + ", false)");
    }
    if (numel(got) == numel(expected)) {
      throw new IllegalArgumentException(need + "reshape the target to " + str(expected) + " with target.reshape("
          + LossChecks.joined(expected) + ")");
    }
    if (expected.length > 0 && got.length == expected.length && got[0] != expected[0]) {
      throw new IllegalArgumentException(need + "the " + inputName + " hold " + expected[0] + " samples but the target "
          + got[0] + "; give one class index per sample");
    }
    throw new IllegalArgumentException(need + "give a target of shape " + str(expected));
  }

  private static long numel(int[] shape) {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }
}
