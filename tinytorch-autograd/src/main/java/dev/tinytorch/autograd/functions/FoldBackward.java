package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Conv;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.Tensor;

/**
 * d fold(x) = unfold(gradOutput) dx: each column entry was added to one image element (or dropped
 * in the padding), so it receives that element's gradient (or zero).
 *
 * <p>fold is linear, so nothing is saved; unfold is its adjoint.
 */
public final class FoldBackward extends Function {
  private final Conv2dParams params;

  public FoldBackward(Conv2dParams params) {
    this.params = params;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {Conv.unfold(gradOutput, params)};
  }
}
