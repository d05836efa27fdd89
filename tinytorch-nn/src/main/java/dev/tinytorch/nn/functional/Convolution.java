package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Conv;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.ConvKernels;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * 2-D convolution as im2col + one batched GEMM: the input is unfolded to columns [N, C*kh*kw, L]
 * and the weight, viewed as [O, C*kh*kw], multiplies every image's columns in one broadcast
 * {@code matmul}. That orientation writes [N, O, L], which is already NCHW once L is split into
 * (outH, outW), so the result needs no permute or copy; the other one ({@code cols^T @ W^T}) would
 * give [N, L, O] and a transposing copy of the whole output. Gradients come from unfold's and
 * matmul's backward rules (the weight's gradient is the per-image products summed over N).
 * FLOAT32 convolutions compute the same products image by image in one recorded node instead
 * ({@link FusedConv2d}, over {@code ConvKernels}), without the whole-batch intermediates.
 *
 * <p>Measured and not done (2026-12-03, issue 13, one thread): one GEMM over the whole batch
 * instead of one per image, with the columns laid out [C*kh*kw, N*L]. For the CNN benchmark's
 * second conv, [32, 144] @ [144, 12544] took the same time as the 64 products [32, 144] @ [144, 196]
 * (3.3 ms scalar, 1.9 ms Vector API), and the weight gradient as one product with depth N*L
 * saved about 10 % of it, less than the two permuting copies of the columns that layout needs
 * (1.5 ms for [64, 144, 196]). The per-image products are not what makes the conv slow; the GEMM
 * kernel's throughput at these sizes is.
 */
final class Convolution {
  private Convolution() {}

  static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
    checkNotNull(x, "conv2d: input is null");
    checkNotNull(weight, "conv2d: weight is null");
    checkArgument(stride >= 1, "conv2d: stride must be at least 1, got %s", stride);
    checkArgument(padding >= 0, "conv2d: padding must be 0 or more, got %s", padding);
    checkArgument(weight.dim() == 4, "conv2d: weight must be 4-D [out, in, kh, kw], got %s", str(weight));
    int out = weight.size(0);
    int kh = weight.size(2);
    int kw = weight.size(3);
    checkInput("conv2d", x, weight.size(1), kh, kw, padding,
        "the weight " + str(weight) + " is [out, in, kh, kw], so in = " + weight.size(1));
    if (bias != null) {
      checkArgument(bias.dim() == 1 && bias.size(0) == out,
          "conv2d: bias %s must be [%s], one per output channel of the weight %s", str(bias), out, str(weight));
    }
    Conv2dParams p = Conv2dParams.of(kh, kw).stride(stride).padding(padding);
    int n = x.size(0);
    int oh = p.outputH(x.size(2));
    int ow = p.outputW(x.size(3));
    if (ConvKernels.supports(x, weight, bias)) {
      FusedConv2d fn = new FusedConv2d(p);
      return bias == null ? fn.apply(x, weight) : fn.apply(x, weight, bias);
    }
    Tensor cols = Conv.unfold(x, p);                                   // [N, C*kh*kw, L]
    Tensor y = weight.reshape(out, -1).matmul(cols);                   // [N, O, L]
    if (bias != null) {
      y = y.add(bias.reshape(out, 1));
    }
    return y.reshape(n, out, oh, ow);
  }

  /** An NCHW input with {@code channels} channels that a {@code kh x kw} window fits once padded. */
  static void checkInput(String op, Tensor x, int channels, int kh, int kw, int padding, String context) {
    int[] s = x.shape();
    checkArgument(s.length == 4 && s[1] == channels,
        "%s: expects input [N, %s, H, W] (NCHW), got %s; %s", op, channels, Arrays.toString(s), context);
    checkArgument(s[2] + 2 * padding >= kh && s[3] + 2 * padding >= kw,
        "%s: input %s padded by %s is smaller than the %s x %s kernel; use a smaller kernel, more padding or a larger input",
        op, Arrays.toString(s), padding, kh, kw);
  }

  static String str(Tensor t) {
    return Arrays.toString(t.shape());
  }
}
