package dev.tinytorch.nn.functional;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.tensor.Tensor;

/**
 * Binary cross-entropy per element, {@code -(t log p + (1 - t) log(1 - p))} with each log clamped at
 * -100, for the SUM and NONE reductions (MEAN uses the fused {@code Losses.binaryCrossEntropy}).
 *
 * <p>A rule of its own rather than a composition of log and clamp, because the composed derivative
 * is not PyTorch's where it matters in practice: a saturated sigmoid gives p exactly 0 or 1 (in
 * FLOAT32 already for |logit| above about 17), where the clamps cut the gradient to 0 or leave -t/p,
 * while PyTorch's BCE backward, {@code (p - t) / max(p (1 - p), 1e-12)}, pushes hard (1e12) towards
 * the target. This rule uses PyTorch's formula, so every reduction has the gradient of the fused
 * MEAN kernel's rule (scaled). The backward is written with tensor ops, so it differentiates again.
 */
final class BinaryCrossEntropyPointwise extends Function {
  /** PyTorch's floor is the float 1e-12f (also for float64), whose double value is 9.999999960041972e-13. */
  private static final double EPS = 1e-12f;

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor p = in[0];
    Tensor t = in[1];
    saveForBackward(p, t);
    // The order of PyTorch's kernel: (t - 1) * max(log(1 - p), -100) - t * max(log p, -100).
    return t.sub(1.0).mul(logClamped(p.rsub(1.0))).sub(t.mul(logClamped(p)));
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor[] s = savedTensors();
    Tensor p = s[0];
    Tensor t = s[1];
    Tensor gradP = null;
    Tensor gradT = null;
    if (needsInputGrad(0)) {
      gradP = p.sub(t).div(p.mul(p.rsub(1.0)).clampMin(EPS)).mul(gradOutput);
    }
    if (needsInputGrad(1)) {
      // The clamped logs of the forward, so p = 0 or 1 gives a finite target gradient (PyTorch's is +-inf there).
      gradT = logClamped(p.rsub(1.0)).sub(logClamped(p)).mul(gradOutput);
    }
    return new Tensor[] {gradP, gradT};
  }

  /**
   * {@code max(log x, -100)}. Flooring x at the smallest float first changes no value (its log is
   * -103) but keeps the log's derivative finite at x = 0, so a second derivative there is 0, not NaN.
   */
  private static Tensor logClamped(Tensor x) {
    return x.clampMin(Float.MIN_VALUE).log().clampMin(-100);
  }
}
