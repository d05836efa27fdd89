package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Conv;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.Tensor;

/**
 * d avgPool2d(x) = fold(gradOutput / (kh*kw) repeated over the kh*kw taps of each window, H, W) dx.
 *
 * <p>Every entry of a window receives that window's gradient divided by the window size; fold sums
 * them where windows overlap and leaves zeros under no window. Composed of reshape, expand and
 * fold, all differentiable, so second order works (avgPool2d is linear: its backward is its
 * adjoint, and the adjoint's adjoint is avgPool2d again).
 */
public final class AvgPool2dBackward extends Function {
  private final int[] inputShape;
  private final Conv2dParams params;

  public AvgPool2dBackward(int[] inputShape, int kernelH, int kernelW, int strideH, int strideW) {
    this.inputShape = inputShape;
    this.params = Conv2dParams.of(kernelH, kernelW).stride(strideH, strideW);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    int n = inputShape[0];
    int c = inputShape[1];
    int taps = params.kernelH() * params.kernelW();
    int windows = params.outputH(inputShape[2]) * params.outputW(inputShape[3]);
    Tensor columns = gradOutput.div((double) taps).reshape(n, c, 1, windows).expand(n, c, taps, windows)
        .reshape(n, c * taps, windows);
    return new Tensor[] {Conv.fold(columns, inputShape[2], inputShape[3], params)};
  }
}
