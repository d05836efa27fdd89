package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d permute(x, p) = permute(gradOutput, inverse of p) dx.
 */
public final class PermuteBackward extends Function {
  private final int[] inverse;

  public PermuteBackward(int[] dims) {
    inverse = new int[dims.length];
    for (int i = 0; i < dims.length; i++) {
      inverse[dims[i]] = i;
    }
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {gradOutput.permute(inverse)};
  }
}
