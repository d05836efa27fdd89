package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * What BatchNorm1d and BatchNorm2d share: per-channel normalisation over dim 1 with PyTorch's running
 * statistics. Training: the batch's mean and biased variance normalise, and {@code running_mean},
 * {@code running_var} (updated with the UNBIASED variance) move by {@code momentum}; eval: the running
 * statistics normalise. Weight ones, bias zeros, running_mean zeros, running_var ones,
 * {@code num_batches_tracked} a FLOAT64 count; eps 1e-5, momentum 0.1, as PyTorch.
 */
abstract class BatchNorm extends Module {
  private final int features;
  private final double eps;
  private final double momentum;
  private final Tensor weight;
  private final Tensor bias;
  private final Tensor runningMean;
  private final Tensor runningVar;
  private final Tensor numBatchesTracked;

  BatchNorm(String layer, int features, double eps, double momentum, boolean affine, boolean trackRunningStats) {
    checkArgument(features > 0, "%s: the number of features must be positive, got %s", layer, features);
    checkArgument(eps > 0 && Double.isFinite(eps), "%s: eps must be positive, got %s", layer, eps);
    checkArgument(momentum >= 0 && momentum <= 1, "%s: momentum must be in [0, 1], got %s", layer, momentum);
    this.features = features;
    this.eps = eps;
    this.momentum = momentum;
    this.weight = affine ? parameter("weight", Tensor.ones(features)) : null;
    this.bias = affine ? parameter("bias", Tensor.zeros(features)) : null;
    this.runningMean = trackRunningStats ? buffer("running_mean", Tensor.zeros(features)) : null;
    this.runningVar = trackRunningStats ? buffer("running_var", Tensor.ones(features)) : null;
    this.numBatchesTracked = trackRunningStats ? countBuffer("num_batches_tracked", Tensor.scalar(0)) : null;
  }

  /** The ranks this layer accepts, and how they read ("[N, C] or [N, C, L]"). */
  abstract boolean acceptsRank(int rank);

  abstract String expectedShape();

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    int[] s = input.shape();
    checkArgument(acceptsRank(s.length) && s[1] == features,
        "%s: expects input %s with C = %s, got %s", describe(), expectedShape(), features, Arrays.toString(s));
    boolean useBatch = isTraining() || runningMean == null;
    if (useBatch) {
      checkArgument(input.numel() / features > 1,
          "%s: expected more than 1 value per channel when training, got input %s; use a batch of 2 or more, or eval()",
          describe(), Arrays.toString(s));
    }
    // F updates the running statistics in place only after its checks, so a refused call changes nothing.
    Tensor y = F.batchNorm(input, runningMean, runningVar, weight, bias,
        useBatch, momentum, eps);
    if (isTraining() && numBatchesTracked != null) {
      try (var off = GradMode.off()) {
        numBatchesTracked.copyFrom(numBatchesTracked.add(1.0));
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

  public Tensor runningMean() {
    return runningMean;
  }

  public Tensor runningVar() {
    return runningVar;
  }

  /** How many training batches updated the running statistics (0-d, FLOAT64). */
  public Tensor numBatchesTracked() {
    return numBatchesTracked;
  }

  @Override
  protected String summary() {
    return getClass().getSimpleName() + " " + features;
  }

  @Override
  protected String extraRepr() {
    return features + ", eps=" + eps + ", momentum=" + momentum + ", affine=" + (weight != null)
        + ", track_running_stats=" + (runningMean != null);
  }
}
