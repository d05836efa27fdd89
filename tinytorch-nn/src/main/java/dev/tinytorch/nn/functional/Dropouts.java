package dev.tinytorch.nn.functional;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/** Inverted dropout: the mask is made in one pass and applied with one differentiable multiply. */
final class Dropouts {
  private Dropouts() {}

  /** Training-mode dropout for 0 &lt; p &lt; 1 (the caller handles the identity and all-zero ends). */
  static Tensor apply(Tensor x, double p, Generator g) {
    int n = x.numel();
    double keep = 1 - p;
    // The kept values carry the 1/(1-p) factor, so the mask is the whole multiplier and the gradient is
    // grad * mask, exactly PyTorch's. Draws are doubles in either dtype, so a seed gives the same mask in both.
    if (x.dtype() == DType.FLOAT32) {
      float scale = (float) (1 / keep);
      float[] mask = new float[n];
      for (int i = 0; i < n; i++) {
        mask[i] = g.nextDouble() < keep ? scale : 0f;
      }
      return x.mul(Tensor.of(mask, x.shape()));
    }
    double scale = 1 / keep;
    double[] mask = new double[n];
    for (int i = 0; i < n; i++) {
      mask[i] = g.nextDouble() < keep ? scale : 0;
    }
    return x.mul(Tensor.of(mask, x.shape()));
  }
}
