package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d mean((p - t)^2) = gradOutput * 2 (p - t) / N dp - the same dt.
 */
public final class MSEBackward extends Function {
  public MSEBackward(Tensor prediction, Tensor target) {
    saveForBackward(prediction, target);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] s = savedTensors();
    Tensor grad = s[0].sub(s[1]).mul(gradOutput.mul(2.0 / s[0].numel()));
    return new Tensor[] {needsInputGrad(0) ? grad : null, needsInputGrad(1) ? grad.neg() : null};
  }
}
