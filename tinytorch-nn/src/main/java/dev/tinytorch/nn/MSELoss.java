package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;

/**
 * Mean squared error, PyTorch's {@code nn.MSELoss}: {@code (input - target)^2} per element, reduced
 * by the mean (the default), the sum, or not at all. Input and target must have the same shape (no
 * broadcasting: [N, 1] against [N] is an error that says how to reshape); both get gradients.
 *
 * <pre>{@code
 * Loss loss = new MSELoss();
 * Tensor value = loss.forward(model.forward(x), y);   // y has the prediction's shape
 * value.backward();
 * }</pre>
 */
public final class MSELoss implements Loss {
  private final Reduction reduction;

  /** Reduced by the mean, PyTorch's default. */
  public MSELoss() {
    this(Reduction.MEAN);
  }

  public MSELoss(Reduction reduction) {
    this.reduction = checkNotNull(reduction, "MSELoss: reduction is null");
  }

  public Reduction reduction() {
    return reduction;
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    return LossCalls.named(this, "mseLoss", () -> F.mseLoss(input, target, reduction));
  }

  @Override
  public String toString() {
    return LossCalls.repr("MSELoss", reduction);
  }
}
