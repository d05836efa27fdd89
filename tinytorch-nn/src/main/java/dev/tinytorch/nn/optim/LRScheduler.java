package dev.tinytorch.nn.optim;

/**
 * A learning-rate schedule driving an {@link Optimizer}, torch.optim.lr_scheduler's contract: the
 * constructor sets the epoch-0 rate, each {@link #step()} (once per epoch, after the optimizer's
 * steps) moves to the next epoch and sets its rate on the optimizer.
 *
 * <pre>{@code
 * LRScheduler sched = new StepLR(opt, 30, 0.1);
 * for (int epoch = 0; epoch < 90; epoch++) {
 *   trainOneEpoch(opt);
 *   sched.step();
 * }
 * }</pre>
 */
public interface LRScheduler {
  /** Advances one epoch and sets the new rate on the optimizer. */
  void step();

  /** The rate last set on the optimizer ({@code get_last_lr()}). */
  double lastLr();

  /**
   * Positions the schedule at {@code epoch} (as if {@link #step()} had been called that many times)
   * and sets that epoch's rate on the optimizer: how a run resumed from a checkpoint gets its rate
   * back. Schedules that cannot jump refuse it; all of nn.optim's can.
   *
   * @throws UnsupportedOperationException if this schedule cannot be positioned
   */
  default void setEpoch(int epoch) {
    throw new UnsupportedOperationException(getClass().getSimpleName()
        + ": this schedule cannot be positioned at epoch " + epoch + "; implement LRScheduler.setEpoch");
  }
}
