package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d log x = gradOutput / x dx.
 */
public final class LogBackward extends Function {
  public LogBackward(Tensor x) {
    saveForBackward(x);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.div(savedTensors()[0])};
  }
}
