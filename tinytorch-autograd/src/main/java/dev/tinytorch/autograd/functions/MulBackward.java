package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d(a * b) = gradOutput * b da + gradOutput * a db (product rule).
 */
public final class MulBackward extends Function {
  public MulBackward(Tensor a, Tensor b) {
    saveForBackward(a, b);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] s = savedTensors();
    return new Tensor[] {
      needsInputGrad(0) ? gradOutput.mul(s[1]) : null,
      needsInputGrad(1) ? gradOutput.mul(s[0]) : null
    };
  }
}
