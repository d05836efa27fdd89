package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d expand(x) = gradOutput summed over the broadcast dims dx.
 */
public final class ExpandBackward extends Function {
  private final int[] inputShape;

  public ExpandBackward(int[] inputShape) {
    this.inputShape = inputShape;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.sumToSize(inputShape)};
  }
}
