package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.Autograd;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Conv;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.ConvKernels;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import org.junit.jupiter.api.Test;

/**
 * FLOAT32 conv2d, which runs image by image in one node (ConvKernels), against the composition
 * unfold, matmul, add that FLOAT64 still uses: output and input gradient bit for bit, weight and
 * bias gradients (summed over images in another order) to rounding, and the second-order
 * gradient (under createGraph the backward is the composition's).
 */
class FusedConv2dTest {
  /** Random geometry: small planes, and planes of 64+ positions with 1-tap-per-channel weights (the thin weight gradient). */
  private static int[] geometry(Generator g) {
    boolean thin = Gen.bool(g);
    int n = Gen.intIn(g, 1, 3);
    int c = thin ? 1 : Gen.intIn(g, 1, 4);
    int out = Gen.intIn(g, 1, thin ? 17 : 7);
    int k = Gen.intIn(g, 1, 3);
    int stride = thin ? 1 : Gen.intIn(g, 1, 3);
    int pad = Gen.intIn(g, 0, 2);
    int h = Gen.intIn(g, Math.max(1, k - 2 * pad), thin ? 14 : 7);
    int w = thin ? Gen.intIn(g, 8, 15) : Gen.intIn(g, Math.max(1, k - 2 * pad), 7);
    return new int[] {n, c, out, k, stride, pad, h, w};
  }

  private static Tensor composed(Tensor x, Tensor w, Tensor b, int stride, int pad) {
    int out = w.size(0);
    int k = w.size(2);
    Conv2dParams p = Conv2dParams.of(k).stride(stride).padding(pad);
    Tensor y = w.reshape(out, -1).matmul(Conv.unfold(x, p));
    if (b != null) {
      y = y.add(b.reshape(out, 1));
    }
    return y.reshape(x.size(0), out, p.outputH(x.size(2)), p.outputW(x.size(3)));
  }

  @Test
  void matchesTheCompositionForwardAndBackward() {
    Generator g = new Generator(1313);
    for (int trial = 0; trial < 60; trial++) {
      int[] s = geometry(g);
      String what = "trial " + trial + " " + java.util.Arrays.toString(s);
      boolean bias = Gen.bool(g);
      boolean transposed = Gen.bool(g);
      Tensor xBase = Tensor.randn(g, s[0], s[1], s[6], s[7]);
      // A non-contiguous input: the same values read through a transposed view.
      Tensor x0 = transposed ? xBase.transpose(2, 3).contiguous().transpose(2, 3) : xBase;
      Tensor w0 = Tensor.randn(g, s[2], s[1], s[3], s[3]);
      Tensor b0 = bias ? Tensor.randn(g, s[2]) : null;
      Tensor[] fused = run(x0, w0, b0, s, g, true);
      Tensor[] ref = run(x0, w0, b0, s, new Generator(0), false);
      assertTrue(fused[0].equal(ref[0]), what + ": output");
      assertTrue(fused[1].equal(ref[1]), what + ": input gradient");
      assertTrue(fused[2].allClose(ref[2], 1e-5, 1e-5), what + ": weight gradient");
      if (bias) {
        assertTrue(fused[3].allClose(ref[3], 1e-5, 1e-5), what + ": bias gradient");
      } else {
        assertNull(fused[3]);
      }
    }
  }

  /** {y, dx, dW, db} of {@code sum(conv(x) * r)} with a fixed r, by F.conv2d (fused) or the composition. */
  private static Tensor[] run(Tensor x0, Tensor w0, Tensor b0, int[] s, Generator unused, boolean fused) {
    Tensor x = x0.detach().requiresGrad(true);
    Tensor w = w0.detach().requiresGrad(true);
    Tensor b = b0 == null ? null : b0.detach().requiresGrad(true);
    Tensor y = fused ? F.conv2d(x, w, b, s[4], s[5]) : composed(x, w, b, s[4], s[5]);
    assertEquals(DType.FLOAT32, y.dtype());
    Tensor r = Tensor.randn(new Generator(77), y.shape());
    y.mul(r).sum().backward();
    return new Tensor[] {y.detach(), x.grad(), w.grad(), b == null ? null : b.grad()};
  }

  @Test
  void secondOrderUnderCreateGraphMatchesTheComposition() {
    Generator g = new Generator(99);
    for (int trial = 0; trial < 10; trial++) {
      int[] s = geometry(g);
      Tensor x0 = Tensor.randn(g, s[0], s[1], s[6], s[7]);
      Tensor w0 = Tensor.randn(g, s[2], s[1], s[3], s[3]);
      Tensor b0 = Tensor.randn(g, s[2]);
      Tensor[] fused = secondOrder(x0, w0, b0, s, true);
      Tensor[] ref = secondOrder(x0, w0, b0, s, false);
      for (int i = 0; i < fused.length; i++) {
        assertTrue(fused[i].allClose(ref[i], 1e-4, 1e-4), "trial " + trial + " gradient " + i);
      }
    }
  }

  /** d/d(x, w) of sum(dL/dx ^ 2) + sum(dL/dw ^ 2), L = sum(conv(x)^2 / 2). */
  private static Tensor[] secondOrder(Tensor x0, Tensor w0, Tensor b0, int[] s, boolean fused) {
    Tensor x = x0.detach().requiresGrad(true);
    Tensor w = w0.detach().requiresGrad(true);
    Tensor b = b0.detach().requiresGrad(true);
    Tensor y = fused ? F.conv2d(x, w, b, s[4], s[5]) : composed(x, w, b, s[4], s[5]);
    Tensor loss = y.mul(y).sum().mul(0.5);
    Tensor[] g1 = Autograd.grad(loss, new Tensor[] {x, w}, null, true, true);
    Tensor z = g1[0].mul(g1[0]).sum().add(g1[1].mul(g1[1]).sum());
    return Autograd.grad(z, new Tensor[] {x, w}, null, false, false);
  }

  @Test
  void dilatedAndStridedKernelsDirectly() {
    Generator g = new Generator(8);
    Conv2dParams p = Conv2dParams.of(3, 2).stride(2, 1).padding(1, 2).dilation(2, 3);
    Tensor x = Tensor.randn(g, 2, 3, 9, 8);
    Tensor w = Tensor.randn(g, 4, 3, 3, 2);
    Tensor b = Tensor.randn(g, 4);
    Tensor y = ConvKernels.conv2d(x, w, b, p);
    Tensor expected = w.reshape(4, -1).matmul(Conv.unfold(x, p)).add(b.reshape(4, 1))
        .reshape(2, 4, p.outputH(9), p.outputW(8));
    assertTrue(y.equal(expected));
    Tensor gy = Tensor.randn(g, y.shape());
    Tensor[] grads = ConvKernels.conv2dBackward(gy, x, w, true, p, true, true);
    Tensor g3 = gy.reshape(2, 4, -1);
    assertTrue(grads[0].equal(Conv.fold(w.reshape(4, -1).transpose(0, 1).matmul(g3), 9, 8, p)));
    assertTrue(grads[1].allClose(g3.matmul(Conv.unfold(x, p).transpose(1, 2)).sum(0).reshape(4, 3, 3, 2), 1e-5, 1e-5));
    assertTrue(grads[2].allClose(g3.sum(0).sum(1), 1e-5, 1e-5));
  }

  @Test
  void wideLayersWhoseWeightGradientIsComputedTransposed() {
    // 32 channels out of 144 taps: with the Vector API, dW^T = cols @ gy^T (ConvKernels.vectorTransposed).
    Generator g = new Generator(21);
    for (int[] s : new int[][] {{2, 16, 32, 6, 7}, {3, 8, 48, 5, 5}, {1, 2, 20, 9, 4}}) {
      Conv2dParams p = Conv2dParams.of(3).padding(1);
      Tensor x = Tensor.randn(g, s[0], s[1], s[3], s[4]);
      Tensor w = Tensor.randn(g, s[2], s[1], 3, 3);
      Tensor gy = Tensor.randn(g, s[0], s[2], s[3], s[4]);
      Tensor[] grads = ConvKernels.conv2dBackward(gy, x, w, false, p, false, true);
      Tensor g3 = gy.reshape(s[0], s[2], -1);
      Tensor expected = g3.matmul(Conv.unfold(x, p).transpose(1, 2)).sum(0).reshape(w.shape());
      assertTrue(grads[1].allClose(expected, 1e-5, 1e-4), java.util.Arrays.toString(s));
      assertNull(grads[0]);
      assertNull(grads[2]);
    }
  }

  @Test
  void largeEnoughToSplitAcrossThreads() {
    // 4 x 32 x 144 x 196 multiply-adds, past ConvKernels.PARALLEL_WORK: split by image when there are threads.
    Generator g = new Generator(4);
    Tensor x0 = Tensor.randn(g, 4, 16, 14, 14);
    Tensor w0 = Tensor.randn(g, 32, 16, 3, 3);
    Tensor b0 = Tensor.randn(g, 32);
    int[] s = {4, 16, 32, 3, 1, 1, 14, 14};
    Tensor[] fused = run(x0, w0, b0, s, g, true);
    Tensor[] ref = run(x0, w0, b0, s, g, false);
    assertTrue(fused[0].equal(ref[0]));
    assertTrue(fused[1].equal(ref[1]));
    assertTrue(fused[2].allClose(ref[2], 1e-5, 1e-4));
    assertTrue(fused[3].allClose(ref[3], 1e-5, 1e-4));
  }

  @Test
  void emptyBatchAndLayer() {
    Generator g = new Generator(3);
    Tensor x = Tensor.randn(g, 0, 2, 5, 5).requiresGrad(true);
    Tensor w = Tensor.randn(g, 3, 2, 3, 3).requiresGrad(true);
    Tensor y = F.conv2d(x, w, null, 1, 1);
    assertArrayEquals(new int[] {0, 3, 5, 5}, y.shape());
    y.sum().backward();
    assertTrue(w.grad().equal(Tensor.zeros(3, 2, 3, 3)));

    // The benchmark's first layer: one input channel, 3 x 3, 28 x 28 (the thin weight gradient).
    Conv2d conv = new Conv2d(1, 16, 3, 1, 1, true, g);
    Tensor in = Tensor.randn(g, 4, 1, 28, 28);
    conv.forward(in).sum().backward();
    Tensor cols = Conv.unfold(in, Conv2dParams.of(3).padding(1));             // [4, 9, 784]
    Tensor expected = cols.sum(0).sum(1).reshape(1, 9).expand(16, 9).reshape(16, 1, 3, 3);
    assertTrue(conv.weight().grad().allClose(expected, 1e-5, 1e-4));
  }
}
