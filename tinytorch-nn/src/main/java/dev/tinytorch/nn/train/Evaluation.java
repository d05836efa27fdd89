package dev.tinytorch.nn.train;

/**
 * The result of {@link Trainer#evaluate}: the sample-weighted mean loss over the batches, the accuracy
 * as a fraction in [0, 1] (NaN when the targets are not class indices or 0/1 labels, e.g. regression),
 * and the number of samples.
 *
 * <pre>{@code
 * Evaluation e = trainer.evaluate(testLoader);
 * System.out.printf("test loss %.4f, accuracy %.2f %%%n", e.loss(), 100 * e.accuracy());
 * }</pre>
 */
public record Evaluation(double loss, double accuracy, long samples) {}
