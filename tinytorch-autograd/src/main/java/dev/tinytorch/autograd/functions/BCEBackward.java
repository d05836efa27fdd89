package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * d BCE(p, t) = gradOutput * (p - t) / max(p (1 - p), 1e-12) / N dp + gradOutput * (log(1-p) - log p) / N dt.
 * 
 * <p>The 1e-12 floor mirrors PyTorch's BCELoss backward, which keeps the gradient finite at p = 0 or 1
 * where the forward's logs are clamped at -100. PyTorch's constant is the float 1e-12f, also for
 * float64 inputs, so the floor is its double value 9.999999960041972e-13: at p = 0, t = 1 the
 * gradient is -1.000000004e12 / N in PyTorch, and so here (tools/golden/losses.py checks it).
 */
public final class BCEBackward extends Function {
  private static final double EPS = 1e-12f;

  public BCEBackward(Tensor prediction, Tensor target) {
    saveForBackward(prediction, target);
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] s = savedTensors();
    Tensor p = s[0];
    Tensor t = s[1];
    Tensor scale = gradOutput.div((double) p.numel());
    Tensor gradP = null;
    Tensor gradT = null;
    if (needsInputGrad(0)) {
      gradP = p.sub(t).div(p.mul(p.rsub(1.0)).clampMin(EPS)).mul(scale);
    }
    if (needsInputGrad(1)) {
      // Flooring at the smallest float changes no value (its log is -103, clamped to -100) but keeps the
      // log's derivative finite at p = 0 or 1, so the second derivative there is 0 rather than 0/0 = NaN.
      gradT = logClamped(p.rsub(1.0)).sub(logClamped(p)).mul(scale);
    }
    return new Tensor[] {gradP, gradT};
  }

  private static Tensor logClamped(Tensor x) {
    return x.clampMin(Float.MIN_VALUE).log().clampMin(-100);
  }
}
