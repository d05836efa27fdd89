package dev.tinytorch.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Samples held in two tensors whose first dim indexes them, PyTorch's {@code TensorDataset}.
 *
 * <pre>{@code
 * TensorDataset train = new TensorDataset(images, labels);   // [1000, 64] and [1000]
 * Batch b = train.get(3, 1, 4);                               // inputs [3, 64], targets [3]
 * }</pre>
 */
public final class TensorDataset implements Dataset {
  private final Tensor inputs;
  private final Tensor targets;

  public TensorDataset(Tensor inputs, Tensor targets) {
    checkNotNull(inputs, "TensorDataset: inputs is null");
    checkNotNull(targets, "TensorDataset: targets is null");
    checkArgument(inputs.dim() >= 1 && targets.dim() >= 1 && inputs.size(0) == targets.size(0),
        "TensorDataset: inputs %s and targets %s must have the same first dim, the number of samples",
        Arrays.toString(inputs.shape()), Arrays.toString(targets.shape()));
    this.inputs = inputs.detach();
    this.targets = targets.detach();
  }

  public Tensor inputs() {
    return inputs;
  }

  public Tensor targets() {
    return targets;
  }

  @Override
  public int size() {
    return inputs.size(0);
  }

  @Override
  public Batch get(int... indices) {
    checkNotNull(indices, "TensorDataset.get: indices is null");
    int n = size();
    double[] idx = new double[indices.length];
    for (int i = 0; i < indices.length; i++) {
      checkArgument(indices[i] >= 0 && indices[i] < n,
          "TensorDataset.get: index %s at position %s is out of range for %s samples", indices[i], i, n);
      idx[i] = indices[i];
    }
    // FLOAT64 positions for both: in the data's own FLOAT32 an index past 2^24 would round to
    // another sample's.
    Tensor at = Tensor.of(idx);
    return new Batch(inputs.indexSelect(0, at), targets.indexSelect(0, at));
  }
}
