package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d(a / b) = gradOutput / b da - gradOutput * a / b^2 db (quotient rule).
 */
public final class DivBackward extends Function {
  public DivBackward(Tensor a, Tensor b) {
    saveForBackward(a, b);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] s = savedTensors();
    Tensor a = s[0];
    Tensor b = s[1];
    return new Tensor[] {
      needsInputGrad(0) ? gradOutput.div(b) : null,
      needsInputGrad(1) ? gradOutput.neg().mul(a).div(b.square()) : null
    };
  }
}
