package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d transpose(x, i, j) = transpose(gradOutput, i, j) dx.
 */
public final class TransposeBackward extends Function {
  private final int dim0;
  private final int dim1;

  public TransposeBackward(int dim0, int dim1) {
    this.dim0 = dim0;
    this.dim1 = dim1;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.transpose(dim0, dim1)};
  }
}
