package dev.tinytorch.nn;

/**
 * Batch normalisation over [N, C, H, W], PyTorch's {@code nn.BatchNorm2d}: per channel,
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias}, the statistics taken over N, H and W.
 *
 * <p>Train and eval mode, the running statistics and the defaults (eps 1e-5, momentum 0.1, affine,
 * tracked) are as {@link BatchNorm1d}'s and PyTorch's: the running variance is updated with the UNBIASED
 * batch variance.
 *
 * <pre>{@code
 * Sequential block = new Sequential(new Conv2d(3, 16, 3, 1, 1), new BatchNorm2d(16), new ReLU());
 * block.stateDict().keySet();   // 0.weight, 0.bias, 1.weight, 1.bias, 1.running_mean, 1.running_var,
 *                               // 1.num_batches_tracked
 * }</pre>
 */
public final class BatchNorm2d extends BatchNorm {
  public BatchNorm2d(int numFeatures) {
    this(numFeatures, 1e-5, 0.1, true, true);
  }

  public BatchNorm2d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
    super("BatchNorm2d", numFeatures, eps, momentum, affine, trackRunningStats);
  }

  @Override
  boolean acceptsRank(int rank) {
    return rank == 4;
  }

  @Override
  String layouts() {
    return "[N, C, H, W]";
  }
}
