package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d e^x = gradOutput * e^x dx, reusing the saved output.
 */
public final class ExpBackward extends Function {
  public ExpBackward(Tensor output) {
    saveForBackward(output);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.mul(savedTensors()[0])};
  }
}
