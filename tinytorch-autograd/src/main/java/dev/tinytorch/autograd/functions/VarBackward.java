package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d var(x, dims) = gradOutput * 2 (x - mean(x)) / (N - correction) dx.
 */
public final class VarBackward extends Function {
  private final int[] dims;
  private final double correction;
  private final boolean keepDim;

  public VarBackward(Tensor x, int[] dims, double correction, boolean keepDim) {
    this.dims = dims.clone();
    this.correction = correction;
    this.keepDim = keepDim;
    saveForBackward(x);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor x = savedTensors()[0];
    int[] shape = x.shape();
    long n = 1;
    for (int d : dims) {
      n *= shape[d];
    }
    Tensor centered = x.sub(x.mean(dims, true));
    Tensor g = SumBackward.expandBack(gradOutput, shape, dims, keepDim);
    return new Tensor[] {g.mul(centered).mul(2.0 / (n - correction))};
  }
}
