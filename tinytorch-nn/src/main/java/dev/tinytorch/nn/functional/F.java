package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.GeluApproximation;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Every layer as a function, PyTorch's {@code torch.nn.functional}: what a layer's {@code forward}
 * calls, for users who hold their own weights.
 *
 * <pre>{@code
 * Tensor h = F.relu(F.linear(x, w1, b1));            // w1 is [in, out]
 * Tensor loss = F.crossEntropy(F.linear(h, w2, b2), labels);
 * loss.backward();
 * }</pre>
 *
 * <p>Each function is composed from differentiable tensor ops (or one fused op where that is stable
 * or fast), so gradients, second-order ones included, come from the ops' backward rules.
 */
public final class F {
  private F() {}

  // ---------------------------------------------------------------- linear and activations

  /**
   * {@code x @ weight + bias} with weight [in, out] (TinyTorch's and DL4J's layout; PyTorch's is [out, in])
   * over any leading dims of x; bias [out] or null.
   */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    checkNotNull(x, "linear: input is null");
    checkNotNull(weight, "linear: weight is null");
    checkArgument(weight.dim() == 2, "linear: weight must be 2-D [in, out], got %s", Arrays.toString(weight.shape()));
    checkArgument(x.dim() >= 1 && x.size(-1) == weight.size(0),
        "linear: input %s does not end in the weight's in-features %s (weight %s is [in, out]); "
            + "reshape the input to [..., %s]", Arrays.toString(x.shape()), weight.size(0),
        Arrays.toString(weight.shape()), weight.size(0));
    Tensor y = x.matmul(weight);
    if (bias == null) {
      return y;
    }
    checkArgument(bias.dim() == 1 && bias.size(0) == weight.size(1),
        "linear: bias %s must be [%s], the weight's out-features", Arrays.toString(bias.shape()), weight.size(1));
    return y.add(bias);
  }

  public static Tensor relu(Tensor x) {
    return checkNotNull(x, "relu: input is null").relu();
  }

  /** {@code x} where positive, {@code slope * x} elsewhere; the gradient at 0 is {@code slope}, as PyTorch's. */
  public static Tensor leakyRelu(Tensor x, double slope) {
    checkNotNull(x, "leakyRelu: input is null");
    // The factor is a constant of x's sign, so the gradient is exactly 1 or slope.
    Tensor factor = x.gt(0).mul(1 - slope).add(slope);
    return x.mul(factor.to(x.dtype()));
  }

  public static Tensor sigmoid(Tensor x) {
    return checkNotNull(x, "sigmoid: input is null").sigmoid();
  }

  public static Tensor tanh(Tensor x) {
    return checkNotNull(x, "tanh: input is null").tanh();
  }

  /** The exact GELU, {@code x * Phi(x)} with the erf form, PyTorch's default. */
  public static Tensor gelu(Tensor x) {
    return checkNotNull(x, "gelu: input is null").gelu();
  }

  /** GELU in the exact (NONE) or tanh form. */
  public static Tensor gelu(Tensor x, GeluApproximation approximation) {
    return checkNotNull(x, "gelu: input is null").gelu(approximation);
  }

  public static Tensor softmax(Tensor x, int dim) {
    return checkNotNull(x, "softmax: input is null").softmax(dim);
  }

  /** {@code log(softmax(x))} computed stably in one op. */
  public static Tensor logSoftmax(Tensor x, int dim) {
    return checkNotNull(x, "logSoftmax: input is null").logSoftmax(dim);
  }

  // ---------------------------------------------------------------- dropout, normalisation, embedding (Normalization)

  // ---------------------------------------------------------------- convolution, pooling, attention (Spatial, Attention)

  /**
   * 2-D convolution of NCHW {@code x} [N, C, H, W] with {@code weight} [out, C, kh, kw] (PyTorch's
   * layout), zero {@code padding} on every side and the same {@code stride} both ways; {@code bias}
   * [out] or null. Output [N, out, (H + 2p - kh) / s + 1, (W + 2p - kw) / s + 1], as
   * {@code torch.nn.functional.conv2d(x, weight, bias, stride, padding)}. Runs as im2col
   * ({@code Conv.unfold}) and one batched matrix product.
   */
  public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
    return Convolution.conv2d(x, weight, bias, stride, padding);
  }

  /** {@link #conv2d(Tensor, Tensor, Tensor, int, int)} with stride 1 and no padding. */
  public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
    return Convolution.conv2d(x, weight, bias, 1, 0);
  }

  // ---------------------------------------------------------------- losses (LossFunctions)
}
