package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * What BatchNorm1d and BatchNorm2d share, PyTorch's {@code _BatchNorm}: parameters {@code weight} (ones)
 * and {@code bias} (zeros), buffers {@code running_mean} (zeros), {@code running_var} (ones) and
 * {@code num_batches_tracked} (a 0-d count), in that state-dict order. The subclasses fix the input ranks.
 */
abstract class BatchNorm extends Module {
  private final int numFeatures;
  private final double eps;
  private final double momentum;
  private final Tensor weight;
  private final Tensor bias;
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final Tensor numBatchesTracked;

  BatchNorm(String kind, int numFeatures, double eps, double momentum, boolean affine,
      boolean trackRunningStats) {
    checkArgument(numFeatures > 0, "%s: the number of features must be positive, got %s", kind, numFeatures);
    checkArgument(eps >= 0 && Double.isFinite(eps), "%s: eps must be finite and >= 0, got %s", kind, eps);
    checkArgument(momentum >= 0 && momentum <= 1, "%s: momentum must be in [0, 1], got %s", kind, momentum);
    this.numFeatures = numFeatures;
    this.eps = eps;
    this.momentum = momentum;
    this.weight = affine ? parameter("weight", Tensor.ones(numFeatures)) : null;
    this.bias = affine ? parameter("bias", Tensor.zeros(numFeatures)) : null;
    this.runningMean = trackRunningStats ? buffer("running_mean", Tensor.zeros(numFeatures)) : null;
    this.runningVar = trackRunningStats ? buffer("running_var", Tensor.ones(numFeatures)) : null;
    this.numBatchesTracked = trackRunningStats ? countBuffer("num_batches_tracked", Tensor.scalar(0)) : null;
  }

  /** Whether {@code rank} is an input rank this layer takes. */
  abstract boolean acceptsRank(int rank);

  /** The input layouts it takes, for messages: {@code [N, C] or [N, C, L]}. */
  abstract String layouts();

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    int[] s = input.shape();
    checkArgument(acceptsRank(s.length), "%s: expects input %s, got %s (rank %s)",
        describe(), layouts(), Arrays.toString(s), s.length);
    checkArgument(s[1] == numFeatures,
        "%s: expects %s channels in dim 1, got %s in input %s; the layer was built for %s features",
        describe(), numFeatures, s[1], Arrays.toString(s), numFeatures);
    // PyTorch's rule: batch statistics in training, and always when no running statistics are kept.
    boolean batchStats = isTraining() || runningMean == null;
    checkArgument(!batchStats || input.numel() / numFeatures > 1,
        "%s: expected more than 1 value per channel when training, got input %s; "
            + "train on a batch of 2 or more, or call eval() to use the running statistics",
        describe(), Arrays.toString(s));
    Tensor y = F.batchNorm(input, runningMean, runningVar, weight, bias, batchStats, momentum, eps);
    if (isTraining() && numBatchesTracked != null) {
      try (var off = GradMode.off()) {
        numBatchesTracked.fill(numBatchesTracked.item() + 1);
      }
    }
    return y;
  }

  public Tensor weight() {
    return weight;
  }

  public Tensor bias() {
    return bias;
  }

  /** The running mean [C], or null when running statistics are not tracked. */
  public Tensor runningMean() {
    return runningMean;
  }

  /** The running (unbiased) variance [C], or null when running statistics are not tracked. */
  public Tensor runningVar() {
    return runningVar;
  }

  /** The number of training batches seen, a 0-d FLOAT64 tensor, or null when not tracked. */
  public Tensor numBatchesTracked() {
    return numBatchesTracked;
  }

  public int numFeatures() {
    return numFeatures;
  }

  public double eps() {
    return eps;
  }

  public double momentum() {
    return momentum;
  }

  @Override
  protected String summary() {
    return getClass().getSimpleName() + " " + numFeatures;
  }

  @Override
  protected String extraRepr() {
    return numFeatures + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null)
        + ", track_running_stats=" + (runningMean != null);
  }
}
