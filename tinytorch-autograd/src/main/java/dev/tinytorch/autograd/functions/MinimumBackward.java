package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d min(a, b) = gradOutput where {@code a < b} to a, where {@code b < a} to b, split in half on ties (as PyTorch).
 */
public final class MinimumBackward extends Function {
  public MinimumBackward(Tensor a, Tensor b) {
    saveForBackward(a, b);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] s = savedTensors();
    Tensor a = s[0];
    Tensor b = s[1];
    Tensor tie = a.eq(b).mul(0.5);
    return new Tensor[] {
      needsInputGrad(0) ? gradOutput.mul(a.lt(b).add(tie)) : null,
      needsInputGrad(1) ? gradOutput.mul(b.lt(a).add(tie)) : null
    };
  }
}
