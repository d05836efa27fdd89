package dev.tinytorch.nn;

import static dev.tinytorch.nn.testing.GradProperties.x;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.List;
import org.junit.jupiter.api.Test;

/** Conv2d and F.conv2d: gradient properties over random geometry, init, layouts and bad input. */
class Conv2dTest {
  /** N 1..2, C and out 1..3, kernel 1..3 per axis, stride 1..3, padding 0..2, H and W up to 6. */
  private static GradProperties.Case conv(Generator g, boolean secondOrder) {
    int n = Gen.intIn(g, 1, 2);
    int c = Gen.intIn(g, 1, 3);
    int out = Gen.intIn(g, 1, 3);
    int kh = Gen.intIn(g, 1, 3);
    int kw = Gen.intIn(g, 1, 3);
    int stride = Gen.intIn(g, 1, 3);
    int pad = Gen.intIn(g, 0, secondOrder ? 1 : 2);
    int h = Gen.intIn(g, Math.max(1, kh - 2 * pad), secondOrder ? 4 : 6);
    int w = Gen.intIn(g, Math.max(1, kw - 2 * pad), secondOrder ? 4 : 6);
    String what = "conv2d x [" + n + ", " + c + ", " + h + ", " + w + "] weight [" + out + ", " + c + ", " + kh + ", "
        + kw + "] stride " + stride + " padding " + pad;
    Tensor xs = x(g, n, c, h, w);
    Tensor ws = x(g, out, c, kh, kw);
    if (Gen.bool(g)) {
      return GradProperties.of(what + " no bias", t -> F.conv2d(t[0], t[1], null, stride, pad), xs, ws);
    }
    return GradProperties.of(what + " bias", t -> F.conv2d(t[0], t[1], t[2], stride, pad), xs, ws, x(g, out));
  }

  @Test
  void gradientsOfInputWeightAndBias() {
    GradProperties.check("conv2d", 100, 1010, g -> conv(g, false));
  }

  @Test
  void secondOrderGradients() {
    // conv is bilinear in (x, weight): the gradient of the gradient is the cross term.
    GradProperties.checkSecondOrder("conv2d", 12, 1011, g -> conv(g, true));
  }

  @Test
  void matchesUnfoldAndMatmulWrittenOutInFloat32() {
    Generator g = new Generator(5);
    Tensor x = Tensor.randn(g, 2, 3, 7, 6);
    Tensor w = Tensor.randn(g, 5, 3, 3, 3);
    Tensor b = Tensor.randn(g, 5);
    Tensor y = F.conv2d(x, w, b, 2, 1);
    assertEquals(DType.FLOAT32, y.dtype());
    Conv2dParams p = Conv2dParams.of(3).stride(2).padding(1);
    Tensor expected = w.reshape(5, 27).matmul(Conv.unfold(x, p)).add(b.reshape(5, 1)).reshape(2, 5, 4, 3);
    assertTrue(y.allClose(expected, 1e-6, 1e-6));
  }

  @Test
  void layerParametersShapesAndDefaults() {
    Conv2d conv = new Conv2d(3, 16, 5, 2, 2, true, new Generator(1));
    assertEquals(List.of("weight", "bias"), List.copyOf(conv.namedParameters().keySet()));
    assertArrayEquals(new int[] {16, 3, 5, 5}, conv.weight().shape());
    assertArrayEquals(new int[] {16}, conv.bias().shape());
    assertEquals(16 * 3 * 25 + 16, conv.parameterCount());
    assertArrayEquals(new int[] {4, 16, 16, 16}, conv.forward(Tensor.zeros(4, 3, 32, 32)).shape());
    assertEquals(16, conv.outputSize(32));

    Conv2d plain = new Conv2d(2, 4, 3);
    assertEquals(1, plain.stride());
    assertEquals(0, plain.padding());
    assertArrayEquals(new int[] {1, 4, 3, 3}, plain.forward(Tensor.zeros(1, 2, 5, 5)).shape());
    assertNull(new Conv2d(2, 4, 3, 1, 1, false).bias());
    assertEquals(List.of("weight"), List.copyOf(new Conv2d(2, 4, 3, 1, 1, false).namedParameters().keySet()));
  }

  @Test
  void initIsPyTorchsUniformWithFanInOfChannelsTimesKernelArea() {
    Conv2d conv = new Conv2d(8, 32, 3, 1, 1, true, new Generator(3));
    double bound = 1 / Math.sqrt(8 * 9);
    for (Tensor p : conv.parameters()) {
      double max = p.abs().max().item();
      assertTrue(max <= bound, p + " exceeds " + bound);
    }
    // 2304 draws from U(-b, b) reach close to the bound and average near zero.
    assertTrue(conv.weight().abs().max().item() > 0.95 * bound);
    assertEquals(0, conv.weight().mean().item(), 0.05 * bound);
    // The same generator seed gives the same weights.
    assertTrue(conv.weight().equal(new Conv2d(8, 32, 3, 1, 1, true, new Generator(3)).weight()));
  }

  @Test
  void worksInFloat64AfterTo() {
    Conv2d conv = new Conv2d(1, 2, 3, 1, 1);
    conv.to(DType.FLOAT64);
    Tensor y = conv.forward(Tensor.ones(DType.FLOAT64, 1, 1, 4, 4));
    assertEquals(DType.FLOAT64, y.dtype());
    y.sum().backward();
    assertEquals(DType.FLOAT64, conv.weight().grad().dtype());
  }

  @Test
  void printsLikePyTorch() {
    assertEquals("Conv2d(3, 16, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))", new Conv2d(3, 16, 3, 1, 1).toString());
    assertEquals("Conv2d(1, 2, kernel_size=(5, 5), stride=(2, 2), padding=(0, 0), bias=False)",
        new Conv2d(1, 2, 5, 2, 0, false).toString());
  }

  private static final class Net extends Module {
    final Conv2d conv1 = module("conv1", new Conv2d(3, 16, 3, 1, 1));

    @Override
    public Tensor forward(Tensor x) {
      return conv1.forward(x);
    }
  }

  @Test
  void wrongChannelCountNamesTheLayerTheShapesAndTheFix() {
    Net net = new Net();
    var e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(8, 1, 28, 28)));
    assertTrue(e.getMessage().startsWith(
        "conv1 (Conv2d 3 -> 16, k3 s1 p1): expects input [N, 3, H, W], got [8, 1, 28, 28]"), e.getMessage());
    assertTrue(e.getMessage().contains("build the layer with 1 input channels"), e.getMessage());
  }

  @Test
  void wrongRankSaysHowToAddTheBatchDim() {
    Net net = new Net();
    var e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(3, 28, 28)));
    assertTrue(e.getMessage().contains("expects input [N, 3, H, W], got [3, 28, 28]"), e.getMessage());
    assertTrue(e.getMessage().contains("unsqueeze(0)"), e.getMessage());
    var flat = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.zeros(8, 784)));
    assertTrue(flat.getMessage().contains("got [8, 784]; reshape the input to [N, 3, H, W]"), flat.getMessage());
  }

  @Test
  void kernelLargerThanTheInput() {
    Conv2d conv = new Conv2d(1, 1, 5, 1, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> conv.forward(Tensor.zeros(1, 1, 2, 4)));
    assertEquals("Conv2d 1 -> 1, k5 s1 p1: input [1, 1, 2, 4] is 2 x 4 (4 x 6 with padding 1), smaller than the 5 x 5 "
        + "kernel; use a smaller kernel, more padding, or a larger input (fewer downsampling layers before this one)",
        e.getMessage());
    var f = assertThrows(IllegalArgumentException.class,
        () -> F.conv2d(Tensor.zeros(1, 1, 2, 2), Tensor.zeros(1, 1, 3, 3), null, 1, 0));
    assertTrue(f.getMessage().startsWith("conv2d: input [1, 1, 2, 2] padded by 0 is smaller than the 3 x 3 kernel"),
        f.getMessage());
  }

  @Test
  void functionalChecksWeightBiasAndGeometry() {
    Tensor x = Tensor.zeros(1, 2, 4, 4);
    var rank = assertThrows(IllegalArgumentException.class, () -> F.conv2d(x, Tensor.zeros(3, 2, 3), null, 1, 0));
    assertTrue(rank.getMessage().contains("weight must be 4-D [out, in, kh, kw], got [3, 2, 3]"), rank.getMessage());
    var channels = assertThrows(IllegalArgumentException.class,
        () -> F.conv2d(x, Tensor.zeros(3, 1, 3, 3), null, 1, 0));
    assertTrue(channels.getMessage().contains("expects input [N, 1, H, W] (NCHW), got [1, 2, 4, 4]"), channels.getMessage());
    var bias = assertThrows(IllegalArgumentException.class,
        () -> F.conv2d(x, Tensor.zeros(3, 2, 3, 3), Tensor.zeros(2), 1, 0));
    assertTrue(bias.getMessage().contains("bias [2] must be [3]"), bias.getMessage());
    assertThrows(IllegalArgumentException.class, () -> F.conv2d(x, Tensor.zeros(3, 2, 3, 3), null, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> F.conv2d(x, Tensor.zeros(3, 2, 3, 3), null, 1, -1));
    var npe = assertThrows(NullPointerException.class, () -> F.conv2d(null, Tensor.zeros(3, 2, 3, 3), null, 1, 0));
    assertTrue(npe.getMessage().contains("input"));
    assertThrows(NullPointerException.class, () -> new Conv2d(1, 1, 3).forward(null));
  }

  @Test
  void constructorRefusesBadSizes() {
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(0, 1, 3));
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, 3, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> new Conv2d(1, 1, 3, 1, -1));
    assertThrows(NullPointerException.class, () -> new Conv2d(1, 1, 3, 1, 0, true, null));
  }
}
