package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d(a - b) = gradOutput da - gradOutput db.
 */
public final class SubBackward extends Function {
  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput, needsInputGrad(1) ? gradOutput.neg() : null};
  }
}
