package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d x^p = gradOutput * p * x^(p-1) dx (p a constant; x^0 gives zero gradient).
 */
public final class PowBackward extends Function {
  private final double exponent;

  public PowBackward(Tensor x, double exponent) {
    this.exponent = exponent;
    saveForBackward(x);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor x = savedTensors()[0];
    if (exponent == 0) {
      return new Tensor[] {gradOutput.mul(0.0)};
    }
    Tensor slope = exponent == 1 ? null : exponent == 2 ? x.mul(2.0) : x.pow(exponent - 1).mul(exponent);
    return new Tensor[] {slope == null ? gradOutput : gradOutput.mul(slope)};
  }
}
