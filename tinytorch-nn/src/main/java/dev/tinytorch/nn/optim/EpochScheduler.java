package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A schedule given in closed form: the rate at epoch {@code e} from the base rate (the optimizer's
 * rate when the schedule was made). Closed forms do not drift the way PyTorch's chained updates can.
 */
abstract class EpochScheduler implements LRScheduler {
  private final Optimizer optimizer;
  private final double baseLr;
  private int epoch;
  private double lastLr;

  EpochScheduler(Optimizer optimizer) {
    this.optimizer = checkNotNull(optimizer, "%s: optimizer is null", getClass().getSimpleName());
    this.baseLr = optimizer.lr();
  }

  /** Sets the epoch-0 rate; subclasses call it last in their constructor, once their fields are set. */
  final void start() {
    apply();
  }

  /** The rate at {@code epoch} (0 = construction). */
  abstract double lrAt(int epoch, double baseLr);

  @Override
  public final void step() {
    epoch++;
    apply();
  }

  /** Jumps to {@code epoch}: closed forms need no history, so this equals {@code epoch} steps from 0. */
  @Override
  public final void setEpoch(int epoch) {
    checkArgument(epoch >= 0, "%s.setEpoch: epoch %s must be >= 0", getClass().getSimpleName(), epoch);
    this.epoch = epoch;
    apply();
  }

  private void apply() {
    lastLr = lrAt(epoch, baseLr);
    optimizer.setLr(lastLr);
  }

  @Override
  public final double lastLr() {
    return lastLr;
  }

  /** How many times {@link #step()} has been called. */
  public final int epoch() {
    return epoch;
  }

  /** The optimizer's rate when this schedule was made. */
  public final double baseLr() {
    return baseLr;
  }
}
