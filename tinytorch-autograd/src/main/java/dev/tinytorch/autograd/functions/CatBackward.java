package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d cat(x_1..x_n, dim) = the slice of gradOutput along dim where each x_i sat, for each input.
 */
public final class CatBackward extends Function {
  private final int[] sizes;
  private final int dim;

  public CatBackward(Tensor[] inputs, int dim) {
    this.dim = dim;
    sizes = new int[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      sizes[i] = inputs[i].shape()[dim];
    }
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] grads = new Tensor[sizes.length];
    int at = 0;
    for (int i = 0; i < sizes.length; i++) {
      if (needsInputGrad(i)) {
        grads[i] = gradOutput.narrow(dim, at, sizes[i]);
      }
      at += sizes[i];
    }
    return grads;
  }
}
