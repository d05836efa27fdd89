package dev.tinytorch.nn;

/**
 * Batch normalisation of {@code [N, C, H, W]} (NCHW) over dim 1, with PyTorch's running statistics (see the shared
 * rules in BatchNorm): momentum 0.1, eps 1e-5, running_var updated with the unbiased batch variance.
 *
 * <pre>{@code
 * BatchNorm2d bn = new BatchNorm2d(16);
 * Tensor y = bn.forward(x);       // train mode: batch statistics; running_mean/var updated
 * bn.eval().forward(x);           // eval mode: running statistics
 * }</pre>
 */
public final class BatchNorm2d extends BatchNorm {
  public BatchNorm2d(int channels) {
    this(channels, 1e-5, 0.1, true, true);
  }

  public BatchNorm2d(int channels, double eps, double momentum, boolean affine, boolean trackRunningStats) {
    super("BatchNorm2d", channels, eps, momentum, affine, trackRunningStats);
  }

  @Override
  boolean acceptsRank(int rank) {
    return rank == 4;
  }

  @Override
  String expectedShape() {
    return "[N, C, H, W]";
  }
}
