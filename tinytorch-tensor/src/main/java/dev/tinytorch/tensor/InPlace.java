package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * The checks and the write behind Tensor's in-place methods. Everything is validated before the
 * first element is written, so a refused call leaves the tensor as it was.
 */
final class InPlace {
  private InPlace() {}

  static Tensor assign(Tensor self, String op, Tensor value) {
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
