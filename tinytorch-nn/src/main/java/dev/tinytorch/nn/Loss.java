package dev.tinytorch.nn;

import dev.tinytorch.tensor.Tensor;

/**
 * A loss as an object, PyTorch's loss modules ({@code nn.CrossEntropyLoss()} and so on): built once
 * with its options, then called on every batch. A lambda works too.
 *
 * <pre>{@code
 * Loss loss = new CrossEntropyLoss(0.1);                    // label smoothing 0.1
 * Tensor value = loss.forward(model.forward(x), labels);    // 0-d
 * value.backward();
 * Loss mine = (input, target) -> F.mseLoss(input, target).mul(0.5);
 * }</pre>
 *
 * <p>Errors name the loss with its options ({@code CrossEntropyLoss(labelSmoothing=0.1): ...}).
 */
@FunctionalInterface
public interface Loss {
  /** The loss of {@code input} (predictions, probabilities, logits or log-probabilities) against {@code target}. */
  Tensor forward(Tensor input, Tensor target);
}
