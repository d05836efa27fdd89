package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Conv;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Max and average pooling of NCHW inputs without padding (PyTorch's defaults: padding 0, floor
 * mode), windows of {@code kh x kw} moving {@code sh} rows and {@code sw} columns.
 *
 * <p>Composed form: each (image, channel) plane is unfolded into its windows [N*C, kh*kw, L] and
 * reduced over the window with max or mean; max's gradient goes to the first maximal element of each
 * window in row-major order, PyTorch's choice.
 */
final class Pooling {
  private Pooling() {}

  static Tensor maxPool2d(Tensor x, int kh, int kw, int sh, int sw) {
    check("maxPool2d", x, kh, kw, sh, sw);
    return windows(x, kh, kw, sh, sw).max(1, false).reshape(outShape(x, kh, kw, sh, sw));
  }

  static Tensor avgPool2d(Tensor x, int kh, int kw, int sh, int sw) {
    check("avgPool2d", x, kh, kw, sh, sw);
    return windows(x, kh, kw, sh, sw).mean(1, false).reshape(outShape(x, kh, kw, sh, sw));
  }

  private static Tensor windows(Tensor x, int kh, int kw, int sh, int sw) {
    int[] s = x.shape();
    Tensor planes = x.reshape(s[0] * s[1], 1, s[2], s[3]);
    return Conv.unfold(planes, Conv2dParams.of(kh, kw).stride(sh, sw));
  }

  private static int[] outShape(Tensor x, int kh, int kw, int sh, int sw) {
    int[] s = x.shape();
    return new int[] {s[0], s[1], (s[2] - kh) / sh + 1, (s[3] - kw) / sw + 1};
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
