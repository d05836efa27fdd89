package dev.tinytorch.autograd.functions;

import dev.tinytorch.tensor.KernelOps;
import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d mean(-logSoftmax(z)[i, t_i]) = gradOutput * (softmax(z) - onehot(t)) / N dz; class indices get none.
 */
public final class CrossEntropyBackward extends Function {
  public CrossEntropyBackward(Tensor logits, Tensor target) {
    saveForBackward(logits, target);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] s = savedTensors();
    Tensor logits = s[0];
    int n = logits.shape()[0];
    Tensor oneHot = KernelOps.INSTANCE.oneHot(s[1], logits.shape()[1], logits.dtype());
    Tensor grad = logits.softmax(1).sub(oneHot).mul(gradOutput.div((double) n));
    return new Tensor[] {grad, null};
  }
}
