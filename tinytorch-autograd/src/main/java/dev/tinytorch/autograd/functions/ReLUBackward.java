package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.GradKernels;
import dev.tinytorch.tensor.Tensor;

/**
 * d relu(x) = gradOutput * [x > 0] dx; relu'(0) = 0 as PyTorch.
 */
public final class ReLUBackward extends Function {
  // Comparisons never record (they have no gradient), so the mask needs no detach(), and a shared
  // zero spares the 0-d tensor gt(0.0) would build on every pass. Never written to.
  private static final Tensor ZERO_F32 = Tensor.scalar(0.0, DType.FLOAT32);
  private static final Tensor ZERO_F64 = Tensor.scalar(0.0, DType.FLOAT64);

  public ReLUBackward(Tensor x) {
    saveForBackward(x);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor x = savedTensors()[0];
    if (!GradMode.isEnabled()) { // nothing to record: one fused pass, the same values
      return new Tensor[] {GradKernels.reluBackward(gradOutput, x)};
    }
    return new Tensor[] {gradOutput.mul(x.gt(x.dtype() == DType.FLOAT32 ? ZERO_F32 : ZERO_F64))};
  }
}
