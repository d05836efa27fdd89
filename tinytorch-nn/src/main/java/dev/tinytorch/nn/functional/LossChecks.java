package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.Reduction;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * The bad-input checks shared by the losses. Each message starts with the op's name (a loss object
 * swaps in its own), names the offending shape or value and its position, and says the fix. All
 * checks run before any tensor work, so a refused call records nothing.
 */
final class LossChecks {
  private LossChecks() {}

  static void notNull(String op, Tensor input, String inputName, Tensor target, Reduction reduction) {
    checkNotNull(input, "%s: %s is null", op, inputName);
    checkNotNull(target, "%s: target is null", op);
    checkNotNull(reduction, "%s: reduction is null; pass Reduction.MEAN, SUM or NONE", op);
  }

  /**
   * Input and target must have equal shapes. PyTorch broadcasts them with only a warning; we refuse,
   * because predictions [N, 1] against targets [N] silently become an [N, N] loss that pairs every
   * prediction with every target, and the model trains on the wrong objective without any error.
   */
  static void sameShape(String op, String inputName, Tensor input, Tensor target) {
    int[] a = input.shape();
    int[] b = target.shape();
    if (Arrays.equals(a, b)) {
      return;
    }
    String fix;
    if (a.length == b.length + 1 && a[a.length - 1] == 1 && Arrays.equals(Arrays.copyOf(a, b.length), b)) {
      fix = "reshape the target to " + str(a) + " with target.unsqueeze(" + b.length + "), or the " + inputName
          + " to " + str(b) + " with " + inputName + ".squeeze(" + b.length + ")";
    } else if (b.length == a.length + 1 && b[b.length - 1] == 1 && Arrays.equals(Arrays.copyOf(b, a.length), a)) {
      fix = "reshape the target to " + str(a) + " with target.squeeze(" + a.length + ")";
    } else if (input.numel() == target.numel()) {
      fix = "reshape the target to " + str(a) + " with target.reshape(" + joined(a) + ")";
    } else {
      fix = "give one target per element of the " + inputName + " (" + input.numel() + " values, shape " + str(a)
          + "; the target has " + target.numel() + ")";
    }
    throw new IllegalArgumentException(op + ": " + inputName + " " + str(a) + " and target " + str(b)
        + " differ in shape; losses do not broadcast (that would pair every prediction with every target); " + fix);
  }

  /** A per-element weight must broadcast to the input's shape without growing it. */
  static void broadcastsTo(String op, String name, Tensor weight, int[] shape) {
    int[] w = weight.shape();
    boolean ok = w.length <= shape.length;
    for (int i = 1; ok && i <= w.length; i++) {
      int s = w[w.length - i];
      ok = s == 1 || s == shape[shape.length - i];
    }
    checkArgument(ok, "%s: %s %s does not broadcast to the input's shape %s; give it that shape or one that "
        + "broadcasts to it (sizes 1 or equal, aligned from the last dim)", op, name, str(w), str(shape));
    checkConstant(op, name, weight);
  }

  /** Loss weights are constants: PyTorch defines no gradient for them either. */
  static void checkConstant(String op, String name, Tensor weight) {
    checkArgument(!weight.requiresGrad(),
        "%s: %s requires grad, but loss weights are constants (PyTorch has no gradient for them either); "
            + "pass %s.detach()", op, name, name);
  }

  /** Every element must be a probability in [0, 1] (NaN refused), as PyTorch's BCELoss checks. */
  static void probabilities(String op, String inputName, Tensor p) {
    double[] v = p.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      if (!(v[i] >= 0 && v[i] <= 1)) {
        throw new IllegalArgumentException(op + ": " + inputName + position(i, p.shape()) + " = " + v[i]
            + " is not a probability in [0, 1]; apply sigmoid() to raw scores first, or pass the logits to "
            + "binaryCrossEntropyWithLogits (BCEWithLogitsLoss), which is stable for any logit");
      }
    }
  }

  static void smoothing(String op, double labelSmoothing) {
    checkArgument(labelSmoothing >= 0 && labelSmoothing <= 1,
        "%s: labelSmoothing must be in [0, 1], got %s; 0 turns smoothing off, 0.1 is a common choice", op,
        labelSmoothing);
  }

  /** {@code [3]} or {@code [1, 2]} for a flat index into {@code shape}; empty for 0-d. */
  static String position(int flat, int[] shape) {
    if (shape.length == 0) {
      return "";
    }
    int[] at = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      at[d] = flat % shape[d];
      flat /= shape[d];
    }
    return str(at);
  }

  static String str(int[] shape) {
    return Arrays.toString(shape);
  }

  static String joined(int[] shape) {
    String s = Arrays.toString(shape);
    return s.substring(1, s.length() - 1);
  }
}
