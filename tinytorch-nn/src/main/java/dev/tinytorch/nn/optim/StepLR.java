package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * torch.optim.lr_scheduler.StepLR: {@code lr = base * gamma^floor(epoch / stepSize)}.
 *
 * <pre>{@code
 * LRScheduler sched = new StepLR(opt, 30, 0.1);   // 0.1 for epochs 0-29, 0.01 for 30-59, ...
 * }</pre>
 */
public final class StepLR extends EpochScheduler {
  private final int stepSize;
  private final double gamma;

  public StepLR(Optimizer optimizer, int stepSize, double gamma) {
    super(optimizer);
    checkArgument(stepSize > 0, "StepLR: stepSize %s must be > 0", stepSize);
    checkArgument(Double.isFinite(gamma) && gamma >= 0, "StepLR: gamma %s must be finite and >= 0 (e.g. 0.1)", gamma);
    this.stepSize = stepSize;
    this.gamma = gamma;
    start();
  }

  @Override
  double lrAt(int epoch, double baseLr) {
    return baseLr * Math.pow(gamma, epoch / stepSize);
  }
}
