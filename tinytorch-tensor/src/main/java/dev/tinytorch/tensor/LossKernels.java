package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * Forward kernels of the fused losses, each reduced by its mean to a 0-d tensor in the promoted
 * dtype of prediction and target. Each is one pass in double over contiguous copies (no copy for
 * dense FLOAT64 inputs), rounded once for FLOAT32. All inputs are checked before any work.
 */
final class LossKernels {
  private LossKernels() {}

  /**
   * Mean of (p - t)^2; an empty input gives NaN, as in PyTorch. The squares are summed in eight
   * partial sums in the order {@link ReduceRows#sum(double[], int, int, int)} uses: C2 never
   * reorders floating-point adds, so a single running total is a chain of dependent adds, and for
   * FLOAT64 the result equals {@code (p - t).pow(2).mean()} bit for bit.
   */
  static Tensor mse(Tensor prediction, Tensor target) {
    checkSameShape("mseLoss", prediction, target);
    double[] p = doubles(prediction);
    double[] t = doubles(target);
    int n = p.length;
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    double a4 = 0;
    double a5 = 0;
    double a6 = 0;
    double a7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      double e0 = p[i] - t[i];
      double e1 = p[i + 1] - t[i + 1];
      double e2 = p[i + 2] - t[i + 2];
      double e3 = p[i + 3] - t[i + 3];
      double e4 = p[i + 4] - t[i + 4];
      double e5 = p[i + 5] - t[i + 5];
      double e6 = p[i + 6] - t[i + 6];
      double e7 = p[i + 7] - t[i + 7];
      a0 += e0 * e0;
      a1 += e1 * e1;
      a2 += e2 * e2;
      a3 += e3 * e3;
      a4 += e4 * e4;
      a5 += e5 * e5;
      a6 += e6 * e6;
      a7 += e7 * e7;
    }
    for (; i < n; i++) {
      double e = p[i] - t[i];
      a0 += e * e;
    }
    double sum = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
    return scalar(sum / n, prediction, target);
  }

  /**
   * Mean of {@code -(t*log(p) + (1-t)*log(1-p))} with each log clamped at -100, as PyTorch's
   * BCELoss does, so p = 0 or p = 1 gives a large finite loss instead of inf or NaN.
   */
  static Tensor binaryCrossEntropy(Tensor prediction, Tensor target) {
    String op = "binaryCrossEntropy";
    checkSameShape(op, prediction, target);
    double[] p = doubles(prediction);
    double[] t = doubles(target);
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0 && p[i] <= 1)) {
        throw new IllegalArgumentException(
            op + ": prediction " + p[i] + " at flat index " + i + " (shape " + Shapes.str(prediction.shape)
                + ") is not a probability in [0, 1]; apply sigmoid() to logits first");
      }
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      double logP = Math.max(Math.log(p[i]), -100);
      double log1mP = Math.max(Math.log(1 - p[i]), -100);
      sum -= t[i] * logP + (1 - t[i]) * log1mP;
    }
    return scalar(sum / p.length, prediction, target);
  }

  /**
   * Mean over rows of {@code logsumexp(logits[i]) - logits[i, target[i]]}, i.e.
   * {@code -logSoftmax(logits)[i, target[i]]}, with the row max subtracted inside the logsumexp
   * so large logits stay finite.
   */
  static Tensor crossEntropy(Tensor logits, Tensor target) {
    String op = "crossEntropy";
    if (logits.shape.length != 2 || target.shape.length != 1) {
      throw new IllegalArgumentException(
          op + ": expects logits [N, C] and class indices [N], got logits " + Shapes.str(logits.shape)
              + " and target " + Shapes.str(target.shape) + "; reshape the logits to 2-D and the target to 1-D");
    }
    int rows = logits.shape[0];
    int classes = logits.shape[1];
    if (target.shape[0] != rows) {
      throw new IllegalArgumentException(
          op + ": logits " + Shapes.str(logits.shape) + " have " + rows + " rows but target "
              + Shapes.str(target.shape) + " has " + target.shape[0] + " indices; give one class index per row");
    }
    double[] t = doubles(target);
    checkClassIndices(op, t, classes);
    double[] x = doubles(logits);
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      int base = i * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < classes; j++) {
        max = Math.max(max, x[base + j]);
      }
      double s = 0;
      for (int j = 0; j < classes; j++) {
        s += Math.exp(x[base + j] - max);
      }
      sum += max + Math.log(s) - x[base + (int) t[i]];
    }
    return scalar(sum / rows, logits, target);
  }

  /** One-hot rows [N, numClasses] from class indices [N]; checks each index is an integer in range. */
  static Tensor oneHot(Tensor target, int numClasses, DType dtype) {
    String op = "oneHot";
    if (target.shape.length != 1) {
      throw new IllegalArgumentException(
          op + ": expects class indices of shape [N], got " + Shapes.str(target.shape) + "; flatten the target to 1-D");
    }
    if (numClasses <= 0) {
      throw new IllegalArgumentException(op + ": numClasses must be positive, got " + numClasses);
    }
    if (dtype == null) {
      throw new IllegalArgumentException(op + ": dtype is null; pass DType.FLOAT32 or DType.FLOAT64");
    }
    double[] t = doubles(target);
    checkClassIndices(op, t, numClasses);
    int[] shape = {t.length, numClasses};
    Storage out = Storage.allocate(dtype, Shapes.numel(op, shape));
    for (int i = 0; i < t.length; i++) {
      int at = i * numClasses + (int) t[i];
      if (out.f != null) {
        out.f[at] = 1f;
      } else {
        out.d[at] = 1.0;
      }
    }
    return Tensor.contiguousOver(out, shape);
  }

  private static void checkClassIndices(String op, double[] t, int classes) {
    for (int i = 0; i < t.length; i++) {
      double v = t[i];
      if (!(v >= 0 && v < classes && v == Math.rint(v))) {
        throw new IllegalArgumentException(
            op + ": target[" + i + "] = " + v + " is not a class index; with C = " + classes
                + " classes each target must be an integer in [0, " + classes + ")");
      }
    }
  }

  // PyTorch broadcasts mismatched shapes here with only a warning; we refuse, because the silent
  // broadcast of predictions [N, 1] against targets [N] to [N, N] is a classic bug that trains a
  // model on the wrong loss without any error.
  private static void checkSameShape(String op, Tensor prediction, Tensor target) {
    if (!Arrays.equals(prediction.shape, target.shape)) {
      throw new IllegalArgumentException(
          op + ": prediction shape " + Shapes.str(prediction.shape) + " differs from target shape "
              + Shapes.str(target.shape) + "; shapes must be equal (no broadcasting, which would silently "
              + "pair every prediction with every target for [N, 1] vs [N]); reshape one of them");
    }
  }

  /** Row-major values as doubles: the array itself for a dense FLOAT64 tensor (read-only!), else a copy. */
  private static double[] doubles(Tensor t) {
    return Strided.dense(t, DType.FLOAT64).storage.d;
  }

  private static Tensor scalar(double value, Tensor a, Tensor b) {
    return Reductions.result(DType.promote(a.dtype, b.dtype), new double[] {value}, new int[0]);
  }
}
