package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d where(c, a, b) = where(c, gradOutput, 0) da + where(c, 0, gradOutput) db, each summed to its input's shape.
 *
 * <p>The condition gets no gradient (where is piecewise constant in it). Selecting rather than
 * multiplying by a mask keeps an infinite or NaN gradient in one branch out of the other.
 */
public final class WhereBackward extends Function {
  private final int[] aShape;
  private final int[] bShape;

  public WhereBackward(Tensor condition, int[] aShape, int[] bShape) {
    this.aShape = aShape;
    this.bShape = bShape;
    saveForBackward(condition);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor c = savedTensors()[0];
    Tensor zero = Tensor.scalar(0.0, gradOutput.dtype());
    return new Tensor[] {
      needsInputGrad(0) ? Tensor.where(c, gradOutput, zero).sumToSize(aShape) : null,
      needsInputGrad(1) ? Tensor.where(c, zero, gradOutput).sumToSize(bShape) : null
    };
  }
}
