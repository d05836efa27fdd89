package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d erf(x) = gradOutput * 2/sqrt(pi) * e^(-x^2) dx.
 */
public final class ErfBackward extends Function {
  private static final double TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

  public ErfBackward(Tensor x) {
    saveForBackward(x);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor x = savedTensors()[0];
    return new Tensor[] {gradOutput.mul(x.square().neg().exp().mul(TWO_OVER_SQRT_PI))};
  }
}
