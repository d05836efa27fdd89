package dev.tinytorch.nn.train;

/**
 * A hook into {@link Trainer#fit} for one's own logging or early decisions; both methods do nothing by
 * default, so a listener overrides what it needs. Called on the training thread; an exception thrown
 * here stops the fit.
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, optimizer, loss)
 *     .listener(new TrainingListener() {
 *       public void onEpoch(EpochInfo e) {
 *         log.info("epoch {} loss {}", e.epoch(), e.trainLoss());
 *       }
 *     })
 *     .build();
 * }</pre>
 */
public interface TrainingListener {
  /** After each optimizer step (after clipping and the step, before the next micro-batch). */
  default void onStep(StepInfo step) {}

  /**
   * After each epoch: its training numbers, validation and time. The scheduler has stepped and the
   * trainer's {@code epoch()} counts this epoch, so a checkpoint saved here resumes exactly.
   */
  default void onEpoch(EpochInfo epoch) {}
}
