package dev.tinytorch.nn;

/**
 * Batch normalisation over [N, C] or [N, C, L], PyTorch's {@code nn.BatchNorm1d}: per channel,
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias}.
 *
 * <p>In train mode mean and variance are the batch's (biased variance, over N and L), and the running
 * statistics are updated as PyTorch's: {@code running_mean = (1 - momentum) * running_mean + momentum * mean},
 * the same for {@code running_var} with the UNBIASED batch variance, and {@code num_batches_tracked += 1}.
 * In eval mode the running statistics are used. Defaults as PyTorch: eps 1e-5, momentum 0.1, affine
 * (weight ones, bias zeros), running statistics tracked (mean zeros, variance ones). A training batch
 * with a single value per channel is refused, as PyTorch's. PyTorch's cumulative average
 * ({@code momentum=None}) is not offered.
 *
 * <pre>{@code
 * BatchNorm1d bn = new BatchNorm1d(64);
 * Tensor h = bn.forward(x);          // x [32, 64]; running_mean and running_var move towards the batch's
 * bn.eval();
 * Tensor y = bn.forward(x);          // normalised with the running statistics
 * }</pre>
 */
public final class BatchNorm1d extends BatchNorm {
  public BatchNorm1d(int numFeatures) {
    this(numFeatures, 1e-5, 0.1, true, true);
  }

  public BatchNorm1d(int numFeatures, double eps, double momentum, boolean affine, boolean trackRunningStats) {
    super("BatchNorm1d", numFeatures, eps, momentum, affine, trackRunningStats);
  }

  @Override
  boolean acceptsRank(int rank) {
    return rank == 2 || rank == 3;
  }

  @Override
  String layouts() {
    return "[N, C] or [N, C, L]";
  }
}
