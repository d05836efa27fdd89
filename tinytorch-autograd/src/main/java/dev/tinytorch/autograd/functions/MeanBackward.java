package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d mean(x, dims) = gradOutput / N broadcast back over the reduced dims dx, N the reduced count.
 */
public final class MeanBackward extends Function {
  private final int[] inputShape;
  private final int[] dims;
  private final boolean keepDim;

  public MeanBackward(int[] inputShape, int[] dims, boolean keepDim) {
    this.inputShape = inputShape;
    this.dims = dims.clone();
    this.keepDim = keepDim;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    long n = 1;
    for (int d : dims) {
      n *= inputShape[d];
    }
    return new Tensor[] {SumBackward.expandBack(gradOutput.div((double) n), inputShape, dims, keepDim)};
  }
}
