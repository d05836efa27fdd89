package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d clamp(x, lo, hi) = gradOutput * {@code [lo <= x <= hi]} dx (bounds inclusive, as PyTorch).
 */
public final class ClampBackward extends Function {
  private final double min;
  private final double max;

  public ClampBackward(Tensor x, double min, double max) {
    this.min = min;
    this.max = max;
    saveForBackward(x);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor x = savedTensors()[0];
    return new Tensor[] {gradOutput.mul(x.ge(min).mul(x.le(max)))};
  }
}
