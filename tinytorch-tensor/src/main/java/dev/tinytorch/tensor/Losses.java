package dev.tinytorch.tensor;

/**
 * The fused loss functions, each computed stably in one kernel and differentiated by one rule
 * (as {@code torch.nn.functional}'s). All reduce by the mean and return a 0-d tensor.
 *
 * <pre>{@code
 * Tensor logits = x.matmul(w).add(b);                       // [N, C]
 * Tensor loss = Losses.crossEntropy(logits, labels);        // labels: [N] class indices
 * loss.backward();
 * }</pre>
 */
public final class Losses {
  private Losses() {}

  /** Mean squared error, {@code mean((prediction - target)^2)}; shapes must be equal. */
  public static Tensor mse(Tensor prediction, Tensor target) {
    return Dispatch.OPS.mseLoss(prediction, target);
  }

  /**
   * Binary cross-entropy of probabilities in [0, 1], {@code -mean(t log p + (1-t) log(1-p))}, each
   * log clamped at -100 as PyTorch's BCELoss.
   */
  public static Tensor binaryCrossEntropy(Tensor prediction, Tensor target) {
    return Dispatch.OPS.binaryCrossEntropy(prediction, target);
  }

  /**
   * Cross-entropy of raw logits [N, C] against class indices [N] (held as numbers):
   * {@code -mean(logSoftmax(logits)[i, target[i]])}, stable for any logits.
   */
  public static Tensor crossEntropy(Tensor logits, Tensor target) {
    return Dispatch.OPS.crossEntropy(logits, target);
  }
}
