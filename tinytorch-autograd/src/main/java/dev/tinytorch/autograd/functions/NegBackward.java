package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d(-x) = -gradOutput dx.
 */
public final class NegBackward extends Function {
  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.neg()};
  }
}
