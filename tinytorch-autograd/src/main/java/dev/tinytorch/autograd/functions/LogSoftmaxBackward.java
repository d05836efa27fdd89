package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d logSoftmax(x) = gradOutput - exp(y) * sum(gradOutput, dim) dx with y the saved output.
 */
public final class LogSoftmaxBackward extends Function {
  private final int dim;

  public LogSoftmaxBackward(Tensor output, int dim) {
    this.dim = dim;
    saveForBackward(output);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor y = savedTensors()[0];
    return new Tensor[] {gradOutput.sub(y.exp().mul(gradOutput.sum(dim, true)))};
  }
}
