package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A linear warm-up to the base rate, torch.optim.lr_scheduler.LinearLR with {@code end_factor} 1:
 * {@code lr = base * (startFactor + (1 - startFactor) * min(epoch, warmupSteps) / warmupSteps)}, then
 * the base rate. PyTorch's default start factor is 1/3.
 *
 * <pre>{@code
 * LRScheduler warmup = new LinearWarmup(opt, 5, 0.1);   // 10 %, 28 %, ... of the rate, full from step 5
 * }</pre>
 */
public final class LinearWarmup extends EpochScheduler {
  private final int warmupSteps;
  private final double startFactor;

  /** A warm-up from a third of the rate (PyTorch's LinearLR default). */
  public LinearWarmup(Optimizer optimizer, int warmupSteps) {
    this(optimizer, warmupSteps, 1.0 / 3);
  }

  public LinearWarmup(Optimizer optimizer, int warmupSteps, double startFactor) {
    super(optimizer);
    checkArgument(warmupSteps > 0, "LinearWarmup: warmupSteps %s must be > 0", warmupSteps);
    checkArgument(startFactor > 0 && startFactor <= 1, "LinearWarmup: startFactor %s must be in (0, 1]", startFactor);
    this.warmupSteps = warmupSteps;
    this.startFactor = startFactor;
    start();
  }

  @Override
  double lrAt(int epoch, double baseLr) {
    return baseLr * (startFactor + (1 - startFactor) * Math.min(epoch, warmupSteps) / warmupSteps);
  }
}
