package dev.tinytorch.tensor;

/**
 * The im2col building blocks of convolution, {@code torch.nn.functional.unfold} and {@code fold}
 * for NCHW tensors of either dtype. Both are differentiable (each is the other's gradient) when
 * tinytorch-autograd is on the classpath.
 *
 * <p>A 2-D convolution is one matrix product over the unfolded input:
 *
 * <pre>{@code
 * Conv2dParams p = Conv2dParams.of(3, 3).padding(1);
 * Tensor cols = Conv.unfold(x, p);                                  // [N, C*3*3, outH*outW]
 * Tensor y = weight.reshape(outChannels, -1).matmul(cols)           // [N, O, outH*outW]
 *     .reshape(n, outChannels, p.outputH(h), p.outputW(w));         // torch's conv2d(x, weight, padding=1)
 * }</pre>
 */
public final class Conv {
  private Conv() {}

  /**
   * Sliding windows of {@code input} [N, C, H, W] as columns [N, C*kh*kw, L], where
   * {@code L = outputH(H) * outputW(W)} and row {@code c*kh*kw + i*kw + j} holds kernel tap (i, j)
   * of channel c, as PyTorch lays them out; padding reads as zero.
   */
  public static Tensor unfold(Tensor input, Conv2dParams params) {
    return Dispatch.OPS.unfold(input, params);
  }

  /**
   * The adjoint of {@link #unfold}: columns [N, C*kh*kw, L] summed back into an image
   * [N, C, outputH, outputW], adding values where windows overlap and dropping those that fall in
   * the padding. {@code L} must equal the number of window positions over that image.
   */
  public static Tensor fold(Tensor input, int outputH, int outputW, Conv2dParams params) {
    return Dispatch.OPS.fold(input, outputH, outputW, params);
  }
}
