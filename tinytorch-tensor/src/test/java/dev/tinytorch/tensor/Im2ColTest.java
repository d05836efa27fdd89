package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link Conv#unfold} and {@link Conv#fold} against PyTorch's {@code F.unfold} / {@code F.fold}
 * ({@code tools/golden/im2col.py}, float64), conv2d built from unfold and matmul, and the error
 * messages. Random geometries, views and the adjoint identity are in {@link Im2ColPropertiesTest}.
 */
class Im2ColTest {

  // ------------------------------------------------------------------ unfold, PyTorch golden values

  @Test
  void unfoldTwoByTwoKernelByHand() {
    // Rows are the four kernel taps, columns the 3 x 3 window positions over 1..16.
    for (DType dtype : DType.values()) {
      Tensor x = arange(16, 1, -1, 1, 1, 4, 4).to(dtype);
      Tensor cols = Conv.unfold(x, Conv2dParams.of(2));
      assertEquals(dtype, cols.dtype());
      assertArrayEquals(new int[] {1, 4, 9}, cols.shape());
      // tools/golden/im2col.py: unfold A [1,1,4,4] k2
      double[] torch = {1, 2, 3, 5, 6, 7, 9, 10, 11, 2, 3, 4, 6, 7, 8, 10, 11, 12, 5, 6, 7, 9, 10, 11, 13, 14, 15,
          6, 7, 8, 10, 11, 12, 14, 15, 16};
      assertArrayEquals(torch, cols.toDoubleArray());
    }
  }

  @Test
  void unfoldStrideTwoPaddingOneNonSquareKernelBatchAndChannels() {
    Tensor cols = Conv.unfold(arange(80, 0.5, 40, 2, 2, 4, 5), Conv2dParams.of(3, 2).stride(2).padding(1));
    assertArrayEquals(new int[] {2, 12, 6}, cols.shape());
    // tools/golden/im2col.py: unfold B [2,2,4,5] k(3,2) s2 p1
    double[] torch = {0.0, 0.0, 0.0, 0.0, -17.0, -16.0, 0.0, 0.0, 0.0, -17.5, -16.5, -15.5, 0.0, -19.5, -18.5, 0.0,
        -14.5, -13.5, -20.0, -19.0, -18.0, -15.0, -14.0, -13.0, 0.0, -17.0, -16.0, 0.0, -12.0, -11.0, -17.5, -16.5,
        -15.5, -12.5, -11.5, -10.5, 0.0, 0.0, 0.0, 0.0, -7.0, -6.0, 0.0, 0.0, 0.0, -7.5, -6.5, -5.5, 0.0, -9.5, -8.5,
        0.0, -4.5, -3.5, -10.0, -9.0, -8.0, -5.0, -4.0, -3.0, 0.0, -7.0, -6.0, 0.0, -2.0, -1.0, -7.5, -6.5, -5.5,
        -2.5, -1.5, -0.5, 0.0, 0.0, 0.0, 0.0, 3.0, 4.0, 0.0, 0.0, 0.0, 2.5, 3.5, 4.5, 0.0, 0.5, 1.5, 0.0, 5.5, 6.5,
        0.0, 1.0, 2.0, 5.0, 6.0, 7.0, 0.0, 3.0, 4.0, 0.0, 8.0, 9.0, 2.5, 3.5, 4.5, 7.5, 8.5, 9.5, 0.0, 0.0, 0.0, 0.0,
        13.0, 14.0, 0.0, 0.0, 0.0, 12.5, 13.5, 14.5, 0.0, 10.5, 11.5, 0.0, 15.5, 16.5, 10.0, 11.0, 12.0, 15.0, 16.0,
        17.0, 0.0, 13.0, 14.0, 0.0, 18.0, 19.0, 12.5, 13.5, 14.5, 17.5, 18.5, 19.5};
    assertArrayEquals(torch, cols.toDoubleArray());
    assertArrayEquals(toFloats(torch), Conv.unfold(arange(80, 0.5, 40, 2, 2, 4, 5).to(DType.FLOAT32),
        Conv2dParams.of(3, 2).stride(2).padding(1)).toFloatArray());
  }

  @Test
  void unfoldDilationAndPerAxisStrideAndPadding() {
    Conv2dParams p = Conv2dParams.of(2, 3).dilation(2, 1).padding(0, 1).stride(1, 2);
    Tensor cols = Conv.unfold(arange(60, 1, 0, 1, 2, 5, 6), p);
    assertArrayEquals(new int[] {1, 12, 9}, cols.shape());
    // tools/golden/im2col.py: unfold C [1,2,5,6] k(2,3) d(2,1) p(0,1) s(1,2)
    double[] torch = {0, 1, 3, 0, 7, 9, 0, 13, 15, 0, 2, 4, 6, 8, 10, 12, 14, 16, 1, 3, 5, 7, 9, 11, 13, 15, 17, 0,
        13, 15, 0, 19, 21, 0, 25, 27, 12, 14, 16, 18, 20, 22, 24, 26, 28, 13, 15, 17, 19, 21, 23, 25, 27, 29, 0, 31,
        33, 0, 37, 39, 0, 43, 45, 30, 32, 34, 36, 38, 40, 42, 44, 46, 31, 33, 35, 37, 39, 41, 43, 45, 47, 0, 43, 45,
        0, 49, 51, 0, 55, 57, 42, 44, 46, 48, 50, 52, 54, 56, 58, 43, 45, 47, 49, 51, 53, 55, 57, 59};
    assertArrayEquals(torch, cols.toDoubleArray());
  }

  @Test
  void unfoldDilatedKernelWiderThanTheInputFitsThroughPadding() {
    // The 3x3 kernel with dilation 2 spans 5 x 5; padding 2 makes room for 3 x 3 positions at stride 2.
    Tensor cols = Conv.unfold(arange(25, 1, -1, 1, 1, 5, 5), Conv2dParams.of(3).dilation(2).padding(2).stride(2));
    assertArrayEquals(new int[] {1, 9, 9}, cols.shape());
    // tools/golden/im2col.py: unfold D [1,1,5,5] k3 d2 p2 s2
    double[] torch = {0, 0, 0, 0, 1, 3, 0, 11, 13, 0, 0, 0, 1, 3, 5, 11, 13, 15, 0, 0, 0, 3, 5, 0, 13, 15, 0, 0, 1, 3,
        0, 11, 13, 0, 21, 23, 1, 3, 5, 11, 13, 15, 21, 23, 25, 3, 5, 0, 13, 15, 0, 23, 25, 0, 0, 11, 13, 0, 21, 23, 0,
        0, 0, 11, 13, 15, 21, 23, 25, 0, 0, 0, 13, 15, 0, 23, 25, 0, 0, 0, 0};
    assertArrayEquals(torch, cols.toDoubleArray());
  }

  @Test
  void unfoldOfAnEmptyBatchIsEmpty() {
    Tensor cols = Conv.unfold(Tensor.zeros(DType.FLOAT64, 0, 3, 4, 4), Conv2dParams.of(3).padding(1));
    assertArrayEquals(new int[] {0, 27, 16}, cols.shape());
    Tensor back = Conv.fold(cols, 4, 4, Conv2dParams.of(3).padding(1));
    assertArrayEquals(new int[] {0, 3, 4, 4}, back.shape());
  }

  // ------------------------------------------------------------------ fold, PyTorch golden values

  @Test
  void foldSumsOverlappingWindowsWithStrideAndPadding() {
    Conv2dParams p = Conv2dParams.of(2, 3).stride(1, 2).padding(1);
    Tensor image = Conv.fold(arange(360, 0.25, 100, 2, 12, 15), 4, 5, p);
    assertArrayEquals(new int[] {2, 2, 4, 5}, image.shape());
    // tools/golden/im2col.py: fold E [2,12,15] -> (4,5) k(2,3) s(1,2) p1
    double[] torch = {-30.5, -60.5, -30.0, -59.5, -29.5, -29.0, -57.5, -28.5, -56.5, -28.0, -27.5, -54.5, -27.0,
        -53.5, -26.5, -26.0, -51.5, -25.5, -50.5, -25.0, 14.5, 29.5, 15.0, 30.5, 15.5, 16.0, 32.5, 16.5, 33.5, 17.0,
        17.5, 35.5, 18.0, 36.5, 18.5, 19.0, 38.5, 19.5, 39.5, 20.0, 59.5, 119.5, 60.0, 120.5, 60.5, 61.0, 122.5, 61.5,
        123.5, 62.0, 62.5, 125.5, 63.0, 126.5, 63.5, 64.0, 128.5, 64.5, 129.5, 65.0, 104.5, 209.5, 105.0, 210.5,
        105.5, 106.0, 212.5, 106.5, 213.5, 107.0, 107.5, 215.5, 108.0, 216.5, 108.5, 109.0, 218.5, 109.5, 219.5,
        110.0};
    assertArrayEquals(torch, image.toDoubleArray());
    assertArrayEquals(toFloats(torch), Conv.fold(arange(360, 0.25, 100, 2, 12, 15).to(DType.FLOAT32), 4, 5, p)
        .toFloatArray());
  }

  @Test
  void foldWithDilation() {
    Tensor image = Conv.fold(arange(36, 1, 0, 1, 4, 9), 5, 5, Conv2dParams.of(2).dilation(2));
    // tools/golden/im2col.py: fold F [1,4,9] -> (5,5) k2 d2
    double[] torch = {0, 1, 11, 10, 11, 3, 4, 17, 13, 14, 24, 26, 70, 44, 46, 21, 22, 53, 31, 32, 24, 25, 59, 34, 35};
    assertArrayEquals(torch, image.toDoubleArray());
  }

  @Test
  void foldOfOnesCountsTheWindowsCoveringEachPixel() {
    Tensor counts = Conv.fold(Tensor.ones(DType.FLOAT32, 1, 9, 16), 4, 4, Conv2dParams.of(3).padding(1));
    // tools/golden/im2col.py: fold G ones [1,9,16] -> (4,4) k3 p1
    double[] torch = {4, 6, 6, 4, 6, 9, 9, 6, 6, 9, 9, 6, 4, 6, 6, 4};
    assertArrayEquals(torch, counts.toDoubleArray());
    assertEquals(DType.FLOAT32, counts.dtype());
  }

  // ------------------------------------------------------------------ conv2d = weight @ unfold(x)

  @Test
  void conv2dIsAMatmulOverTheUnfoldedInput() {
    Tensor x = arange(120, 0.1, 60, 2, 3, 5, 4);
    Tensor w = arange(36, 0.05, 17, 2, 3, 3, 2);
    Conv2dParams p = Conv2dParams.of(3, 2).stride(2, 1).padding(1).dilation(1, 2);
    int outH = p.outputH(5);
    int outW = p.outputW(4);
    Tensor y = w.reshape(2, 3 * 3 * 2).matmul(Conv.unfold(x, p)).reshape(2, 2, outH, outW);
    assertArrayEquals(new int[] {2, 2, 3, 4}, y.shape());
    // tools/golden/im2col.py: conv2d H x[2,3,5,4] w[2,3,3,2] s(2,1) p1 d(1,2)
    double[] torch = {10.230000000000002, 21.6, 21.150000000000006, 11.100000000000001, 15.000000000000002,
        31.44000000000001, 30.675, 15.99, 9.21, 19.200000000000003, 18.630000000000003, 9.66, -9.750000000000002,
        -18.360000000000003, -17.730000000000004, -8.34, -10.110000000000003, -18.780000000000005, -17.925, -8.31,
        -4.29, -7.800000000000002, -7.290000000000001, -3.3000000000000007, -2.3700000000000006, -5.400000000000001,
        -5.8500000000000005, -3.3000000000000007, -6.600000000000001, -14.46, -15.225, -8.31, -6.99, -15.0,
        -15.570000000000002, -8.34, 10.05, 19.440000000000005, 20.07, 9.660000000000002, 16.89, 32.52000000000001,
        33.37500000000001, 15.990000000000002, 11.910000000000002, 22.8, 23.310000000000002, 11.100000000000001};
    assertArrayEquals(torch, y.toDoubleArray(), 1e-12);
  }

  // ------------------------------------------------------------------ parameters

  @Test
  void paramsDefaultLikePyTorchAndCompareByValue() {
    Conv2dParams p = Conv2dParams.of(3, 2);
    assertEquals(3, p.kernelH());
    assertEquals(2, p.kernelW());
    assertEquals(1, p.strideH());
    assertEquals(1, p.strideW());
    assertEquals(0, p.paddingH());
    assertEquals(0, p.paddingW());
    assertEquals(1, p.dilationH());
    assertEquals(1, p.dilationW());
    assertEquals("kernel_size=(3, 2), stride=(1, 1), padding=(0, 0), dilation=(1, 1)", p.toString());
    Conv2dParams q = Conv2dParams.of(3, 2).stride(2, 3).padding(1, 0).dilation(2, 1);
    assertEquals("kernel_size=(3, 2), stride=(2, 3), padding=(1, 0), dilation=(2, 1)", q.toString());
    assertEquals(q, Conv2dParams.of(3, 2).dilation(2, 1).padding(1, 0).stride(2, 3));
    assertEquals(q.hashCode(), Conv2dParams.of(3, 2).dilation(2, 1).padding(1, 0).stride(2, 3).hashCode());
    assertNotEquals(p, q);
    assertEquals(Conv2dParams.of(3, 3), Conv2dParams.of(3));
    assertEquals("kernel_size=(3, 3), stride=(1, 1), padding=(0, 0), dilation=(1, 1)", Conv2dParams.of(3).toString());
  }

  @Test
  void outputSizeFollowsPyTorchsFormula() {
    // floor((H + 2p - d(k-1) - 1) / s) + 1
    Conv2dParams p = Conv2dParams.of(3, 2).stride(2, 1).padding(1).dilation(1, 2);
    assertEquals(3, p.outputH(5)); // floor((5 + 2 - 2 - 1) / 2) + 1
    assertEquals(4, p.outputW(4)); // (4 + 2 - 2 - 1) / 1 + 1
    assertEquals(16, Conv2dParams.of(3).padding(1).outputH(16));
    assertEquals(8, Conv2dParams.of(3).padding(1).stride(2).outputW(16));
    assertEquals(0, Conv2dParams.of(5).outputH(4)); // does not fit: floor(-1 / 1) + 1
    assertEquals(0, Conv2dParams.of(5).stride(3).outputH(3)); // floor(-2 / 3) + 1, rounding down as torch
  }

  @Test
  void badParamsAreRejectedWithTheFix() {
    assertMessage(() -> Conv2dParams.of(0, 3), "Conv2dParams.of", "(0, 3)", "at least 1 x 1");
    assertMessage(() -> Conv2dParams.of(-1), "Conv2dParams.of", "(-1, -1)");
    assertMessage(() -> Conv2dParams.of(3).stride(0), "Conv2dParams.stride", "(0, 0)", "use 1");
    assertMessage(() -> Conv2dParams.of(3).stride(1, -2), "Conv2dParams.stride", "(1, -2)");
    assertMessage(() -> Conv2dParams.of(3).padding(-1, 0), "Conv2dParams.padding", "(-1, 0)", "use 0");
    assertMessage(() -> Conv2dParams.of(3).dilation(0, 1), "Conv2dParams.dilation", "(0, 1)", "use 1");
  }

  // ------------------------------------------------------------------ input errors

  @Test
  void unfoldRejectsBadInputsNamingShapesParamsAndFix() {
    Conv2dParams p = Conv2dParams.of(3);
    assertMessage(() -> Conv.unfold(Tensor.zeros(3, 5, 5), p),
        "unfold: expects a 4-D input [N, C, H, W], got shape [3, 5, 5]", "unsqueeze(0)");
    assertMessage(() -> Conv.unfold(Tensor.zeros(2, 2), p), "unfold:", "[2, 2]", "reshape");
    assertMessage(() -> Conv.unfold(Tensor.zeros(1, 0, 5, 5), p), "unfold: input [1, 0, 5, 5]", "at least 1");
    assertMessage(() -> Conv.unfold(Tensor.zeros(1, 1, 5, 0), p), "unfold: input [1, 1, 5, 0]");
    assertMessage(() -> Conv.unfold(Tensor.zeros(1, 1, 3, 3), Conv2dParams.of(3).dilation(2)),
        "unfold: with kernel_size=(3, 3), stride=(1, 1), padding=(0, 0), dilation=(2, 2) the window spans 5 x 5",
        "input [1, 1, 3, 3] padded is only 3 x 3", "more padding");
    assertMessage(() -> Conv.unfold(Tensor.zeros(1, 1, 8, 1), Conv2dParams.of(3, 4).padding(0, 1)),
        "unfold:", "spans 3 x 4", "[1, 1, 8, 1] padded is only 8 x 3");
    assertMessage(() -> Conv.unfold(Tensor.zeros(1, 1, 4, 4), null), "unfold: params is null");
  }

  @Test
  void foldRejectsBadInputsNamingShapesParamsAndFix() {
    Conv2dParams p = Conv2dParams.of(3).padding(1);
    assertMessage(() -> Conv.fold(Tensor.zeros(1, 2, 9, 16), 4, 4, p),
        "fold: expects a 3-D input [N, C*kh*kw, L]", "[1, 2, 9, 16]");
    assertMessage(() -> Conv.fold(Tensor.zeros(9, 16), 4, 4, p), "fold:", "[9, 16]", "unsqueeze(0)");
    assertMessage(() -> Conv.fold(Tensor.zeros(1, 9, 16), 0, 4, p), "fold: output size (0, 4) must be positive");
    assertMessage(() -> Conv.fold(Tensor.zeros(1, 10, 16), 4, 4, p),
        "fold: input [1, 10, 16] has 10 rows", "multiple of the kernel size 3*3 = 9", "C * kh * kw");
    assertMessage(() -> Conv.fold(Tensor.zeros(1, 0, 16), 4, 4, p), "fold: input [1, 0, 16]", "positive multiple");
    assertMessage(() -> Conv.fold(Tensor.zeros(1, 9, 15), 4, 4, p),
        "fold: input [1, 9, 15] has 15 columns (L) but output size (4, 4)",
        "kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), dilation=(1, 1)", "4 x 4 = 16 window positions",
        "L must equal");
    assertMessage(() -> Conv.fold(Tensor.zeros(1, 9, 1), 2, 2, Conv2dParams.of(3)),
        "fold: with kernel_size=(3, 3)", "output size (2, 2) padded is only 2 x 2");
    assertMessage(() -> Conv.fold(Tensor.zeros(1, 9, 16), 4, 4, null), "fold: params is null");
  }

  // ------------------------------------------------------------------ helpers

  private static void assertMessage(Executable call, String... parts) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    for (String part : parts) {
      assertTrue(e.getMessage().contains(part), () -> "message lacks \"" + part + "\": " + e.getMessage());
    }
  }

  /** {@code (arange(count) - shift) * scale} in FLOAT64, as {@code tools/golden/im2col.py} builds inputs. */
  static Tensor arange(int count, double scale, double shift, int... shape) {
    double[] v = new double[count];
    for (int i = 0; i < count; i++) {
      v[i] = (i - shift) * scale;
    }
    return Tensor.of(v, shape);
  }

  private static float[] toFloats(double[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = (float) v[i];
    }
    return f;
  }
}
