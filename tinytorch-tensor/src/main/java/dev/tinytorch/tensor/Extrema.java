package dev.tinytorch.tensor;

/**
 * Positions of extrema: argmax/argmin indices and the first-extremum mask that max/min backward
 * sends its gradient through. Both see the input as rows: the kept dims are permuted first and
 * the reduced dims last (an O(1) view), then read as contiguous doubles, which copies only when
 * the input is not already a dense FLOAT64 tensor in that order. The "first" extremum is the first
 * in row-major order over the reduced dims; a NaN counts as the extremum, as in PyTorch's argmax.
 */
final class Extrema {
  private Extrema() {}

  static Tensor argExtremum(Tensor a, int dim, boolean keepDim, boolean isMax) {
    String op = isMax ? "argmax" : "argmin";
    int rank = a.shape.length;
    if (dim < 0 || rank == 0) {
      if (a.numel == 0) {
        throw new IllegalArgumentException(
            op + ": the tensor of shape " + Shapes.str(a.shape) + " is empty, so it has no "
                + (isMax ? "largest" : "smallest") + " element; pass a non-empty tensor");
      }
      double[] x = Strided.dense(a, DType.FLOAT64).storage.d;
      return Tensor.contiguousOver(Storage.of(new double[] {first(x, 0, a.numel, isMax)}), new int[0]);
    }
    Reductions.checkNotEmpty(op, a, new int[] {dim});
    int[] outShape = keepDim ? a.shape.clone() : Views.remove(a.shape, dim);
    if (keepDim) {
      outShape[dim] = 1;
    }
    int n = a.shape[dim];
    int groups = a.numel / n;
    double[] out = new double[groups];
    if (groups > 0) {
      double[] x = rows(a, new int[] {dim});
      for (int g = 0; g < groups; g++) {
        out[g] = first(x, g * n, n, isMax);
      }
    }
    return Tensor.contiguousOver(Storage.of(out), outShape);
  }

  static Tensor mask(Tensor a, int[] dims, boolean isMax) {
    int rank = a.shape.length;
    Storage out = Storage.allocate(a.dtype, a.numel);
    int[] shape = a.shape.clone();
    if (a.numel == 0) {
      return Tensor.contiguousOver(out, shape);
    }
    boolean[] reduced = new boolean[rank];
    for (int d : dims) {
      reduced[d] = true;
    }
    int[] kept = new int[rank - dims.length];
    int j = 0;
    int n = 1;
    for (int k = 0; k < rank; k++) {
      if (reduced[k]) {
        n *= a.shape[k];
      } else {
        kept[j++] = k;
      }
    }
    int[] strides = Shapes.contiguousStrides(shape);
    double[] x = rows(a, dims);
    int groups = a.numel / n;
    for (int g = 0; g < groups; g++) {
      int i = first(x, g * n, n, isMax);
      int pos = position(g, kept, shape, strides) + position(i, dims, shape, strides);
      if (out.f != null) {
        out.f[pos] = 1f;
      } else {
        out.d[pos] = 1.0;
      }
    }
    return Tensor.contiguousOver(out, shape);
  }

  /** Offset in a contiguous tensor of {@code shape} of the {@code flat}-th index over {@code dims}. */
  private static int position(int flat, int[] dims, int[] shape, int[] strides) {
    int pos = 0;
    for (int k = dims.length - 1; k >= 0; k--) {
      int size = shape[dims[k]];
      pos += (flat % size) * strides[dims[k]];
      flat /= size;
    }
    return pos;
  }

  /** The elements as contiguous doubles with the {@code reduced} dims (sorted) innermost. */
  private static double[] rows(Tensor a, int[] reduced) {
    int rank = a.shape.length;
    int[] perm = new int[rank];
    boolean[] isReduced = new boolean[rank];
    for (int d : reduced) {
      isReduced[d] = true;
    }
    int j = 0;
    for (int k = 0; k < rank; k++) {
      if (!isReduced[k]) {
        perm[j++] = k;
      }
    }
    for (int d : reduced) {
      perm[j++] = d;
    }
    return Strided.dense(Views.permute(a, perm), DType.FLOAT64).storage.d;
  }

  /** Index in [0, n) of the first extremum of {@code x[base .. base+n)}; the first NaN if any. */
  static int first(double[] x, int base, int n, boolean isMax) {
    double best = x[base];
    if (best != best) {
      return 0;
    }
    int at = 0;
    if (isMax) {
      for (int i = 1; i < n; i++) {
        double v = x[base + i];
        if (v > best) {
          best = v;
          at = i;
        } else if (v != v) {
          return i;
        }
      }
    } else {
      for (int i = 1; i < n; i++) {
        double v = x[base + i];
        if (v < best) {
          best = v;
          at = i;
        } else if (v != v) {
          return i;
        }
      }
    }
    return at;
  }
}
