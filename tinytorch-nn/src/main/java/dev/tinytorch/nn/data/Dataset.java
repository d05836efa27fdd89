package dev.tinytorch.nn.data;

/**
 * Indexed samples, PyTorch's map-style {@code Dataset}, but batched: {@link #get} returns the samples at
 * several indices at once, stacked along a new first dim, so a loader gathers a batch in one pass.
 */
public interface Dataset {
  /** The number of samples. */
  int size();

  /** The samples at {@code indices}, stacked: inputs [k, ...] and targets [k, ...]. */
  Batch get(int... indices);
}
