package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * Forward kernels of {@code indexSelect} and {@code indexAdd} ({@code torch.index_select},
 * {@code torch.index_add}). Both see a tensor as {@code [outer, size, inner]} around the indexed
 * dim, so every index moves one dense run of {@code inner} elements: {@code System.arraycopy} for
 * select, an add loop for add. Indices are 1-D tensors of whole numbers in either dtype (there is
 * no integer dtype); all of them are checked before any work, and inputs are never written.
 */
final class IndexKernels {
  private IndexKernels() {}

  /** {@code a} with {@code dim} replaced by {@code index.length} entries, {@code out[.., k, ..] = a[.., index[k], ..]}. */
  static Tensor indexSelect(Tensor a, int dim, Tensor index) {
    String op = "indexSelect";
    requireIndexable(op, a, "input");
    int[] idx = indices(op, index, dim, a.shape);
    int[] outShape = a.shape.clone();
    outShape[dim] = idx.length;
    Storage out = Storage.allocate(a.dtype, Shapes.numel(op, outShape));
    Tensor result = Tensor.contiguousOver(out, outShape);
    if (result.numel == 0) {
      return result;
    }
    Tensor x = a.isContiguous() ? a : Strided.materialize(a, a.dtype);
    int size = a.shape[dim];
    int inner = inner(a.shape, dim);
    int outer = a.numel / (size * inner);
    int base = x.offset;
    if (out.f != null) {
      select(x.storage.f, base, out.f, idx, outer, size, inner);
    } else {
      select(x.storage.d, base, out.d, idx, outer, size, inner);
    }
    return result;
  }

  /**
   * A fresh copy of {@code a} with {@code source[.., k, ..]} added to {@code a[.., index[k], ..]}
   * for every k in order, so repeated indices accumulate (each add rounded in the dtype, as a
   * sequence of in-place adds would be).
   */
  static Tensor indexAdd(Tensor a, int dim, Tensor index, Tensor source) {
    String op = "indexAdd";
    requireIndexable(op, a, "self");
    if (source == null) {
      throw new IllegalArgumentException(op + ": source is null; pass the tensor to add at the index");
    }
    if (a.dtype != source.dtype) {
      throw new IllegalArgumentException(
          op + ": self is " + a.dtype + " but source is " + source.dtype + "; both must have the same dtype, "
              + "so convert one with to(DType." + a.dtype + ")");
    }
    int[] idx = indices(op, index, dim, a.shape);
    int[] expected = a.shape.clone();
    expected[dim] = idx.length;
    if (!Arrays.equals(expected, source.shape)) {
      throw new IllegalArgumentException(
          op + ": source has shape " + Shapes.str(source.shape) + " but self " + Shapes.str(a.shape) + " with "
              + idx.length + " indices along dim " + dim + " needs source of shape " + Shapes.str(expected)
              + "; source must match self except in dim " + dim + ", whose size is the index length");
    }
    Tensor result = Strided.materialize(a, a.dtype);
    if (source.numel == 0) {
      return result;
    }
    Tensor s = source.isContiguous() ? source : Strided.materialize(source, source.dtype);
    int size = a.shape[dim];
    int inner = inner(a.shape, dim);
    int outer = source.numel / (idx.length * inner);
    if (result.storage.f != null) {
      add(s.storage.f, s.offset, result.storage.f, idx, outer, size, inner);
    } else {
      add(s.storage.d, s.offset, result.storage.d, idx, outer, size, inner);
    }
    return result;
  }

  private static void select(float[] x, int base, float[] y, int[] idx, int outer, int size, int inner) {
    int n = idx.length;
    for (int o = 0, dst = 0; o < outer; o++) {
      int src = base + o * size * inner;
      if (inner == 1) {
        for (int k = 0; k < n; k++) {
          y[dst++] = x[src + idx[k]];
        }
      } else {
        for (int k = 0; k < n; k++, dst += inner) {
          System.arraycopy(x, src + idx[k] * inner, y, dst, inner);
        }
      }
    }
  }

  private static void select(double[] x, int base, double[] y, int[] idx, int outer, int size, int inner) {
    int n = idx.length;
    for (int o = 0, dst = 0; o < outer; o++) {
      int src = base + o * size * inner;
      if (inner == 1) {
        for (int k = 0; k < n; k++) {
          y[dst++] = x[src + idx[k]];
        }
      } else {
        for (int k = 0; k < n; k++, dst += inner) {
          System.arraycopy(x, src + idx[k] * inner, y, dst, inner);
        }
      }
    }
  }

  private static void add(float[] s, int base, float[] y, int[] idx, int outer, int size, int inner) {
    int n = idx.length;
    for (int o = 0, src = base; o < outer; o++) {
      int plane = o * size * inner;
      for (int k = 0; k < n; k++, src += inner) {
        int dst = plane + idx[k] * inner;
        for (int i = 0; i < inner; i++) {
          y[dst + i] += s[src + i];
        }
      }
    }
  }

  private static void add(double[] s, int base, double[] y, int[] idx, int outer, int size, int inner) {
    int n = idx.length;
    for (int o = 0, src = base; o < outer; o++) {
      int plane = o * size * inner;
      for (int k = 0; k < n; k++, src += inner) {
        int dst = plane + idx[k] * inner;
        for (int i = 0; i < inner; i++) {
          y[dst + i] += s[src + i];
        }
      }
    }
  }

  /** Elements per entry of {@code dim}: the product of the sizes after it. */
  private static int inner(int[] shape, int dim) {
    int inner = 1;
    for (int d = dim + 1; d < shape.length; d++) {
      inner *= shape[d];
    }
    return inner;
  }

  private static void requireIndexable(String op, Tensor a, String name) {
    if (a.shape.length == 0) {
      throw new IllegalArgumentException(
          op + ": the " + name + " is 0-d, so it has no dim to index; unsqueeze(0) it first");
    }
  }

  /**
   * The positions held by {@code index}, checked to be a 1-D tensor of whole numbers in
   * {@code [0, shape[dim])}; the message names the first bad one.
   */
  static int[] indices(String op, Tensor index, int dim, int[] shape) {
    if (index == null) {
      throw new IllegalArgumentException(op + ": index is null; pass a 1-D tensor of positions");
    }
    if (index.shape.length != 1) {
      throw new IllegalArgumentException(
          op + ": index must be 1-D (a list of positions), got shape " + Shapes.str(index.shape)
              + (index.shape.length == 0 ? "; reshape(1) it" : "; flatten() it"));
    }
    double[] v = Strided.toDoubleArray(index);
    int size = shape[dim];
    int[] idx = new int[v.length];
    for (int k = 0; k < v.length; k++) {
      double x = v[k];
      boolean whole = x == Math.rint(x) && !Double.isInfinite(x);
      if (!whole || x < 0 || x >= size) {
        throw new IllegalArgumentException(
            op + ": index " + format(x) + " at position " + k + (whole ? " is out of range" : " is not a whole number")
                + " for dim " + dim + " of size " + size + " (" + Shapes.str(shape) + "); indices must be whole "
                + "numbers in [0, " + size + ")");
      }
      idx[k] = (int) x;
    }
    return idx;
  }

  /** A whole number without the ".0" (7, not 7.0); anything else as Java prints it. */
  static String format(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
  }
}
