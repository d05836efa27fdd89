package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/** Softmax along {@code dim}: non-negative entries that sum to 1. */
public final class Softmax extends Module {
  private final int dim;

  public Softmax(int dim) {
    this.dim = dim;
  }

  /** The dim the probabilities sum to 1 over, as given (possibly negative). */
  public int dim() {
    return dim;
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    checkArgument(dim >= -input.dim() && dim < Math.max(input.dim(), 1),
        "%s: dim %s is out of range for input %s; pass a dim in [-%s, %s)", describe(), dim,
        Arrays.toString(input.shape()), input.dim(), input.dim());
    return F.softmax(input, dim);
  }

  @Override
  protected String extraRepr() {
    return "dim=" + dim;
  }
}
