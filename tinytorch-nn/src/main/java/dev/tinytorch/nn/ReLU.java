package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;

/** Rectified linear unit, {@code max(x, 0)}; its gradient at 0 is 0, as PyTorch's. Elementwise on any shape; no parameters. */
public final class ReLU extends Module {
  public ReLU() {}

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    return F.relu(input);
  }
}
