package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;

import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/** Embedding lookup as one indexSelect over the flattened indices, whose backward sums repeated rows. */
final class Embeddings {
  private Embeddings() {}

  static Tensor lookup(Tensor indices, Tensor weight, Integer paddingIdx) {
    checkArgument(weight.dim() == 2, "embedding: weight %s must be 2-D [numEmbeddings, dim]",
        Arrays.toString(weight.shape()));
    int rows = weight.size(0);
    String bad = badIndex(indices, rows);
    checkArgument(bad == null, "embedding: %s", bad);
    int[] shape = indices.shape();
    int[] outShape = Arrays.copyOf(shape, shape.length + 1);
    outShape[shape.length] = weight.size(1);
    // Indices never get a gradient; detaching lets a tensor that happens to require grad be used as one.
    Tensor flat = indices.detach().reshape(-1);
    Tensor out = weight.indexSelect(0, flat).reshape(outShape);
    if (paddingIdx == null) {
      return out;
    }
    int pad = paddingIdx < 0 ? paddingIdx + rows : paddingIdx;
    checkArgument(pad >= 0 && pad < rows, "embedding: paddingIdx %s is out of range for %s rows; pass one in [-%s, %s)",
        paddingIdx, rows, rows, rows);
    // The padding row is returned as it is but passes no gradient back, as PyTorch's padding_idx.
    Tensor isPad = indices.detach().eq((double) pad).unsqueeze(-1);
    return Tensor.where(isPad, out.detach(), out);
  }

  /**
   * Null when every index is a whole number in [0, rows); otherwise what is wrong with the first bad one:
   * its value, its position in {@code indices}, and the valid range.
   */
  static String badIndex(Tensor indices, int rows) {
    double[] v = indices.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      boolean whole = x == Math.rint(x);
      if (!whole || x < 0 || x >= rows) {
        return "index " + format(x) + " at position " + position(i, indices.shape()) + " of indices "
            + Arrays.toString(indices.shape()) + (whole ? " is out of range" : " is not a whole number")
            + "; indices must be whole numbers in [0, " + rows + "), one per row of the weight";
      }
    }
    return null;
  }

  static String position(int flat, int[] shape) {
    int[] at = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      at[d] = flat % shape[d];
      flat /= shape[d];
    }
    return Arrays.toString(at);
  }

  static String format(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
