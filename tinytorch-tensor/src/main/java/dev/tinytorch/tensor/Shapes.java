package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * Shape arithmetic shared by every kernel: validation, strides, dim wrapping and broadcasting.
 * All checks throw {@link IllegalArgumentException} naming the op, the shapes and the fix.
 */
public final class Shapes {
  private Shapes() {}

  /** Formats a shape as PyTorch prints sizes: {@code [3, 4]}. */
  public static String str(int[] shape) {
    return Arrays.toString(shape);
  }

  /** Number of elements of a shape, checking that no size is negative and the count fits an int. */
  public static int numel(String op, int[] shape) {
    long n = 1;
    for (int s : shape) {
      if (s < 0) {
        throw new IllegalArgumentException(
            op + ": negative size " + s + " in shape " + str(shape) + "; sizes must be >= 0");
      }
      n *= s;
      if (n > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException(
            op + ": shape " + str(shape) + " has more than 2^31 elements; use smaller tensors");
      }
    }
    return (int) n;
  }

  /** Row-major (C order) strides of a contiguous tensor of this shape. */
  public static int[] contiguousStrides(int[] shape) {
    int[] strides = new int[shape.length];
    int s = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      strides[i] = s;
      s *= Math.max(shape[i], 1);
    }
    return strides;
  }

  /** True when these strides walk the elements in row-major order without gaps (size-1 dims ignored). */
  public static boolean isContiguous(int[] shape, int[] strides) {
    int expected = 1;
    for (int i = shape.length - 1; i >= 0; i--) {
      if (shape[i] == 0) {
        return true;
      }
      if (shape[i] != 1) {
        if (strides[i] != expected) {
          return false;
        }
        expected *= shape[i];
      }
    }
    return true;
  }

  /** Wraps a possibly negative dim into [0, rank), as PyTorch does; rank-0 tensors accept -1 and 0. */
  public static int normalizeDim(String op, int dim, int rank) {
    int r = Math.max(rank, 1);
    if (dim < -r || dim >= r) {
      throw new IllegalArgumentException(
          op + ": dim " + dim + " is out of range for a tensor of rank " + rank
              + "; use a dim in [" + (-r) + ", " + (r - 1) + "]");
    }
    return dim < 0 ? dim + r : dim;
  }

  /** Wraps each dim, then sorts them; a repeated dim is an error. */
  public static int[] normalizeDims(String op, int[] dims, int rank) {
    if (dims == null) {
      throw new NullPointerException(op + ": dims is null");
    }
    int[] out = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      out[i] = normalizeDim(op, dims[i], rank);
    }
    Arrays.sort(out);
    for (int i = 1; i < out.length; i++) {
      if (out[i] == out[i - 1]) {
        throw new IllegalArgumentException(
            op + ": dim " + out[i] + " appears more than once in " + Arrays.toString(dims)
                + "; list each dim once");
      }
    }
    if (rank == 0 && out.length > 0) {
      return new int[0];
    }
    return out;
  }

  /** All dims 0..rank-1, the meaning of a reduction without a dim argument. */
  public static int[] allDims(int rank) {
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = i;
    }
    return dims;
  }

  /**
   * The numpy/PyTorch broadcast of two shapes: align trailing dims; each pair must be equal or
   * contain a 1.
   */
  public static int[] broadcast(String op, int[] a, int[] b) {
    int rank = Math.max(a.length, b.length);
    int[] out = new int[rank];
    for (int i = 0; i < rank; i++) {
      int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
      int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            op + ": shapes " + str(a) + " and " + str(b) + " cannot be broadcast (dim " + i
                + ": " + da + " vs " + db + "); sizes must match or be 1 when aligned from the right");
      }
      out[i] = da == 1 ? db : da;
    }
    return out;
  }

  /**
   * Strides that read a tensor of {@code shape}/{@code strides} as if expanded to {@code outShape}:
   * 0 on broadcast dims, so a kernel can walk the output and read the input in one loop.
   */
  public static int[] broadcastStrides(int[] shape, int[] strides, int[] outShape) {
    int[] out = new int[outShape.length];
    int lead = outShape.length - shape.length;
    for (int i = 0; i < shape.length; i++) {
      out[lead + i] = shape[i] == 1 && outShape[lead + i] != 1 ? 0 : strides[i];
    }
    return out;
  }

  /** Resolves one {@code -1} in a requested shape from the element count; checks the count matches. */
  public static int[] inferShape(String op, int[] requested, int numel) {
    int infer = -1;
    long known = 1;
    for (int i = 0; i < requested.length; i++) {
      int s = requested[i];
      if (s == -1) {
        if (infer >= 0) {
          throw new IllegalArgumentException(
              op + ": only one dim can be -1, got shape " + str(requested));
        }
        infer = i;
      } else if (s < 0) {
        throw new IllegalArgumentException(
            op + ": negative size " + s + " in shape " + str(requested) + "; sizes must be >= 0 or one -1");
      } else {
        known *= s;
      }
    }
    int[] out = requested.clone();
    if (infer >= 0) {
      if (known == 0 || numel % known != 0) {
        throw new IllegalArgumentException(
            op + ": cannot infer the -1 in shape " + str(requested) + " for " + numel
                + " elements; the other sizes must divide the element count");
      }
      out[infer] = (int) (numel / known);
    } else if (known != numel) {
      throw new IllegalArgumentException(
          op + ": shape " + str(requested) + " holds " + known + " elements but the tensor has "
              + numel + "; choose sizes whose product is " + numel + " (or use -1 for one of them)");
    }
    return out;
  }
}
