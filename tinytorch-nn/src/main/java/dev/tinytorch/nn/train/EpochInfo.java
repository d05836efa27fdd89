package dev.tinytorch.nn.train;

/**
 * One finished epoch of {@link Trainer#fit}, as a {@link TrainingListener} sees it; the same numbers go
 * into the {@link History}. Accuracies are fractions in [0, 1]; NaN where there is none (no validation
 * data, or a regression loss).
 *
 * @param epoch the epoch, counted from 1 over the trainer's whole life
 * @param lastEpoch the epoch this {@code fit} call ends with
 * @param steps the optimizer steps of the epoch
 * @param samples the training samples of the epoch
 * @param trainLoss the sample-weighted mean training loss, measured during the epoch's steps
 * @param trainAccuracy the training accuracy measured during the epoch's steps
 * @param validationLoss the validation loss after the epoch, under no-grad in eval mode
 * @param validationAccuracy the validation accuracy after the epoch
 * @param lr the learning rate of the epoch (before the scheduler's step at its end)
 * @param seconds the wall-clock time of the epoch, validation included
 */
public record EpochInfo(int epoch, int lastEpoch, int steps, int samples, double trainLoss, double trainAccuracy,
    double validationLoss, double validationAccuracy, double lr, double seconds) {}
