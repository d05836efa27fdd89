package dev.tinytorch.nn.functional;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.Conv;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.ConvKernels;
import dev.tinytorch.tensor.Tensor;

/**
 * conv2d as one recorded node over {@link ConvKernels}' image-by-image kernels, for FLOAT32: the
 * forward writes only the output, the backward (with recording off, i.e. every backward pass but
 * one under createGraph) only the three gradients. Under createGraph the backward is the
 * composition's rules written with differentiable ops (unfold, matmul, fold), so it can be
 * differentiated again.
 *
 * <p>The gradients: {@code dW = sum_n gy_n @ unfold(x)_n^T}, {@code dx = fold(W^T @ gy)},
 * {@code db = gy summed over N, H and W}. Inputs are (x, weight) or (x, weight, bias).
 */
final class FusedConv2d extends Function {
  private final Conv2dParams params;

  FusedConv2d(Conv2dParams params) {
    this.params = params;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    saveForBackward(in[0], in[1]);
    return ConvKernels.conv2d(in[0], in[1], in.length > 2 ? in[2] : null, params);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] s = savedTensors();
    Tensor x = s[0];
    Tensor weight = s[1];
    boolean bias = numInputs() > 2 && needsInputGrad(2);
    Tensor[] grads;
    if (!GradMode.isEnabled()) {
      grads = ConvKernels.conv2dBackward(gradOutput, x, weight, bias, params, needsInputGrad(0), needsInputGrad(1));
    } else {
      grads = composed(gradOutput, x, weight, bias);
    }
    return numInputs() > 2 ? grads : new Tensor[] {grads[0], grads[1]};
  }

  /** The composition's gradients in differentiable ops. */
  private Tensor[] composed(Tensor gy, Tensor x, Tensor weight, boolean bias) {
    int n = x.size(0);
    int out = weight.size(0);
    Tensor g = gy.reshape(n, out, -1);                               // [N, O, L]
    Tensor w2 = weight.reshape(out, -1);                             // [O, K]
    Tensor dx = null;
    Tensor dw = null;
    Tensor db = null;
    if (needsInputGrad(0)) {
      dx = Conv.fold(w2.transpose(0, 1).matmul(g), x.size(2), x.size(3), params);
    }
    if (needsInputGrad(1)) {
      dw = g.matmul(Conv.unfold(x, params).transpose(1, 2)).sum(0).reshape(weight.shape());
    }
    if (bias) {
      db = g.sum(0).sum(1);
    }
    return new Tensor[] {dx, dw, db};
  }
}
