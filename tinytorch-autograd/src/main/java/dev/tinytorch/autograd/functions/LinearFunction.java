package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * {@code x @ weight + bias} for a 2-D x as one node of the graph, PyTorch's addmm: what {@code
 * F.linear} (tinytorch-nn) records when a gradient is wanted; {@code new LinearFunction().apply(x,
 * weight, bias)}.
 *
 * <p>As two ops (matmul, then the broadcast add) a layer made a second [batch, out] tensor, an
 * AddBackward node, and in the backward pass the engine's sum of the bias gradient down to [out]
 * through a reshape. Here the bias goes into the product's fresh result in place (the same sums
 * as the broadcast add) and the backward computes the three gradients directly. Each is computed
 * by the same tensor op as before (the matmul rule's two products, the sum over the batch dim),
 * so the gradients are the same values, and recordable for a second derivative.
 *
 * <p>It lives with the built-in rules because the backward pass trusts only those to return fresh
 * tensors: in tinytorch-nn, as a user's Function, each of its gradients was cloned (digits step
 * 263 KB allocated per step before, 305 KB with the rule there; the MLP step 718 KB and 1103 KB).
 */
public final class LinearFunction extends Function {
  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    Tensor weight = in[1];
    saveForBackward(x, weight);
    return x.matmul(weight).addInPlace(in[2]);
  }

  @Override
  public Tensor[] backward(Tensor g) {
    Tensor[] s = savedTensors();
    Tensor gradX = needsInputGrad(0) ? g.matmul(s[1].t()) : null;
    Tensor gradW = needsInputGrad(1) ? s[0].t().matmul(g) : null;
    Tensor gradB = needsInputGrad(2) ? g.sum(0) : null;
    return new Tensor[] {gradX, gradW, gradB};
  }
}
