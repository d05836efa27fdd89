package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d relu(x) = gradOutput * [x > 0] dx; relu'(0) = 0 as PyTorch.
 */
public final class ReLUBackward extends Function {
  public ReLUBackward(Tensor x) {
    saveForBackward(x);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.mul(savedTensors()[0].detach().gt(0.0))};
  }
}
