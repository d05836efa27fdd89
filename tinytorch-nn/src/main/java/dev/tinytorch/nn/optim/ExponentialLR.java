package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * torch.optim.lr_scheduler.ExponentialLR: {@code lr = base * gamma^epoch}.
 *
 * <pre>{@code
 * LRScheduler sched = new ExponentialLR(opt, 0.95);
 * }</pre>
 */
public final class ExponentialLR extends EpochScheduler {
  private final double gamma;

  public ExponentialLR(Optimizer optimizer, double gamma) {
    super(optimizer);
    checkArgument(Double.isFinite(gamma) && gamma >= 0, "ExponentialLR: gamma %s must be finite and >= 0 (e.g. 0.95)", gamma);
    this.gamma = gamma;
    start();
  }

  @Override
  double lrAt(int epoch, double baseLr) {
    return baseLr * Math.pow(gamma, epoch);
  }
}
