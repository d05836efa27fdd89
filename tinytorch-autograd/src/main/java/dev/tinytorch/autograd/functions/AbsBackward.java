package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d |x| = gradOutput * sign(x) dx, with sign(0) = 0 as PyTorch.
 */
public final class AbsBackward extends Function {
  public AbsBackward(Tensor x) {
    saveForBackward(x);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor x = savedTensors()[0];
    return new Tensor[] {gradOutput.mul(x.gt(0.0).sub(x.lt(0.0)))};
  }
}
