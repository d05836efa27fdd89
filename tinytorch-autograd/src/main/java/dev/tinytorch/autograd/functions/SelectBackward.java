package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d select(x, dim, i) = gradOutput placed at index i of dim, zeros elsewhere dx.
 */
public final class SelectBackward extends Function {
  private final int[] inputShape;
  private final int dim;
  private final int index;

  public SelectBackward(int[] inputShape, int dim, int index) {
    this.inputShape = inputShape;
    this.dim = dim;
    this.index = index;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {NarrowBackward.embed(gradOutput.unsqueeze(dim), inputShape, dim, index)};
  }
}
