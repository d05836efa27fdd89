package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * TinyTorch's CosineSchedule: from {@code maxLr} at epoch 0 down a half cosine to {@code minLr} at
 * {@code totalEpochs}, and {@code minLr} after. Unlike the PyTorch-style schedules it sets its own
 * rates rather than scaling the optimizer's.
 *
 * <pre>{@code
 * CosineSchedule sched = new CosineSchedule(opt, 0.1, 0.01, 100);
 * sched.lrAt(25);   // 0.0868198
 * }</pre>
 */
public final class CosineSchedule extends EpochScheduler {
  private final double maxLr;
  private final double minLr;
  private final int totalEpochs;

  public CosineSchedule(Optimizer optimizer, double maxLr, double minLr, int totalEpochs) {
    super(optimizer);
    checkArgument(Double.isFinite(maxLr) && Double.isFinite(minLr) && 0 <= minLr && minLr <= maxLr,
        "CosineSchedule: need 0 <= minLr <= maxLr, got minLr %s, maxLr %s", minLr, maxLr);
    checkArgument(totalEpochs > 0, "CosineSchedule: totalEpochs %s must be > 0", totalEpochs);
    this.maxLr = maxLr;
    this.minLr = minLr;
    this.totalEpochs = totalEpochs;
    start();
  }

  /** The rate at {@code epoch} (TinyTorch's {@code get_lr}). */
  public double lrAt(int epoch) {
    checkArgument(epoch >= 0, "CosineSchedule: epoch %s must be >= 0", epoch);
    if (epoch >= totalEpochs) {
      return minLr;
    }
    return minLr + (maxLr - minLr) * (1 + Math.cos(Math.PI * epoch / totalEpochs)) / 2;
  }

  @Override
  double lrAt(int epoch, double baseLr) {
    return lrAt(epoch);
  }
}
