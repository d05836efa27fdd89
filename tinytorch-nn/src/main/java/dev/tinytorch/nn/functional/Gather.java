package dev.tinytorch.nn.functional;

import dev.tinytorch.tensor.Tensor;

/**
 * Index picking for the class losses, on the differentiable indexSelect / indexAdd ops: one gather
 * each, never a multiply by a one-hot (a -inf log-probability in another class would make 0 * -inf NaN).
 *
 * <p>Indices are always FLOAT64, whatever the scores' dtype: a flat position i * C + t_i passes 2^24
 * (where FLOAT32 stops holding every whole number) at about 17 million scores, e.g. a segmentation
 * batch of 8 x 21 x 512 x 512, and a FLOAT32 index would then silently pick a neighbouring class.
 */
final class Gather {
  private Gather() {}

  /** {@code flat[at[k]]} for each k, as [K]. */
  static Tensor pick(Tensor flat, double[] at) {
    return flat.indexSelect(0, Tensor.of(at, at.length));
  }

  /** Rows {@code rows[k]} of a 2-D tensor, as [K, C]. */
  static Tensor rows(Tensor t, int[] rows) {
    return t.indexSelect(0, index(rows));
  }

  /** A [size] tensor holding {@code values[k]} at {@code at[k]} and 0 elsewhere. */
  static Tensor spread(Tensor values, int[] at, int size) {
    return Tensor.zeros(values.dtype(), size).indexAdd(0, index(at), values);
  }

  private static Tensor index(int[] at) {
    double[] d = new double[at.length];
    for (int i = 0; i < at.length; i++) {
      d[i] = at[i];
    }
    return Tensor.of(d, d.length);
  }
}
