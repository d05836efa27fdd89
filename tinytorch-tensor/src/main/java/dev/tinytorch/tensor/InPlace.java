package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * The checks and the write behind Tensor's in-place methods. Everything is validated before the
 * first element is written, so a refused call leaves the tensor as it was.
 */
final class InPlace {
  private InPlace() {}

  /**
   * {@code self += alpha * other}. Parameters and their gradients are usually dense and of one
   * shape, so that case runs as one fused loop with no temporary (the optimizer step's hot path).
   */
  static Tensor axpy(Tensor self, String op, Tensor other, double alpha) {
    checkWritable(self, op);
    if (self.dtype == other.dtype && Arrays.equals(self.shape, other.shape) && self.isContiguous()
        && other.isContiguous() && (self.storage != other.storage || self.offset == other.offset)) {
      int n = self.numel;
      if (!Parallel.pays(n, Parallel.MEMORY_GRAIN)) {
        axpy(self, other, alpha, 0, n);
      } else {
        Parallel.forRange(n, Parallel.MEMORY_GRAIN, (from, to) -> axpy(self, other, alpha, from, to));
      }
      self.storage.bumpVersion();
      return self;
    }
    if (alpha == 1 && self.dtype == other.dtype && self.storage != other.storage && endsWith(self.shape, other.shape)
        && self.isContiguous() && other.isContiguous()) {
      // A bias row added to every row (F.linear without a graph): no broadcast temporary.
      addRows(self, other);
      self.storage.bumpVersion();
      return self;
    }
    Tensor scaled = alpha == 1 ? other : Elementwise.binary(BinaryOp.MUL, other, Tensor.full(other.dtype, alpha));
    return assign(self, op, Elementwise.binary(BinaryOp.ADD, self, scaled));
  }

  /** {@code self *= value}, fused for a dense tensor. */
  static Tensor scale(Tensor self, String op, double value) {
    checkWritable(self, op);
    if (self.isContiguous()) {
      int n = self.numel;
      if (!Parallel.pays(n, Parallel.MEMORY_GRAIN)) {
        scale(self, value, 0, n);
      } else {
        Parallel.forRange(n, Parallel.MEMORY_GRAIN, (from, to) -> scale(self, value, from, to));
      }
      self.storage.bumpVersion();
      return self;
    }
    return assign(self, op, Elementwise.binary(BinaryOp.MUL, self, Tensor.full(self.dtype, value)));
  }

  private static void axpy(Tensor self, Tensor other, double alpha, int from, int to) {
    int ys = self.offset;
    int xs = other.offset;
    if (self.storage.f != null) {
      float[] y = self.storage.f;
      float[] x = other.storage.f;
      if (ys == xs) {
        axpy(y, x, (float) alpha, ys + from, ys + to);
      } else {
        axpyShifted(y, ys + from, x, xs + from, (float) alpha, to - from);
      }
    } else {
      double[] y = self.storage.d;
      double[] x = other.storage.d;
      if (ys == xs) {
        axpy(y, x, alpha, ys + from, ys + to);
      } else {
        axpyShifted(y, ys + from, x, xs + from, alpha, to - from);
      }
    }
  }

  /** Whether {@code tail} is the trailing dims of {@code shape}, with at least one element. */
  private static boolean endsWith(int[] shape, int[] tail) {
    if (tail.length > shape.length) {
      return false;
    }
    int n = 1;
    for (int i = 1; i <= tail.length; i++) {
      if (tail[tail.length - i] != shape[shape.length - i]) {
        return false;
      }
      n *= tail[tail.length - i];
    }
    return n > 0;
  }

  /**
   * {@code self[r, :] += row} for every row of a dense self; each element is {@code y + x} in the
   * dtype, as the broadcasting add computes it, so the result is the same bit for bit.
   */
  private static void addRows(Tensor self, Tensor row) {
    int n = row.numel;
    int xo = row.offset;
    int end = self.offset + self.numel;
    if (self.storage.f != null) {
      float[] y = self.storage.f;
      float[] x = row.storage.f;
      if (Kernels.VECTOR) {
        VectorRowKernels.addRows(y, self.offset, end, x, xo, n);
        return;
      }
      for (int yo = self.offset; yo < end; yo += n) {
        for (int j = 0; j < n; j++) {
          y[yo + j] += x[xo + j];
        }
      }
    } else {
      double[] y = self.storage.d;
      double[] x = row.storage.d;
      for (int yo = self.offset; yo < end; yo += n) {
        for (int j = 0; j < n; j++) {
          y[yo + j] += x[xo + j];
        }
      }
    }
  }

  private static void scale(Tensor self, double value, int from, int to) {
    int start = self.offset;
    if (self.storage.f != null) {
      scale(self.storage.f, (float) value, start + from, start + to);
    } else {
      scale(self.storage.d, value, start + from, start + to);
    }
  }

  /** One index for y and x, so the JIT vectorises it (see {@link Lanes}); the optimizer step's loop. */
  private static void axpy(float[] y, float[] x, float alpha, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] += alpha * x[i];
    }
  }

  private static void axpy(double[] y, double[] x, double alpha, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] += alpha * x[i];
    }
  }

  /**
   * y and x at different offsets: a scalar loop. Lining x up with y in place would need a buffer
   * for both, and same-shaped dense tensors at different offsets are rare here (a view into a
   * larger buffer updated from a fresh gradient).
   */
  private static void axpyShifted(float[] y, int yo, float[] x, int xo, float alpha, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] += alpha * x[xo + i];
    }
  }

  private static void axpyShifted(double[] y, int yo, double[] x, int xo, double alpha, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] += alpha * x[xo + i];
    }
  }

  private static void scale(float[] y, float value, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] *= value;
    }
  }

  private static void scale(double[] y, double value, int from, int to) {
    for (int i = from; i < to; i++) {
      y[i] *= value;
    }
  }

  static void checkWritable(Tensor self, String op) {
    if (self.gradFn() != null) {
      throw new IllegalStateException(
          op + ": this tensor was produced by " + self.gradFn().name()
              + " and is part of a graph; in-place writes are only for leaves such as parameters. Use the out-of-place op instead");
    }
    if (self.requiresGrad() && Dispatch.OPS.isGradEnabled()) {
      throw new IllegalStateException(
          op + ": a leaf tensor that requires grad cannot be changed in place while gradients are recorded; "
              + "update parameters inside try (var off = GradMode.off()) { ... }");
    }
  }

  static Tensor assign(Tensor self, String op, Tensor value) {
    checkWritable(self, op);
    int[] shape = self.shape;
    int[] joint = Shapes.broadcast(op, shape, value.shape);
    if (!Arrays.equals(joint, shape)) {
      throw new IllegalArgumentException(
          op + ": a value of shape " + Shapes.str(value.shape) + " does not fit a tensor of shape "
              + Shapes.str(shape) + "; in-place results must keep the tensor's shape");
    }
    for (int i = 0; i < shape.length; i++) {
      if (self.strides[i] == 0 && shape[i] > 1) {
        throw new IllegalArgumentException(
            op + ": the tensor is an expanded view (shape " + Shapes.str(shape) + ", strides "
                + Shapes.str(self.strides) + ") whose elements share memory; call contiguous() first");
      }
    }
    Tensor source = value.storage == self.storage ? Strided.materialize(value, value.dtype) : value;
    Strided.copy(source, Shapes.broadcastStrides(source.shape, source.strides, shape), shape,
        self.storage, self.strides, self.offset);
    self.storage.bumpVersion();
    return self;
  }
}
