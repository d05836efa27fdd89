package dev.tinytorch.nn.functional;

import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Index picking for the class losses. TEMPORARY: select/stack until the ops branch's indexSelect lands. */
final class Gather {
  private Gather() {}

  /** {@code flat[at[k]]} for each k, as [K]. */
  static Tensor pick(Tensor flat, double[] at) {
    if (at.length == 0) {
      return flat.narrow(0, 0, 0);
    }
    List<Tensor> parts = new ArrayList<>();
    for (double a : at) {
      parts.add(flat.select(0, (int) a));
    }
    return Tensor.stack(parts, 0);
  }

  /** Rows {@code rows[k]} of a 2-D tensor, as [K, C]. */
  static Tensor rows(Tensor t, int[] rows) {
    if (rows.length == 0) {
      return t.narrow(0, 0, 0);
    }
    List<Tensor> parts = new ArrayList<>();
    for (int r : rows) {
      parts.add(t.select(0, r));
    }
    return Tensor.stack(parts, 0);
  }

  /** A [size] tensor holding {@code values[k]} at {@code at[k]} and 0 elsewhere. */
  static Tensor spread(Tensor values, int[] at, int size) {
    List<Tensor> parts = new ArrayList<>();
    Tensor zero = Tensor.scalar(0.0, values.dtype());
    int k = 0;
    for (int i = 0; i < size; i++) {
      if (k < at.length && at[k] == i) {
        parts.add(values.select(0, k++));
      } else {
        parts.add(zero);
      }
    }
    return size == 0 ? values.narrow(0, 0, 0) : Tensor.stack(parts, 0);
  }
}
