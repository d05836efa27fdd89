package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Flattens dims {@code startDim..endDim} into one; by default every dim but the batch dim, as PyTorch's
 * {@code nn.Flatten()}: [N, C, H, W] becomes [N, C*H*W]. A view when the input's strides allow.
 */
public final class Flatten extends Module {
  private final int startDim;
  private final int endDim;

  public Flatten() {
    this(1, -1);
  }

  public Flatten(int startDim, int endDim) {
    this.startDim = startDim;
    this.endDim = endDim;
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    int rank = input.dim();
    int s = startDim < 0 ? startDim + rank : startDim;
    int e = endDim < 0 ? endDim + rank : endDim;
    checkArgument(s >= 0 && e < rank && s <= e,
        "%s: dims %s..%s do not fit input %s; Flatten() expects a batch dim followed by at least one more",
        describe(), startDim, endDim, Arrays.toString(input.shape()));
    return input.flatten(s, e);
  }

  @Override
  protected String extraRepr() {
    return "start_dim=" + startDim + ", end_dim=" + endDim;
  }
}
