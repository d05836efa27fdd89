package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;

/** The logistic function {@code 1 / (1 + exp(-x))}. Elementwise on any shape; no parameters. */
public final class Sigmoid extends Module {
  public Sigmoid() {}

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    return F.sigmoid(input);
  }
}
