package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d sum(x, dims) = gradOutput broadcast back over the reduced dims dx.
 * 
 * <p>TinyTorch broadcast gradOutput directly, which is wrong for sum(axis) without keepdims (the
 * reduced dim is missing); here the reduced dims are put back as size 1 first.
 */
public final class SumBackward extends Function {
  private final int[] inputShape;
  private final int[] dims;
  private final boolean keepDim;

  public SumBackward(int[] inputShape, int[] dims, boolean keepDim) {
    this.inputShape = inputShape;
    this.dims = dims.clone();
    this.keepDim = keepDim;
  }

  /** Puts the reduced dims back (as size 1) and broadcasts {@code g} to {@code inputShape}. */
  static Tensor expandBack(Tensor g, int[] inputShape, int[] dims, boolean keepDim) {
    // A 0-d gradient (every dim reduced) broadcasts to any shape as it is: no size-1 views needed.
    if (!keepDim && g.dim() > 0) {
      for (int d : dims) { // ascending, so each index is final when inserted
        g = g.unsqueeze(d);
      }
    }
    return g.expand(inputShape);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {expandBack(gradOutput, inputShape, dims, keepDim)};
  }
}
