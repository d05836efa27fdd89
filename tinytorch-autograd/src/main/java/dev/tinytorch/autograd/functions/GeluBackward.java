package dev.tinytorch.autograd.functions;

import dev.tinytorch.tensor.GeluApproximation;
import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d gelu(x) = gradOutput * (Phi(x) + x * phi(x)) dx for the exact form, Phi and phi the normal cdf and pdf.
 * 
 * <p>The tanh approximation u = sqrt(2/pi) (x + 0.044715 x^3) has
 * d = 0.5 (1 + tanh u) + 0.5 x (1 - tanh^2 u) sqrt(2/pi) (1 + 3 * 0.044715 x^2). Both are written with
 * Tensor ops (erf, exp, tanh), so they differentiate again. TinyTorch's forward and backward used
 * different formulas; here each form has its own exact derivative.
 */
public final class GeluBackward extends Function {
  private static final double SQRT_HALF = Math.sqrt(0.5);
  private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
  private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
  private static final double C = 0.044715;

  private final GeluApproximation approximation;

  public GeluBackward(Tensor x, GeluApproximation approximation) {
    this.approximation = approximation;
    saveForBackward(x);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor x = savedTensors()[0];
    Tensor slope;
    if (approximation == GeluApproximation.TANH) {
      Tensor t = x.add(x.pow(3).mul(C)).mul(SQRT_2_OVER_PI).tanh();
      Tensor du = x.square().mul(3 * C).add(1.0).mul(SQRT_2_OVER_PI);
      slope = t.add(1.0).mul(0.5).add(x.mul(0.5).mul(t.square().rsub(1.0)).mul(du));
    } else {
      Tensor cdf = x.mul(SQRT_HALF).erf().add(1.0).mul(0.5);
      Tensor pdf = x.square().mul(-0.5).exp().mul(INV_SQRT_2PI);
      slope = cdf.add(x.mul(pdf));
    }
    return new Tensor[] {gradOutput.mul(slope)};
  }
}
