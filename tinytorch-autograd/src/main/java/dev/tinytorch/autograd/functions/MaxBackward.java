package dev.tinytorch.autograd.functions;

import dev.tinytorch.tensor.KernelOps;
import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d max(x, dims) = gradOutput at the first maximal element of each reduced group, 0 elsewhere; min likewise.
 * 
 * <p>Sending the whole gradient to one element (the first, in row-major order) matches
 * {@code max(dim)} in PyTorch; the choice is arbitrary at ties, where max has no derivative.
 */
public final class MaxBackward extends Function {
  private final int[] dims;
  private final boolean keepDim;
  private final boolean isMax;

  public MaxBackward(Tensor x, int[] dims, boolean keepDim, boolean isMax) {
    this.dims = dims.clone();
    this.keepDim = keepDim;
    this.isMax = isMax;
    saveForBackward(x);
  }

  @Override
  public String name() {
    return isMax ? "MaxBackward" : "MinBackward";
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor x = savedTensors()[0];
    Tensor mask = KernelOps.INSTANCE.extremumMask(x, dims, isMax);
    return new Tensor[] {SumBackward.expandBack(gradOutput, x.shape(), dims, keepDim).mul(mask)};
  }
}
