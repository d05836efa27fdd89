package dev.tinytorch.autograd.ops;

import static dev.tinytorch.autograd.ops.GradProperty.c;
import static dev.tinytorch.autograd.ops.GradProperty.x;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinytorch.autograd.ops.GradProperty.Spec;
import dev.tinytorch.tensor.Conv;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradient properties of unfold and fold (each the other's backward rule) and of conv2d written
 * as a matmul over unfolded columns. Small sizes: N, C in 1..2, H, W up to 5, kernels 1..3.
 * unfold and fold are linear, so their second-order checks go through a square, which makes the
 * gradient depend on the input and so differentiates the backward rules themselves.
 */
class ConvGradientTest {
  @TestFactory
  Stream<DynamicTest> im2col() {
    return GradProperty.tests(606,
        new Spec("unfold", g -> {
          Conv2dParams p = params(g);
          return c("unfold " + p, t -> Conv.unfold(t[0], p), x(g, image(g, p)));
        }).firstOrderOnly(),
        new Spec("unfold, squared", g -> {
          Conv2dParams p = params(g);
          return c("unfold(x).square() " + p, t -> Conv.unfold(t[0], p).square(), x(g, image(g, p)));
        }),
        new Spec("fold", g -> {
          Conv2dParams p = params(g);
          int[] im = image(g, p);
          return c("fold to " + im[2] + " x " + im[3] + " " + p, t -> Conv.fold(t[0], im[2], im[3], p),
              x(g, columns(im, p)));
        }).firstOrderOnly(),
        new Spec("fold, squared", g -> {
          Conv2dParams p = params(g);
          int[] im = image(g, p);
          return c("fold(x).square() to " + im[2] + " x " + im[3] + " " + p,
              t -> Conv.fold(t[0], im[2], im[3], p).square(), x(g, columns(im, p)));
        }),
        new Spec("conv2d via unfold and matmul", g -> {
          Conv2dParams p = params(g);
          int[] im = image(g, p);
          int out = Gen.intIn(g, 1, 2);
          int[] weight = {out, im[1], p.kernelH(), p.kernelW()};
          int[] y = {im[0], out, p.outputH(im[2]), p.outputW(im[3])};
          return c("conv2d " + out + " filters " + p,
              t -> t[1].reshape(out, -1).matmul(Conv.unfold(t[0], p)).reshape(y),
              x(g, im), x(g, weight));
        }));
  }

  @Test
  void unfoldGradientCountsTheWindowsReadingEachPixel() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 1, 1, 4, 4).requiresGrad(true);
    Tensor cols = Conv.unfold(x, Conv2dParams.of(3).padding(1));
    assertEquals("UnfoldBackward", cols.gradFn().name());
    cols.sum().backward();
    // Same numbers as fold of ones (tools/golden/im2col.py, fold G): corners 4, edges 6, inside 9.
    assertArrayEquals(new double[] {4, 6, 6, 4, 6, 9, 9, 6, 6, 9, 9, 6, 4, 6, 6, 4}, x.grad().toDoubleArray());
  }

  @Test
  void foldGradientPicksTheImageGradientPerColumnEntry() {
    Tensor cols = Tensor.zeros(DType.FLOAT64, 1, 4, 4).requiresGrad(true);
    Tensor image = Conv.fold(cols, 3, 3, Conv2dParams.of(2));
    assertEquals("FoldBackward", image.gradFn().name());
    image.backward(Tensor.arange(DType.FLOAT64, 1, 10, 1).reshape(1, 1, 3, 3));
    // unfold of 1..9 with a 2x2 kernel: each row is the image entries tap (i, j) reads.
    assertArrayEquals(new double[] {1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9}, cols.grad().toDoubleArray());
  }

  /** Kernel 1..3, stride 1..2, padding 0..1, dilation 1..2, each per axis. */
  private static Conv2dParams params(Generator g) {
    return Conv2dParams.of(Gen.intIn(g, 1, 3), Gen.intIn(g, 1, 3))
        .stride(Gen.intIn(g, 1, 2), Gen.intIn(g, 1, 2))
        .padding(Gen.intIn(g, 0, 1), Gen.intIn(g, 0, 1))
        .dilation(Gen.intIn(g, 1, 2), Gen.intIn(g, 1, 2));
  }

  /** An image shape [N, C, H, W] with N, C in 1..2 and H, W in 1..5 that the window fits. */
  private static int[] image(Generator g, Conv2dParams p) {
    return new int[] {Gen.intIn(g, 1, 2), Gen.intIn(g, 1, 2), fit(g, p.kernelH(), p.dilationH(), p.paddingH()),
        fit(g, p.kernelW(), p.dilationW(), p.paddingW())};
  }

  private static int fit(Generator g, int k, int d, int pad) {
    return Gen.intIn(g, Math.max(1, d * (k - 1) + 1 - 2 * pad), 5);
  }

  /** The columns [N, C*kh*kw, L] that unfold makes of an image of shape {@code im}. */
  private static int[] columns(int[] im, Conv2dParams p) {
    return new int[] {im[0], im[1] * p.kernelH() * p.kernelW(), p.outputH(im[2]) * p.outputW(im[3])};
  }
}
