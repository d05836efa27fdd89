package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Cross-entropy of raw logits against class indices, PyTorch's {@code nn.CrossEntropyLoss}:
 * {@code logSoftmax} over the classes, then the negative log-likelihood of each sample's class,
 * stable for any logits. Logits [N, C] take class indices [N] (whole numbers in [0, C) held as
 * FLOAT32/FLOAT64); [C] takes a 0-d index and [N, C, d1, ...] takes [N, d1, ...], as PyTorch's.
 *
 * <p>Options, with PyTorch's defaults: reduction MEAN; label smoothing 0 ({@code eps} gives
 * {@code (1 - eps) nll + eps * mean_c(-logSoftmax_c)}); per-class {@code weight} none (with one, MEAN
 * divides by the sum of the targets' weights); ignore index none — PyTorch's default is -100, which
 * silently skips such targets; here they are an error unless {@code ignoreIndex(-100)} is set.
 *
 * <pre>{@code
 * Loss loss = new CrossEntropyLoss();
 * Tensor value = loss.forward(model.forward(images), labels);   // logits [N, 10], labels [N]
 * Loss smoothed = new CrossEntropyLoss(0.1);
 * Loss custom = CrossEntropyLoss.builder().reduction(Reduction.SUM).labelSmoothing(0.1).build();
 * }</pre>
 */
public final class CrossEntropyLoss implements Loss {
  private final Tensor weight;
  private final int ignoreIndex;
  private final Reduction reduction;
  private final double labelSmoothing;

  /** MEAN, no label smoothing: PyTorch's defaults. */
  public CrossEntropyLoss() {
    this(null, F.NO_IGNORE_INDEX, Reduction.MEAN, 0.0);
  }

  public CrossEntropyLoss(Reduction reduction) {
    this(null, F.NO_IGNORE_INDEX, reduction, 0.0);
  }

  /** MEAN with label smoothing in [0, 1]. */
  public CrossEntropyLoss(double labelSmoothing) {
    this(null, F.NO_IGNORE_INDEX, Reduction.MEAN, labelSmoothing);
  }

  private CrossEntropyLoss(Tensor weight, int ignoreIndex, Reduction reduction, double labelSmoothing) {
    checkNotNull(reduction, "CrossEntropyLoss: reduction is null");
    checkArgument(labelSmoothing >= 0 && labelSmoothing <= 1,
        "CrossEntropyLoss: labelSmoothing must be in [0, 1], got %s", labelSmoothing);
    checkArgument(weight == null || weight.dim() == 1,
        "CrossEntropyLoss: weight must be 1-D [C], one weight per class, got %s",
        weight == null ? null : Arrays.toString(weight.shape()));
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
    this.reduction = reduction;
    this.labelSmoothing = labelSmoothing;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Reduction reduction() {
    return reduction;
  }

  public double labelSmoothing() {
    return labelSmoothing;
  }

  /** The per-class weight [C], or null. */
  public Tensor weight() {
    return weight;
  }

  /** The class index whose targets are skipped, or {@link F#NO_IGNORE_INDEX}. */
  public int ignoreIndex() {
    return ignoreIndex;
  }

  @Override
  public Tensor forward(Tensor input, Tensor target) {
    return LossCalls.named(this, "crossEntropy",
        () -> F.crossEntropy(input, target, weight, ignoreIndex, reduction, labelSmoothing));
  }

  @Override
  public String toString() {
    return LossCalls.repr("CrossEntropyLoss", reduction,
        weight == null ? null : "weight=" + Arrays.toString(weight.shape()),
        ignoreIndex == F.NO_IGNORE_INDEX ? null : "ignoreIndex=" + ignoreIndex,
        labelSmoothing == 0 ? null : "labelSmoothing=" + labelSmoothing);
  }

  /** Options with PyTorch's defaults (but no ignore index; see the class doc). */
  public static final class Builder {
    private Tensor weight;
    private int ignoreIndex = F.NO_IGNORE_INDEX;
    private Reduction reduction = Reduction.MEAN;
    private double labelSmoothing;

    private Builder() {}

    /** One weight per class, [C]; MEAN then divides by the sum of the targets' weights. */
    public Builder weight(Tensor value) {
      this.weight = checkNotNull(value, "CrossEntropyLoss.builder: weight is null");
      return this;
    }

    /** Targets equal to this add no loss and are not counted by MEAN (PyTorch's {@code ignore_index}). */
    public Builder ignoreIndex(int value) {
      this.ignoreIndex = value;
      return this;
    }

    public Builder reduction(Reduction value) {
      this.reduction = checkNotNull(value, "CrossEntropyLoss.builder: reduction is null");
      return this;
    }

    /** In [0, 1]; 0 turns smoothing off. */
    public Builder labelSmoothing(double value) {
      this.labelSmoothing = value;
      return this;
    }

    public CrossEntropyLoss build() {
      return new CrossEntropyLoss(weight, ignoreIndex, reduction, labelSmoothing);
    }
  }
}
