package dev.tinytorch.nn.train;

/**
 * One optimizer step of {@link Trainer#fit}, as a {@link TrainingListener} sees it.
 *
 * @param epoch the epoch, counted from 1 over the trainer's whole life (a resumed run continues the count)
 * @param step the optimizer step within the epoch, from 1
 * @param globalStep the optimizer step over the trainer's life in this process, from 1
 * @param batches the micro-batches accumulated into this step (the accumulation steps, fewer for a last group)
 * @param samples the samples in those micro-batches
 * @param loss the step's loss: the sample-weighted mean of its micro-batch losses
 * @param gradNorm the total gradient norm before clipping when {@code clipGradNorm} is on, else NaN
 * @param lr the learning rate of this step
 */
public record StepInfo(int epoch, int step, long globalStep, int batches, int samples, double loss, double gradNorm,
    double lr) {}
