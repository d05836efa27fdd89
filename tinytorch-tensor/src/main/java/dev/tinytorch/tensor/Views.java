package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * Shape ops as O(1) strided views (reshape copies only when the strides cannot express the new
 * shape), plus cat and stack, which must copy.
 */
final class Views {
  private Views() {}

  private static Tensor view(Tensor a, int[] shape, int[] strides, int offset) {
    return new Tensor(a.storage, shape, strides, offset);
  }

  /**
   * Strides that show a tensor of {@code shape}/{@code strides} as {@code newShape} without a copy,
   * or null when none exist (PyTorch's computeStride: merge only dims that are contiguous with
   * each other).
   */
  static int[] viewStrides(int[] shape, int[] strides, int[] newShape) {
    int numel = Shapes.numel("view", shape);
    if (numel == 0 || Shapes.isContiguous(shape, strides)) {
      return Shapes.contiguousStrides(newShape);
    }
    int[] newStrides = new int[newShape.length];
    int viewD = newShape.length - 1;
    int chunkBase = strides[strides.length - 1];
    long tensorNumel = 1;
    long viewNumel = 1;
    for (int tensorD = shape.length - 1; tensorD >= 0; tensorD--) {
      tensorNumel *= shape[tensorD];
      boolean chunkEnds = tensorD == 0
          || (shape[tensorD - 1] != 1 && strides[tensorD - 1] != tensorNumel * chunkBase);
      if (chunkEnds) {
        while (viewD >= 0 && (viewNumel < tensorNumel || newShape[viewD] == 1)) {
          newStrides[viewD] = (int) (viewNumel * chunkBase);
          viewNumel *= newShape[viewD];
          viewD--;
        }
        if (viewNumel != tensorNumel) {
          return null;
        }
        if (tensorD > 0) {
          chunkBase = strides[tensorD - 1];
          tensorNumel = 1;
          viewNumel = 1;
        }
      }
    }
    return viewD == -1 ? newStrides : null;
  }

  static Tensor reshape(Tensor a, int[] shape) {
    int[] strides = viewStrides(a.shape, a.strides, shape);
    if (strides != null) {
      return view(a, shape.clone(), strides, a.offset);
    }
    Tensor c = Strided.materialize(a, a.dtype);
    return view(c, shape.clone(), Shapes.contiguousStrides(shape), 0);
  }

  static Tensor transpose(Tensor a, int d0, int d1) {
    int[] shape = a.shape.clone();
    int[] strides = a.strides.clone();
    shape[d0] = a.shape[d1];
    shape[d1] = a.shape[d0];
    strides[d0] = a.strides[d1];
    strides[d1] = a.strides[d0];
    return view(a, shape, strides, a.offset);
  }

  static Tensor permute(Tensor a, int[] dims) {
    int[] shape = new int[dims.length];
    int[] strides = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      shape[i] = a.shape[dims[i]];
      strides[i] = a.strides[dims[i]];
    }
    return view(a, shape, strides, a.offset);
  }

  /** Resolves -1 entries of an expand request and checks each size can be broadcast. */
  static int[] resolveExpand(int[] shape, int[] sizes) {
    if (sizes.length < shape.length) {
      throw new IllegalArgumentException(
          "expand: the requested shape " + Shapes.str(sizes) + " has fewer dims than the tensor's "
              + Shapes.str(shape) + "; give at least " + shape.length + " sizes");
    }
    int lead = sizes.length - shape.length;
    int[] out = new int[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      int have = i < lead ? -2 : shape[i - lead];
      int want = sizes[i];
      if (want == -1) {
        if (i < lead) {
          throw new IllegalArgumentException(
              "expand: -1 is not allowed for the new leading dim " + i + " in " + Shapes.str(sizes));
        }
        out[i] = have;
      } else if (want < 0) {
        throw new IllegalArgumentException("expand: negative size " + want + " in " + Shapes.str(sizes));
      } else if (i >= lead && have != want && have != 1) {
        throw new IllegalArgumentException(
            "expand: cannot expand shape " + Shapes.str(shape) + " to " + Shapes.str(sizes) + " (dim " + i
                + ": " + have + " vs " + want + "); only size-1 dims can grow");
      } else {
        out[i] = want;
      }
    }
    return out;
  }

  static Tensor expand(Tensor a, int[] shape) {
    return view(a, shape.clone(), Shapes.broadcastStrides(a.shape, a.strides, shape), a.offset);
  }

  static Tensor narrow(Tensor a, int dim, int start, int length) {
    int[] shape = a.shape.clone();
    shape[dim] = length;
    return view(a, shape, a.strides.clone(), a.offset + (length == 0 ? 0 : start * a.strides[dim]));
  }

  static Tensor select(Tensor a, int dim, int index) {
    return view(a, remove(a.shape, dim), remove(a.strides, dim), a.offset + index * a.strides[dim]);
  }

  static Tensor unsqueeze(Tensor a, int dim) {
    int stride = dim < a.dim() ? a.shape[dim] * a.strides[dim] : 1;
    return view(a, insert(a.shape, dim, 1), insert(a.strides, dim, Math.max(stride, 1)), a.offset);
  }

  static Tensor squeeze(Tensor a, int[] dims) {
    int[] shape = a.shape;
    int[] strides = a.strides;
    for (int i = dims.length - 1; i >= 0; i--) {
      if (shape[dims[i]] != 1) {
        throw new IllegalArgumentException(
            "squeeze: dim " + dims[i] + " has size " + shape[dims[i]] + " in shape " + Shapes.str(a.shape)
                + "; only size-1 dims can be squeezed");
      }
      shape = remove(shape, dims[i]);
      strides = remove(strides, dims[i]);
    }
    return view(a, shape == a.shape ? shape.clone() : shape, strides == a.strides ? strides.clone() : strides, a.offset);
  }

  static Tensor contiguous(Tensor a) {
    return a.isContiguous() ? a : Strided.materialize(a, a.dtype);
  }

  static Tensor to(Tensor a, DType dtype) {
    return a.dtype == dtype ? a : Strided.materialize(a, dtype);
  }

  static Tensor cat(Tensor[] ts, int dim) {
    Tensor first = ts[0];
    int rank = first.dim();
    DType dtype = first.dtype;
    int total = 0;
    for (int k = 0; k < ts.length; k++) {
      Tensor t = ts[k];
      if (t.dim() != rank) {
        throw new IllegalArgumentException(
            "cat: tensor " + k + " has shape " + Shapes.str(t.shape) + " but tensor 0 has " + Shapes.str(first.shape)
                + "; all tensors need the same rank");
      }
      for (int i = 0; i < rank; i++) {
        if (i != dim && t.shape[i] != first.shape[i]) {
          throw new IllegalArgumentException(
              "cat: sizes differ outside dim " + dim + ": tensor " + k + " has shape " + Shapes.str(t.shape)
                  + ", tensor 0 has " + Shapes.str(first.shape) + "; only the cat dim may differ");
        }
      }
      dtype = DType.promote(dtype, t.dtype);
      total += t.shape[dim];
    }
    int[] shape = first.shape.clone();
    shape[dim] = total;
    Storage out = Storage.allocate(dtype, Shapes.numel("cat", shape));
    int[] outStrides = Shapes.contiguousStrides(shape);
    int at = 0;
    for (Tensor t : ts) {
      Strided.copy(t, t.strides, t.shape, out, outStrides, at * outStrides[dim]);
      at += t.shape[dim];
    }
    return Tensor.contiguousOver(out, shape);
  }

  static Tensor stack(Tensor[] ts, int dim) {
    Tensor[] parts = new Tensor[ts.length];
    for (int k = 0; k < ts.length; k++) {
      if (!Arrays.equals(ts[k].shape, ts[0].shape)) {
        throw new IllegalArgumentException(
            "stack: tensor " + k + " has shape " + Shapes.str(ts[k].shape) + " but tensor 0 has "
                + Shapes.str(ts[0].shape) + "; stacked tensors must have equal shapes");
      }
      parts[k] = unsqueeze(ts[k], dim);
    }
    return cat(parts, dim);
  }

  static int[] remove(int[] a, int i) {
    int[] out = new int[a.length - 1];
    System.arraycopy(a, 0, out, 0, i);
    System.arraycopy(a, i + 1, out, i, a.length - i - 1);
    return out;
  }

  static int[] insert(int[] a, int i, int v) {
    int[] out = new int[a.length + 1];
    System.arraycopy(a, 0, out, 0, i);
    out[i] = v;
    System.arraycopy(a, i, out, i + 1, a.length - i);
    return out;
  }
}
