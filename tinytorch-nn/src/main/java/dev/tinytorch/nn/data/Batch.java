package dev.tinytorch.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/** A mini-batch: inputs and targets whose first dims are the same samples. */
public record Batch(Tensor inputs, Tensor targets) {
  public Batch {
    checkNotNull(inputs, "Batch: inputs is null");
    checkNotNull(targets, "Batch: targets is null");
    checkArgument(inputs.dim() >= 1 && targets.dim() >= 1 && inputs.size(0) == targets.size(0),
        "Batch: inputs %s and targets %s must have the same first dim (one row per sample)",
        Arrays.toString(inputs.shape()), Arrays.toString(targets.shape()));
  }

  /** The number of samples. */
  public int size() {
    return inputs.size(0);
  }
}
