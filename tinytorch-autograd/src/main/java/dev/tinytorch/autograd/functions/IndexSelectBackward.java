package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d indexSelect(x, dim, index) = zeros(x.shape).indexAdd(dim, index, gradOutput) dx; the index gets none.
 *
 * <p>An entry selected k times receives the sum of its k gradients. indexAdd is itself
 * differentiable (its source gradient is indexSelect again), so second order works.
 */
public final class IndexSelectBackward extends Function {
  private final int[] inputShape;
  private final int dim;

  public IndexSelectBackward(int[] inputShape, int dim, Tensor index) {
    this.inputShape = inputShape;
    this.dim = dim;
    saveForBackward(index);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor index = savedTensors()[0];
    return new Tensor[] {Tensor.zeros(gradOutput.dtype(), inputShape).indexAdd(dim, index, gradOutput)};
  }
}
