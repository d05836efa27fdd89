package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d sigmoid(x) = gradOutput * s * (1 - s) dx with s = sigmoid(x), the saved output.
 */
public final class SigmoidBackward extends Function {
  public SigmoidBackward(Tensor output) {
    saveForBackward(output);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor s = savedTensors()[0];
    return new Tensor[] {gradOutput.mul(s.mul(s.rsub(1.0)))};
  }
}
