package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;

/**
 * Max pooling over NCHW images, PyTorch's {@code nn.MaxPool2d(kernel, stride)}: the largest value of each
 * {@code kernel x kernel} window; the gradient goes to that element (the first one in a tie).
 *
 * <p>[N, C, H, W] -> [N, C, (H - kernel) / stride + 1, (W - kernel) / stride + 1]. Defaults as PyTorch:
 * stride = kernel (non-overlapping windows), no padding, floor mode. No parameters.
 *
 * <pre>{@code
 * Tensor y = new MaxPool2d(2).forward(x);       // [64, 32, 28, 28] -> [64, 32, 14, 14]
 * Tensor z = new MaxPool2d(3, 2).forward(x);    // overlapping 3x3 windows, stride 2 -> [64, 32, 13, 13]
 * }</pre>
 */
public class MaxPool2d extends Module {
  private final int kernel;
  private final int stride;

  /** Windows of {@code kernel x kernel}, stride {@code kernel}. */
  public MaxPool2d(int kernel) {
    this(kernel, kernel);
  }

  public MaxPool2d(int kernel, int stride) {
    checkArgument(kernel > 0, "MaxPool2d: kernel must be positive, got %s", kernel);
    checkArgument(stride > 0, "MaxPool2d: stride must be positive, got %s", stride);
    this.kernel = kernel;
    this.stride = stride;
  }

  public int kernel() {
    return kernel;
  }

  public int stride() {
    return stride;
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    SpatialChecks.image(describe(), input, -1, kernel, 0);
    return F.maxPool2d(input, kernel, stride);
  }

  /**
   * {@code forward(relu(input))} for {@link Sequential}, in one pass ({@link F#reluMaxPool2d}): the
   * same values, gradients and refusals (the ReLU's null check, then this layer's).
   */
  Tensor forwardAfterRelu(ReLU relu, Tensor input) {
    if (input == null) {
      throw new NullPointerException(relu.describe() + ": input is null");
    }
    SpatialChecks.image(describe(), input, -1, kernel, 0);
    return F.reluMaxPool2d(input, kernel, kernel, stride, stride);
  }

  @Override
  protected String summary() {
    return "MaxPool2d k" + kernel + " s" + stride;
  }

  @Override
  protected String extraRepr() {
    return "kernel_size=" + kernel + ", stride=" + stride + ", padding=0, dilation=1, ceil_mode=False";
  }
}
