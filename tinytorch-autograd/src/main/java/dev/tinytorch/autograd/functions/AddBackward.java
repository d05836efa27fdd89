package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d(a + b) = gradOutput da + gradOutput db; the engine sums broadcast dims away.
 */
public final class AddBackward extends Function {
  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput, gradOutput};
  }
}
