package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d sqrt(x) = gradOutput / (2 sqrt(x)) dx, reusing the saved output.
 */
public final class SqrtBackward extends Function {
  public SqrtBackward(Tensor output) {
    saveForBackward(output);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.div(savedTensors()[0].mul(2.0))};
  }
}
