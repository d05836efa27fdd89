package dev.tinytorch.nn.functional;

import dev.tinytorch.tensor.Tensor;

/**
 * Index picking for the class losses, on the differentiable indexSelect / indexAdd ops: one gather
 * each, never a multiply by a one-hot (a -inf log-probability in another class would make 0 * -inf NaN).
 */
final class Gather {
  private Gather() {}

  /** {@code flat[at[k]]} for each k, as [K]. */
  static Tensor pick(Tensor flat, double[] at) {
    return flat.indexSelect(0, Tensor.of(at).to(flat.dtype()));
  }

  /** Rows {@code rows[k]} of a 2-D tensor, as [K, C]. */
  static Tensor rows(Tensor t, int[] rows) {
    return t.indexSelect(0, index(rows, t));
  }

  /** A [size] tensor holding {@code values[k]} at {@code at[k]} and 0 elsewhere. */
  static Tensor spread(Tensor values, int[] at, int size) {
    return Tensor.zeros(values.dtype(), size).indexAdd(0, index(at, values), values);
  }

  private static Tensor index(int[] at, Tensor like) {
    double[] d = new double[at.length];
    for (int i = 0; i < at.length; i++) {
      d[i] = at[i];
    }
    return Tensor.of(d).to(like.dtype());
  }
}
