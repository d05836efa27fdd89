package dev.tinytorch.nn;

/**
 * How a loss folds its per-element (or per-sample) values into its result, PyTorch's
 * {@code reduction='mean' | 'sum' | 'none'}.
 *
 * <pre>{@code
 * Tensor perSample = F.crossEntropy(logits, labels, Reduction.NONE, 0.0);   // [N]
 * Tensor total = new MSELoss(Reduction.SUM).forward(prediction, target);     // 0-d
 * }</pre>
 */
public enum Reduction {
  /**
   * The mean, a 0-d tensor; PyTorch's default. For class losses with per-class weights it is the
   * weighted mean, divided by the sum of the weights of the targets, as PyTorch's. An empty input
   * gives NaN, as in PyTorch.
   */
  MEAN,
  /** The sum, a 0-d tensor (0 for an empty input). */
  SUM,
  /** No reduction: one loss per element (MSE, BCE) or per sample (cross-entropy, NLL). */
  NONE
}
