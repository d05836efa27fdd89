package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;

/** {@code x} where positive, {@code slope * x} elsewhere (PyTorch's default slope 0.01). */
public final class LeakyReLU extends Module {
  private final double slope;

  public LeakyReLU() {
    this(0.01);
  }

  public LeakyReLU(double slope) {
    checkArgument(Double.isFinite(slope), "LeakyReLU: slope must be finite, got %s", slope);
    this.slope = slope;
  }

  /** The slope for negative inputs (PyTorch's {@code negative_slope}). */
  public double slope() {
    return slope;
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    return F.leakyRelu(input, slope);
  }

  @Override
  protected String extraRepr() {
    return "negative_slope=" + slope;
  }
}
