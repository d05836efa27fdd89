package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * A 2-D convolution over NCHW images with a square kernel, PyTorch's {@code nn.Conv2d}: input
 * [N, in, H, W], output [N, out, outH, outW] with {@code outH = (H + 2*padding - kernel) / stride + 1}.
 *
 * <p>The weight is [out, in, kernel, kernel] and the bias [out], PyTorch's layouts (no transpose when
 * loading PyTorch weights). Initialisation is PyTorch's default: weight and bias both from
 * U(-1/sqrt(fanIn), 1/sqrt(fanIn)), fanIn = in * kernel * kernel (kaiming-uniform with a = sqrt(5)).
 * Defaults as PyTorch: stride 1, padding 0, with a bias. It runs as im2col and one batched matrix
 * product ({@link F#conv2d}).
 *
 * <pre>{@code
 * Conv2d conv = new Conv2d(1, 32, 3, 1, 1);           // 3x3, stride 1, "same" padding
 * Tensor y = conv.forward(images);                     // [64, 1, 28, 28] -> [64, 32, 28, 28]
 * Tensor down = new Conv2d(32, 64, 3, 2, 1).forward(y); // -> [64, 64, 14, 14]
 * }</pre>
 */
public class Conv2d extends Module {
  private final int inChannels;
  private final int outChannels;
  private final int kernelSize;
  private final int stride;
  private final int padding;
  private final Tensor weight;
  private final Tensor bias;

  /** A {@code kernelSize x kernelSize} convolution, stride 1, no padding, with a bias. */
  public Conv2d(int inChannels, int outChannels, int kernelSize) {
    this(inChannels, outChannels, kernelSize, 1, 0, true, Init.defaultGenerator());
  }

  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
    this(inChannels, outChannels, kernelSize, stride, padding, true, Init.defaultGenerator());
  }

  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias) {
    this(inChannels, outChannels, kernelSize, stride, padding, bias, Init.defaultGenerator());
  }

  public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias,
      Generator generator) {
    checkArgument(inChannels > 0 && outChannels > 0,
        "Conv2d: in and out channels must be positive, got %s -> %s", inChannels, outChannels);
    checkArgument(kernelSize > 0, "Conv2d: kernel size must be positive, got %s", kernelSize);
    checkArgument(stride > 0, "Conv2d: stride must be positive, got %s; use 1 to visit every position", stride);
    checkArgument(padding >= 0, "Conv2d: padding must be 0 or more, got %s", padding);
    checkNotNull(generator, "Conv2d: generator is null");
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = kernelSize;
    this.stride = stride;
    this.padding = padding;
    double bound = 1 / Math.sqrt((double) inChannels * kernelSize * kernelSize);
    this.weight = parameter("weight",
        Init.uniform(Tensor.zeros(outChannels, inChannels, kernelSize, kernelSize), -bound, bound, generator));
    this.bias = bias ? parameter("bias", Init.uniform(Tensor.zeros(outChannels), -bound, bound, generator)) : null;
  }

  /** The weight [out, in, kernel, kernel]. */
  public Tensor weight() {
    return weight;
  }

  /** The bias [out], or null when built without one. */
  public Tensor bias() {
    return bias;
  }

  public int inChannels() {
    return inChannels;
  }

  public int outChannels() {
    return outChannels;
  }

  public int kernelSize() {
    return kernelSize;
  }

  public int stride() {
    return stride;
  }

  public int padding() {
    return padding;
  }

  /** The output height (or width) for an input {@code size} rows high (or wide). */
  public int outputSize(int size) {
    return (size + 2 * padding - kernelSize) / stride + 1;
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    SpatialChecks.image(describe(), input, inChannels, kernelSize, padding);
    return F.conv2d(input, weight, bias, stride, padding);
  }

  @Override
  protected String summary() {
    return "Conv2d " + inChannels + " -> " + outChannels + ", k" + kernelSize + " s" + stride + " p" + padding;
  }

  @Override
  protected String extraRepr() {
    return inChannels + ", " + outChannels + ", kernel_size=(" + kernelSize + ", " + kernelSize + "), stride=("
        + stride + ", " + stride + "), padding=(" + padding + ", " + padding + ")" + (bias == null ? ", bias=False" : "");
  }
}
