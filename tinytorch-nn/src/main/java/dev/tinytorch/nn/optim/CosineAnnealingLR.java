package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * torch.optim.lr_scheduler.CosineAnnealingLR in PyTorch's closed form:
 * {@code lr = etaMin + (base - etaMin) * (1 + cos(pi * epoch / tMax)) / 2}; past {@code tMax} the
 * cosine continues (rising again), as PyTorch's does.
 *
 * <pre>{@code
 * LRScheduler sched = new CosineAnnealingLR(opt, 100, 0);
 * }</pre>
 */
public final class CosineAnnealingLR extends EpochScheduler {
  private final int tMax;
  private final double etaMin;

  public CosineAnnealingLR(Optimizer optimizer, int tMax, double etaMin) {
    super(optimizer);
    checkArgument(tMax > 0, "CosineAnnealingLR: tMax %s must be > 0", tMax);
    checkArgument(Double.isFinite(etaMin) && etaMin >= 0, "CosineAnnealingLR: etaMin %s must be finite and >= 0", etaMin);
    this.tMax = tMax;
    this.etaMin = etaMin;
    start();
  }

  @Override
  double lrAt(int epoch, double baseLr) {
    return etaMin + (baseLr - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
  }
}
