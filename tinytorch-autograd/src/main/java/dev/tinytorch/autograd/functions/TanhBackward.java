package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d tanh(x) = gradOutput * (1 - tanh(x)^2) dx, reusing the saved output.
 */
public final class TanhBackward extends Function {
  public TanhBackward(Tensor output) {
    saveForBackward(output);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor y = savedTensors()[0];
    return new Tensor[] {gradOutput.mul(y.square().rsub(1.0))};
  }
}
