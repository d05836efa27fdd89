package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.OptimizerKernels;
import dev.tinytorch.tensor.Tensor;
import java.util.List;

/**
 * Gradient clipping, torch.nn.utils' {@code clip_grad_norm_} and {@code clip_grad_value_}, in place
 * on the parameters' gradients; parameters without a gradient are skipped.
 *
 * <pre>{@code
 * loss.backward();
 * double norm = ClipGrad.clipGradNorm(model.parameters(), 1.0);
 * opt.step();
 * }</pre>
 */
public final class ClipGrad {
  private ClipGrad() {}

  /**
   * Scales all gradients together by {@code maxNorm / (norm + 1e-6)} when that is below 1, where
   * {@code norm} is the 2-norm of all gradients as one vector; returns that norm (before clipping).
   */
  public static double clipGradNorm(List<Tensor> params, double maxNorm) {
    checkNotNull(params, "clipGradNorm: params is null");
    checkArgument(maxNorm >= 0 && !Double.isNaN(maxNorm), "clipGradNorm: maxNorm %s must be >= 0", maxNorm);
    double sum = 0;
    for (Tensor p : params) {
      Tensor g = checkNotNull(p, "params contains null").grad();
      if (g != null) {
        sum += OptimizerKernels.sumOfSquares(g);
      }
    }
    double norm = Math.sqrt(sum);
    double coef = maxNorm / (norm + 1e-6);
    if (coef < 1) {
      try (var off = GradMode.off()) {
        for (Tensor p : params) {
          if (p.grad() != null) {
            p.grad().mulInPlace(coef);
          }
        }
      }
    }
    return norm;
  }

  /** Clamps every gradient element into {@code [-clip, clip]}. */
  public static void clipGradValue(List<Tensor> params, double clip) {
    checkNotNull(params, "clipGradValue: params is null");
    checkArgument(clip >= 0 && !Double.isNaN(clip), "clipGradValue: clip %s must be >= 0", clip);
    try (var off = GradMode.off()) {
      for (Tensor p : params) {
        Tensor g = checkNotNull(p, "params contains null").grad();
        if (g != null) {
          if (!g.isContiguous()) {
            g = g.contiguous();
            p.setGrad(g);
          }
          OptimizerKernels.clampInPlace(g, -clip, clip);
        }
      }
    }
  }
}
