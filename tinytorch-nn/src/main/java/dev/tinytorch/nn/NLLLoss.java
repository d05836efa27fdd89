package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Negative log-likelihood of log-probabilities against class indices, PyTorch's {@code nn.NLLLoss}:
 * {@code -logProbs[i, t_i]} per sample, reduced. Pair it with {@link LogSoftmax} (together they are
 * {@link CrossEntropyLoss}). Only the picked entries count, so a -inf log-probability of another class
 * is harmless. Layouts, per-class {@code weight} and {@code ignoreIndex} as {@link CrossEntropyLoss}'s.
 *
 * <pre>{@code
 * Module model = new Sequential(new Linear(784, 10), new LogSoftmax(1));
 * Tensor value = new NLLLoss().forward(model.forward(x), labels);   // labels [N]
 * }</pre>
 */
public final class NLLLoss implements Loss {
  private final Tensor weight;
  private final int ignoreIndex;
  private final Reduction reduction;

  /** MEAN, unweighted: PyTorch's defaults. */
  public NLLLoss() {
    this(null, F.NO_IGNORE_INDEX, Reduction.MEAN);
  }

  public NLLLoss(Reduction reduction) {
    this(null, F.NO_IGNORE_INDEX, reduction);
  }

  private NLLLoss(Tensor weight, int ignoreIndex, Reduction reduction) {
    checkNotNull(reduction, "NLLLoss: reduction is null");
    checkArgument(weight == null || weight.dim() == 1,
        "NLLLoss: weight must be 1-D [C], one weight per class, got %s",
        weight == null ? null : Arrays.toString(weight.shape()));
    this.weight = weight;
    this.ignoreIndex = ignoreIndex;
    this.reduction = reduction;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Reduction reduction() {
    return reduction;
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
    return LossCalls.named(this, "nllLoss", () -> F.nllLoss(input, target, weight, ignoreIndex, reduction));
  }

  @Override
  public String toString() {
    return LossCalls.repr("NLLLoss", reduction,
        weight == null ? null : "weight=" + Arrays.toString(weight.shape()),
        ignoreIndex == F.NO_IGNORE_INDEX ? null : "ignoreIndex=" + ignoreIndex);
  }

  /** Options with PyTorch's defaults (but no ignore index; see {@link CrossEntropyLoss}). */
  public static final class Builder {
    private Tensor weight;
    private int ignoreIndex = F.NO_IGNORE_INDEX;
    private Reduction reduction = Reduction.MEAN;

    private Builder() {}

    /** One weight per class, [C]; MEAN then divides by the sum of the targets' weights. */
    public Builder weight(Tensor value) {
      this.weight = checkNotNull(value, "NLLLoss.builder: weight is null");
      return this;
    }

    /** Targets equal to this add no loss and are not counted by MEAN (PyTorch's {@code ignore_index}). */
    public Builder ignoreIndex(int value) {
      this.ignoreIndex = value;
      return this;
    }

    public Builder reduction(Reduction value) {
      this.reduction = checkNotNull(value, "NLLLoss.builder: reduction is null");
      return this;
    }

    public NLLLoss build() {
      return new NLLLoss(weight, ignoreIndex, reduction);
    }
  }
}
