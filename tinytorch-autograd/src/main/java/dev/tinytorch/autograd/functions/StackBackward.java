package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d stack(x_1..x_n, dim) = select(gradOutput, dim, i) for each input x_i.
 */
public final class StackBackward extends Function {
  private final int count;
  private final int dim;

  public StackBackward(int count, int dim) {
    this.count = count;
    this.dim = dim;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] grads = new Tensor[count];
    for (int i = 0; i < count; i++) {
      if (needsInputGrad(i)) {
        grads[i] = gradOutput.select(dim, i);
      }
    }
    return grads;
  }
}
