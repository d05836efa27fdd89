package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d clone(x) = gradOutput dx.
 */
public final class CloneBackward extends Function {
  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput};
  }
}
