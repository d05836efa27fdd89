package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.GeluApproximation;
import dev.tinytorch.tensor.Tensor;

/**
 * The Gaussian error linear unit {@code x * Phi(x)}: the exact erf form by default (PyTorch's), or the
 * tanh approximation of GPT-2 with {@code new GELU(GeluApproximation.TANH)}.
 */
public final class GELU extends Module {
  private final GeluApproximation approximation;

  public GELU() {
    this(GeluApproximation.NONE);
  }

  public GELU(GeluApproximation approximation) {
    this.approximation = checkNotNull(approximation, "GELU: approximation is null");
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    return F.gelu(input, approximation);
  }

  @Override
  protected String extraRepr() {
    return "approximate='" + approximation.name().toLowerCase(java.util.Locale.ROOT) + "'";
  }
}
