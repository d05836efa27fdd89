package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;

/** The hyperbolic tangent. Elementwise on any shape; no parameters. */
public final class Tanh extends Module {
  public Tanh() {}

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    return F.tanh(input);
  }
}
