package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.testing.GradProperties;
import dev.tinytorch.tensor.Conv;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Property;
import org.junit.jupiter.api.Test;

/** MaxPool2d, AvgPool2d and their F forms: gradient properties over random windows, shapes and bad input. */
class PoolingTest {
  /** A drawn geometry: input shape [N, C, H, W], kernel kh x kw, stride sh x sw. */
  private record Window(int[] shape, int kh, int kw, int sh, int sw) {
    /** N, C 1..2, kernel 1..3 per axis, stride 1..3 per axis, H and W from the kernel up to 6. */
    static Window draw(Generator g) {
      int kh = Gen.intIn(g, 1, 3);
      int kw = Gen.intIn(g, 1, 3);
      int[] shape = {Gen.intIn(g, 1, 2), Gen.intIn(g, 1, 2), Gen.intIn(g, kh, 6), Gen.intIn(g, kw, 6)};
      return new Window(shape, kh, kw, Gen.intIn(g, 1, 3), Gen.intIn(g, 1, 3));
    }

    Tensor fused(Tensor x, boolean max) {
      return max ? F.maxPool2d(x, kh, kw, sh, sw) : F.avgPool2d(x, kh, kw, sh, sw);
    }

    /** The composed form the fused ops replace: unfold each plane into windows, reduce with max or mean. */
    Tensor composed(Tensor x, boolean max) {
      Tensor windows = Conv.unfold(x.reshape(shape[0] * shape[1], 1, shape[2], shape[3]),
          Conv2dParams.of(kh, kw).stride(sh, sw));
      Tensor r = max ? windows.max(1, false) : windows.mean(1, false);
      return r.reshape(shape[0], shape[1], (shape[2] - kh) / sh + 1, (shape[3] - kw) / sw + 1);
    }

    @Override
    public String toString() {
      return java.util.Arrays.toString(shape) + " kernel " + kh + "x" + kw + " stride " + sh + "x" + sw;
    }
  }

  private static GradProperties.Case pool(Generator g, boolean max) {
    Window w = Window.draw(g);
    // Distinct values, so each window's maximum is unique and central differences do not cross a tie.
    Tensor x = Gen.distinct(g, DType.FLOAT64, w.shape(), -2, 2).requiresGrad(true);
    return GradProperties.of((max ? "maxPool2d " : "avgPool2d ") + w, t -> w.fused(t[0], max), x);
  }

  @Test
  void maxPoolGradient() {
    GradProperties.check("maxPool2d", 100, 3030, g -> pool(g, true));
  }

  @Test
  void avgPoolGradient() {
    GradProperties.check("avgPool2d", 100, 3031, g -> pool(g, false));
  }

  @Test
  void avgPoolSecondOrderThroughASquare() {
    GradProperties.checkSecondOrder("avgPool2d squared", 10, 3032, g -> {
      GradProperties.Case c = pool(g, false);
      return GradProperties.of(c.what() + " squared", t -> c.f().apply(t).square(), c.inputs().get(0));
    });
  }

  /** One comparison of the fused op against the composed form. */
  private record Versus(Window w, boolean max, Tensor x) {}

  @Test
  void fusedPoolsMatchTheComposedFormInValuesAndGradients() {
    Property.check("pooling fused vs composed", 100, 3033, g -> {
      Window w = Window.draw(g);
      int n = w.shape()[0] * w.shape()[1] * w.shape()[2] * w.shape()[3];
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        // A coarse grid, so windows hold ties and both forms must pick the same first maximum.
        v[i] = Gen.intIn(g, -3, 3) / 2.0;
      }
      return new Versus(w, Gen.bool(g), Tensor.of(v, w.shape()));
    }, c -> {
      Tensor a = c.x().detach().requiresGrad(true);
      Tensor b = c.x().detach().requiresGrad(true);
      Tensor ya = c.w().fused(a, c.max());
      Tensor yb = c.w().composed(b, c.max());
      assertTrue(ya.allClose(yb, 1e-14, 1e-14), c.toString());
      Tensor weights = Tensor.randn(new Generator(1), DType.FLOAT64, ya.shape());
      ya.mul(weights).sum().backward();
      yb.mul(weights).sum().backward();
      assertTrue(a.grad().allClose(b.grad(), 1e-14, 1e-14), c.toString());
    });
  }

  @Test
  void maxPoolTieSendsTheGradientToTheFirstMaximumAsPyTorch() {
    Tensor x = Tensor.of(new double[] {1, 3, 3, 0, 2, 3, 1, 3, 2}, 1, 1, 3, 3).requiresGrad(true);
    F.maxPool2d(x, 2, 1).sum().backward();
    // PyTorch 1.13's F.max_pool2d(x, 2, 1).sum().backward() gives this x.grad (float32 and float64):
    // the windows at (0, 1) and (1, 1) hold ties, and each picks its first 3 in row-major order.
    assertArrayEquals(new double[] {0, 2, 0, 0, 0, 1, 0, 1, 0}, x.grad().toDoubleArray());
  }

  @Test
  void layersShapesDefaultsAndPrinting() {
    Tensor x = Tensor.zeros(2, 3, 28, 28);
    assertArrayEquals(new int[] {2, 3, 14, 14}, new MaxPool2d(2).forward(x).shape());
    assertArrayEquals(new int[] {2, 3, 13, 13}, new MaxPool2d(3, 2).forward(x).shape());
    assertArrayEquals(new int[] {2, 3, 9, 9}, new AvgPool2d(3).forward(x).shape());
    assertArrayEquals(new int[] {2, 3, 26, 26}, new AvgPool2d(3, 1).forward(x).shape());
    assertEquals(2, new MaxPool2d(2).stride());
    assertEquals(0, new MaxPool2d(2).parameterCount());
    assertEquals("MaxPool2d(kernel_size=2, stride=2, padding=0, dilation=1, ceil_mode=False)", new MaxPool2d(2).toString());
    assertEquals("AvgPool2d(kernel_size=3, stride=1, padding=0)", new AvgPool2d(3, 1).toString());
    Tensor f32 = new AvgPool2d(2).forward(Tensor.ones(1, 1, 4, 4));
    assertEquals(DType.FLOAT32, f32.dtype());
    assertEquals(1.0, f32.max().item());
  }

  private static final class Net extends Module {
    final MaxPool2d pool1 = module("pool1", new MaxPool2d(2));

    @Override
    public Tensor forward(Tensor x) {
      return pool1.forward(x);
    }
  }

  @Test
  void badInputNamesTheLayerTheShapesAndTheFix() {
    Net net = new Net();
    var small = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(4, 8, 1, 1)));
    assertEquals("pool1 (MaxPool2d k2 s2): input [4, 8, 1, 1] is 1 x 1, smaller than the 2 x 2 kernel; use a smaller "
        + "kernel, more padding, or a larger input (fewer downsampling layers before this one)", small.getMessage());
    var rank = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(8, 28, 28)));
    assertTrue(rank.getMessage().startsWith("pool1 (MaxPool2d k2 s2): expects input [N, C, H, W], got [8, 28, 28]; "
        + "a single image needs the batch dim: x.unsqueeze(0)"), rank.getMessage());
    var fn = assertThrows(IllegalArgumentException.class, () -> F.avgPool2d(Tensor.zeros(1, 1, 2, 5), 3));
    assertTrue(fn.getMessage().startsWith("avgPool2d: input [1, 1, 2, 5] is 2 x 5, smaller than the 3 x 3 window"),
        fn.getMessage());
    assertThrows(IllegalArgumentException.class, () -> F.maxPool2d(Tensor.zeros(1, 1, 4, 4), 2, 0));
    assertThrows(IllegalArgumentException.class, () -> new AvgPool2d(0));
    assertThrows(NullPointerException.class, () -> F.maxPool2d(null, 2));
    assertThrows(NullPointerException.class, () -> new AvgPool2d(2).forward(null));
  }
}
