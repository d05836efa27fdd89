package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Binary cross-entropy of raw logits, PyTorch's {@code nn.BCEWithLogitsLoss}: the loss of
 * {@code sigmoid(x)} against t, computed stably for any logit (+-1000 give finite, exact losses and
 * gradients), reduced by the mean (the default), the sum, or not at all. Optional, as PyTorch's: a
 * per-element {@code weight} and a {@code posWeight} that scales the positive term, e.g. [C] for
 * multi-label targets [N, C] ({@code posWeight = negatives / positives} per class balances them).
 *
 * <pre>{@code
 * Loss loss = new BCEWithLogitsLoss();
 * Tensor value = loss.forward(model.forward(x), y);          // y in [0, 1], the logits' shape
 * Loss balanced = BCEWithLogitsLoss.builder().posWeight(Tensor.of(new double[] {3, 0.5})).build();
 * }</pre>
 */
public final class BCEWithLogitsLoss implements Loss {
  private final Tensor weight;
  private final Tensor posWeight;
  private final Reduction reduction;

  /** Unweighted, reduced by the mean: PyTorch's defaults. */
  public BCEWithLogitsLoss() {
    this(Reduction.MEAN);
  }

  public BCEWithLogitsLoss(Reduction reduction) {
    this(null, null, reduction);
  }

  private BCEWithLogitsLoss(Tensor weight, Tensor posWeight, Reduction reduction) {
    this.weight = weight;
    this.posWeight = posWeight;
    this.reduction = checkNotNull(reduction, "BCEWithLogitsLoss: reduction is null");
  }

  public static Builder builder() {
    return new Builder();
  }

  public Reduction reduction() {
    return reduction;
  }

  /** The per-element weight, or null. */
  public Tensor weight() {
    return weight;
  }

  /** The weight of positive targets, or null. */
  public Tensor posWeight() {
    return posWeight;
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    return LossCalls.named(this, "binaryCrossEntropyWithLogits",
        () -> F.binaryCrossEntropyWithLogits(input, target, weight, posWeight, reduction));
  }

  @Override
  public String toString() {
    return LossCalls.repr("BCEWithLogitsLoss", reduction,
        weight == null ? null : "weight=" + Arrays.toString(weight.shape()),
        posWeight == null ? null : "posWeight=" + Arrays.toString(posWeight.shape()));
  }

  /** Options with PyTorch's defaults: no weights, MEAN. */
  public static final class Builder {
    private Tensor weight;
    private Tensor posWeight;
    private Reduction reduction = Reduction.MEAN;

    private Builder() {}

    /** Rescales each element's loss; must broadcast to the input's shape. */
    public Builder weight(Tensor value) {
      this.weight = checkNotNull(value, "BCEWithLogitsLoss.builder: weight is null");
      return this;
    }

    /** Scales the loss of positive targets; must broadcast to the input's shape (e.g. [C] for [N, C]). */
    public Builder posWeight(Tensor value) {
      this.posWeight = checkNotNull(value, "BCEWithLogitsLoss.builder: posWeight is null");
      return this;
    }

    public Builder reduction(Reduction value) {
      this.reduction = checkNotNull(value, "BCEWithLogitsLoss.builder: reduction is null");
      return this;
    }

    public BCEWithLogitsLoss build() {
      return new BCEWithLogitsLoss(weight, posWeight, reduction);
    }
  }
}
