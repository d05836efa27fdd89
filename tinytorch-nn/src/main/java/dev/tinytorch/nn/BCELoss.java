package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Binary cross-entropy of probabilities, PyTorch's {@code nn.BCELoss}:
 * {@code -weight (t log p + (1 - t) log(1 - p))} per element, each log clamped at -100 as PyTorch's,
 * reduced by the mean (the default), the sum, or not at all. Probabilities outside [0, 1] are refused;
 * for raw scores use {@link BCEWithLogitsLoss}, which is stable where sigmoid then BCE saturates.
 *
 * <pre>{@code
 * Loss loss = new BCELoss();
 * Tensor value = loss.forward(model.forward(x).sigmoid(), y);   // y in [0, 1], the same shape
 * }</pre>
 */
public final class BCELoss implements Loss {
  private final Tensor weight;
  private final Reduction reduction;

  /** Unweighted, reduced by the mean: PyTorch's defaults. */
  public BCELoss() {
    this(null, Reduction.MEAN);
  }

  public BCELoss(Reduction reduction) {
    this(null, reduction);
  }

  /** {@code weight} (or null) rescales each element's loss and must broadcast to the input's shape. */
  public BCELoss(Tensor weight, Reduction reduction) {
    this.weight = weight;
    this.reduction = checkNotNull(reduction, "BCELoss: reduction is null");
  }

  public Reduction reduction() {
    return reduction;
  }

  /** The per-element weight, or null. */
  public Tensor weight() {
    return weight;
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    return LossCalls.named(this, "binaryCrossEntropy", () -> F.binaryCrossEntropy(input, target, weight, reduction));
  }

  @Override
  public String toString() {
    return LossCalls.repr("BCELoss", reduction, weight == null ? null : "weight=" + Arrays.toString(weight.shape()));
  }
}
