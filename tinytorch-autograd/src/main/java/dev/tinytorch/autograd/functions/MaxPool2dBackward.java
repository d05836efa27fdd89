package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.GradKernels;
import dev.tinytorch.tensor.Tensor;

/**
 * d maxPool2d(x) = zeros(x.numel).indexAdd(0, argmax, gradOutput.flatten()).reshape(x.shape) dx.
 *
 * <p>{@code argmax} holds, per output, the flat input position of its window's first maximum,
 * recorded by the forward kernel; overlapping windows that share a maximum add their gradients.
 * Written with the differentiable indexAdd, so the gradient can be differentiated again (its
 * gradient in gradOutput is the gather {@code indexSelect(0, argmax)}).
 */
public final class MaxPool2dBackward extends Function {
  private final int[] inputShape;

  public MaxPool2dBackward(int[] inputShape, Tensor argmax) {
    this.inputShape = inputShape;
    saveForBackward(argmax);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor argmax = savedTensors()[0];
    if (!GradMode.isEnabled()) { // nothing to record: one scatter pass, the same sums
      return new Tensor[] {GradKernels.maxPool2dBackward(gradOutput, argmax, inputShape)};
    }
    int numel = 1;
    for (int s : inputShape) {
      numel *= s;
    }
    Tensor flat = Tensor.zeros(gradOutput.dtype(), numel).indexAdd(0, argmax.flatten(), gradOutput.flatten());
    return new Tensor[] {flat.reshape(inputShape)};
  }
}
