package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d unsqueeze(x, dim) = squeeze(gradOutput, dim) dx.
 */
public final class UnsqueezeBackward extends Function {
  private final int dim;

  public UnsqueezeBackward(int dim) {
    this.dim = dim;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.squeeze(dim)};
  }
}
