package dev.tinytorch.nn;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;

/** Rectified linear unit, {@code max(x, 0)}; its gradient at 0 is 0, as PyTorch's. Elementwise on any shape; no parameters. */
public final class ReLU extends Module {
  public ReLU() {}

  @Override
  public Tensor forward(Tensor input) {
    if (input == null) { // not checkNotNull: its message argument, describe(), would be built on every call
      throw new NullPointerException(describe() + ": input is null");
    }
    return F.relu(input);
  }
}
