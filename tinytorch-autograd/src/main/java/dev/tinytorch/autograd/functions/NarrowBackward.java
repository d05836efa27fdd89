package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d narrow(x, dim, start, n) = gradOutput placed at start..start+n-1 of dim, zeros elsewhere dx.
 */
public final class NarrowBackward extends Function {
  private final int[] inputShape;
  private final int dim;
  private final int start;

  public NarrowBackward(int[] inputShape, int dim, int start) {
    this.inputShape = inputShape;
    this.dim = dim;
    this.start = start;
  }

  /** {@code g} embedded at {@code start} along {@code dim} in zeros of {@code shape}; cat keeps it differentiable. */
  static Tensor embed(Tensor g, int[] shape, int dim, int start) {
    int before = start;
    int after = shape[dim] - start - g.shape()[dim];
    if (before == 0 && after == 0) {
      return g;
    }
    int[] zerosBefore = g.shape();
    zerosBefore[dim] = before;
    int[] zerosAfter = g.shape();
    zerosAfter[dim] = after;
    return Tensor.cat(
        new Tensor[] {Tensor.zeros(g.dtype(), zerosBefore), g, Tensor.zeros(g.dtype(), zerosAfter)}, dim);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {embed(gradOutput, inputShape, dim, start)};
  }
}
