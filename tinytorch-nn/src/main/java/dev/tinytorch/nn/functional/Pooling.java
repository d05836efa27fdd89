package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.autograd.functions.ReluMaxPool2dFunction;
import dev.tinytorch.tensor.ReluMaxPool;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Max and average pooling of NCHW inputs without padding (PyTorch's defaults: padding 0, floor
 * mode), windows of {@code kh x kw} moving {@code sh} rows and {@code sw} columns.
 *
 * <p>Both run the fused tensor ops ({@code Tensor.maxPool2d} / {@code avgPool2d}), one pass per plane
 * with their own backward rules; max's gradient goes to the first maximal element of each window in
 * row-major order, PyTorch's choice. The composed form (unfold the planes into windows and reduce with
 * max or mean) is several times slower and stays in PoolingTest as the oracle.
 */
final class Pooling {
  private Pooling() {}

  static Tensor maxPool2d(Tensor x, int kh, int kw, int sh, int sw) {
    check("maxPool2d", x, kh, kw, sh, sw);
    return x.maxPool2d(kh, kw, sh, sw);
  }

  /**
   * {@code maxPool2d(relu(x))}: for FLOAT32 one pass and, when a gradient is recorded, one node
   * ({@link ReluMaxPool2dFunction}) with the composition's values and gradients; other dtypes run
   * the composition. The relu's null check, then maxPool2d's checks.
   */
  static Tensor reluMaxPool2d(Tensor x, int kh, int kw, int sh, int sw) {
    checkNotNull(x, "relu: input is null");
    check("maxPool2d", x, kh, kw, sh, sw);
    if (!ReluMaxPool.supports(x)) {
      return x.relu().maxPool2d(kh, kw, sh, sw);
    }
    if (GradMode.isEnabled() && x.requiresGrad()) {
      return new ReluMaxPool2dFunction(kh, kw, sh, sw).apply(x);
    }
    return ReluMaxPool.forward(x, kh, kw, sh, sw, false).values();
  }

  static Tensor avgPool2d(Tensor x, int kh, int kw, int sh, int sw) {
    check("avgPool2d", x, kh, kw, sh, sw);
    return x.avgPool2d(kh, kw, sh, sw);
  }

  private static void check(String op, Tensor x, int kh, int kw, int sh, int sw) {
    checkNotNull(x, "%s: input is null", op);
    checkArgument(kh >= 1 && kw >= 1, "%s: kernel must be positive, got %s x %s", op, kh, kw);
    checkArgument(sh >= 1 && sw >= 1, "%s: stride must be positive, got %s x %s", op, sh, sw);
    int[] s = x.shape();
    checkArgument(s.length == 4, "%s: expects input [N, C, H, W] (NCHW), got %s%s", op, Arrays.toString(s),
        s.length == 3 ? "; a single image needs the batch dim: x.unsqueeze(0)" : "");
    checkArgument(s[2] >= kh && s[3] >= kw,
        "%s: input %s is %s x %s, smaller than the %s x %s window; use a smaller kernel or a larger input",
        op, Arrays.toString(s), s[2], s[3], kh, kw);
  }
}
