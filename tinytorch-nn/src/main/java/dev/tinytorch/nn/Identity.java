package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;

/** Returns its input unchanged: a placeholder layer, as PyTorch's {@code nn.Identity}. */
public final class Identity extends Module {
  public Identity() {}

  @Override
  public Tensor forward(Tensor input) {
    return checkNotNull(input, "%s: input is null", describe());
  }
}
