package dev.tinytorch.tensor;

/**
 * The geometry of a 2-D sliding window: kernel size, stride, zero padding and dilation, each
 * given for height and width, as in {@code torch.nn.functional.unfold(kernel_size, dilation,
 * padding, stride)}. An immutable value; each setter returns a copy.
 *
 * <pre>{@code
 * Conv2dParams p = Conv2dParams.of(3, 3).stride(2).padding(1);   // 3x3, stride 2, "same"-style pad
 * Tensor cols = Conv.unfold(x, p);                                // [N, C*9, L]
 * }</pre>
 *
 * <p>Defaults, as in PyTorch: stride 1, padding 0, dilation 1.
 */
public final class Conv2dParams {
  private final int kernelH;
  private final int kernelW;
  private final int strideH;
  private final int strideW;
  private final int paddingH;
  private final int paddingW;
  private final int dilationH;
  private final int dilationW;

  private Conv2dParams(int kh, int kw, int sh, int sw, int ph, int pw, int dh, int dw) {
    this.kernelH = kh;
    this.kernelW = kw;
    this.strideH = sh;
    this.strideW = sw;
    this.paddingH = ph;
    this.paddingW = pw;
    this.dilationH = dh;
    this.dilationW = dw;
  }

  /** A square {@code size x size} kernel, stride 1, no padding, no dilation. */
  public static Conv2dParams of(int size) {
    return of(size, size);
  }

  /** A {@code kernelH x kernelW} kernel, stride 1, no padding, no dilation. */
  public static Conv2dParams of(int kernelH, int kernelW) {
    if (kernelH < 1 || kernelW < 1) {
      throw new IllegalArgumentException(
          "Conv2dParams.of: kernel size must be positive, got " + pair(kernelH, kernelW)
              + "; use a kernel of at least 1 x 1");
    }
    return new Conv2dParams(kernelH, kernelW, 1, 1, 0, 0, 1, 1);
  }

  /** The same window with stride {@code s} in both directions. */
  public Conv2dParams stride(int s) {
    return stride(s, s);
  }

  /** The same window moving {@code strideH} rows and {@code strideW} columns per step. */
  public Conv2dParams stride(int strideH, int strideW) {
    if (strideH < 1 || strideW < 1) {
      throw new IllegalArgumentException(
          "Conv2dParams.stride: stride must be positive, got " + pair(strideH, strideW)
              + "; use 1 to visit every position");
    }
    return new Conv2dParams(kernelH, kernelW, strideH, strideW, paddingH, paddingW, dilationH, dilationW);
  }

  /** The same window over an input padded with {@code p} zeros on every side. */
  public Conv2dParams padding(int p) {
    return padding(p, p);
  }

  /** {@code paddingH} zero rows above and below, {@code paddingW} zero columns left and right. */
  public Conv2dParams padding(int paddingH, int paddingW) {
    if (paddingH < 0 || paddingW < 0) {
      throw new IllegalArgumentException(
          "Conv2dParams.padding: padding must be zero or positive, got " + pair(paddingH, paddingW)
              + "; use 0 for no padding (cropping is narrow(...) on the input)");
    }
    return new Conv2dParams(kernelH, kernelW, strideH, strideW, paddingH, paddingW, dilationH, dilationW);
  }

  /** The same window with its taps {@code d} apart in both directions. */
  public Conv2dParams dilation(int d) {
    return dilation(d, d);
  }

  /** Kernel taps {@code dilationH} rows and {@code dilationW} columns apart (1 = adjacent). */
  public Conv2dParams dilation(int dilationH, int dilationW) {
    if (dilationH < 1 || dilationW < 1) {
      throw new IllegalArgumentException(
          "Conv2dParams.dilation: dilation must be positive, got " + pair(dilationH, dilationW)
              + "; use 1 for an ordinary (undilated) kernel");
    }
    return new Conv2dParams(kernelH, kernelW, strideH, strideW, paddingH, paddingW, dilationH, dilationW);
  }

  public int kernelH() {
    return kernelH;
  }

  public int kernelW() {
    return kernelW;
  }

  public int strideH() {
    return strideH;
  }

  public int strideW() {
    return strideW;
  }

  public int paddingH() {
    return paddingH;
  }

  public int paddingW() {
    return paddingW;
  }

  public int dilationH() {
    return dilationH;
  }

  public int dilationW() {
    return dilationW;
  }

  /**
   * Window positions along the height of an input {@code inputH} rows high:
   * {@code floor((inputH + 2*paddingH - dilationH*(kernelH-1) - 1) / strideH) + 1}; below 1 when the
   * window does not fit.
   */
  public int outputH(int inputH) {
    return positions(inputH, kernelH, strideH, paddingH, dilationH);
  }

  /** Window positions along the width; see {@link #outputH}. */
  public int outputW(int inputW) {
    return positions(inputW, kernelW, strideW, paddingW, dilationW);
  }

  private static int positions(int size, int k, int s, int p, int d) {
    long span = (long) d * (k - 1) + 1;
    long n = Math.floorDiv(size + 2L * p - span, (long) s) + 1;
    // Clamped so absurd paddings or dilations still give a number the callers can reject.
    return (int) Math.max(Math.min(n, Integer.MAX_VALUE), Integer.MIN_VALUE);
  }

  /** Height of the region one window covers, {@code dilationH * (kernelH - 1) + 1}. */
  long spanH() {
    return (long) dilationH * (kernelH - 1) + 1;
  }

  long spanW() {
    return (long) dilationW * (kernelW - 1) + 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conv2dParams p
        && kernelH == p.kernelH && kernelW == p.kernelW
        && strideH == p.strideH && strideW == p.strideW
        && paddingH == p.paddingH && paddingW == p.paddingW
        && dilationH == p.dilationH && dilationW == p.dilationW;
  }

  @Override
  public int hashCode() {
    int h = kernelH;
    for (int v : new int[] {kernelW, strideH, strideW, paddingH, paddingW, dilationH, dilationW}) {
      h = 31 * h + v;
    }
    return h;
  }

  /** {@code kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), dilation=(1, 1)}, PyTorch's argument names. */
  @Override
  public String toString() {
    return "kernel_size=" + pair(kernelH, kernelW) + ", stride=" + pair(strideH, strideW)
        + ", padding=" + pair(paddingH, paddingW) + ", dilation=" + pair(dilationH, dilationW);
  }

  private static String pair(int h, int w) {
    return "(" + h + ", " + w + ")";
  }
}
