package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d softmax(x) = y * (gradOutput - sum(gradOutput * y, dim)) dx with y the saved output.
 */
public final class SoftmaxBackward extends Function {
  private final int dim;

  public SoftmaxBackward(Tensor output, int dim) {
    this.dim = dim;
    saveForBackward(output);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor y = savedTensors()[0];
    return new Tensor[] {y.mul(gradOutput.sub(gradOutput.mul(y).sum(dim, true)))};
  }
}
