package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Conv;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.Tensor;

/**
 * d unfold(x) = fold(gradOutput, H, W) dx: each input element receives the sum of the gradients
 * of every window position that copied it.
 *
 * <p>unfold is linear, so nothing is saved; fold is its adjoint, {@code <unfold(x), y> = <x, fold(y)>}.
 */
public final class UnfoldBackward extends Function {
  private final int inputH;
  private final int inputW;
  private final Conv2dParams params;

  public UnfoldBackward(int inputH, int inputW, Conv2dParams params) {
    this.inputH = inputH;
    this.inputW = inputW;
    this.params = params;
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    return new Tensor[] {Conv.fold(gradOutput, inputH, inputW, params)};
  }
}
