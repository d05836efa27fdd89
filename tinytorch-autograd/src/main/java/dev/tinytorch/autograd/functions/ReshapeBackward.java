package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d reshape(x) = reshape(gradOutput, shape of x) dx; view, flatten and squeeze of many dims use it too.
 */
public final class ReshapeBackward extends Function {
  private final int[] inputShape;

  public ReshapeBackward(int[] inputShape) {
    this.inputShape = inputShape;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.reshape(inputShape)};
  }
}
