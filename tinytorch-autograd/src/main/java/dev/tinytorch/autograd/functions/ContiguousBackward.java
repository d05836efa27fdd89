package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d contiguous(x) = gradOutput dx: a copy in another layout has the identity derivative.
 */
public final class ContiguousBackward extends Function {
  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput};
  }
}
