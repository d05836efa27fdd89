package dev.tinytorch.nn;

/**
 * Batch normalisation of {@code [N, C]} or {@code [N, C, L]} over dim 1, with PyTorch's running statistics (see the shared
 * rules in BatchNorm): momentum 0.1, eps 1e-5, running_var updated with the unbiased batch variance.
 *
 * <pre>{@code
 * BatchNorm1d bn = new BatchNorm1d(16);
 * Tensor y = bn.forward(x);       // train mode: batch statistics; running_mean/var updated
 * bn.eval().forward(x);           // eval mode: running statistics
 * }</pre>
 */
public final class BatchNorm1d extends BatchNorm {
  public BatchNorm1d(int features) {
    this(features, 1e-5, 0.1, true, true);
  }

  public BatchNorm1d(int features, double eps, double momentum, boolean affine, boolean trackRunningStats) {
    super("BatchNorm1d", features, eps, momentum, affine, trackRunningStats);
  }

  @Override
  boolean acceptsRank(int rank) {
    return rank == 2 || rank == 3;
  }

  @Override
  String expectedShape() {
    return "[N, C] or [N, C, L]";
  }
}
