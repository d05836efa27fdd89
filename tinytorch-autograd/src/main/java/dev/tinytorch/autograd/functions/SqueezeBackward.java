package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d squeeze(x) = reshape(gradOutput, shape of x) dx.
 */
public final class SqueezeBackward extends Function {
  private final int[] inputShape;

  public SqueezeBackward(int[] inputShape) {
    this.inputShape = inputShape;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.reshape(inputShape)};
  }
}
