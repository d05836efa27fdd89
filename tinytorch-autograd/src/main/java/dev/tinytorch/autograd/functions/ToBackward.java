package dev.tinytorch.autograd.functions;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d to(x, dtype) = gradOutput converted back to x's dtype dx.
 */
public final class ToBackward extends Function {
  private final DType inputDtype;

  public ToBackward(DType inputDtype) {
    this.inputDtype = inputDtype;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.to(inputDtype)};
  }
}
