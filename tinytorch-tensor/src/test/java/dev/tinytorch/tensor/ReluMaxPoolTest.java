package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.tinytorch.tensor.testing.Gen;
import org.junit.jupiter.api.Test;

/**
 * {@link ReluMaxPool} against the composition it replaces, {@code relu} then {@code maxPool2d}
 * with indices, and the two backward kernels ({@code GradKernels.maxPool2dBackward} then
 * {@code reluBackward}), bit for bit: inputs full of ties, zeros of both signs and negatives
 * (windows whose maximum is 0), NaN, and gradients with negatives, -0.0, NaN and infinities.
 */
class ReluMaxPoolTest {
  private static final float[] VALUES = {-2f, -1f, -0f, 0f, 0f, 0.5f, 1f, 1f, 3f, Float.NaN, -0.5f, Float.MIN_VALUE};
  private static final float[] GRADS = {-1.5f, -0f, 0f, 2f, 0.25f, Float.NaN, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -3f};

  private static Tensor draw(Generator g, float[] pool, int[] shape, boolean nan) {
    int n = Shapes.numel("test", shape);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      float x;
      do {
        x = Gen.bool(g) ? (float) (g.nextDouble() * 4 - 2) : pool[g.nextInt(pool.length)];
      } while (!nan && (Float.isNaN(x) || Float.isInfinite(x)));
      v[i] = x;
    }
    return Tensor.of(v, shape);
  }

  private static int[] bits(Tensor t) {
    float[] f = t.toFloatArray();
    int[] b = new int[f.length];
    for (int i = 0; i < f.length; i++) {
      b[i] = Float.floatToRawIntBits(f[i]);
    }
    return b;
  }

  @Test
  void matchesReluThenMaxPoolBitForBit() {
    Generator g = new Generator(5150);
    for (int trial = 0; trial < 400; trial++) {
      boolean common = trial % 3 == 0;
      int h = Gen.intIn(g, common ? 2 : 1, 9);
      int w = Gen.intIn(g, common ? 2 : 1, 9);
      int kh = common ? 2 : Gen.intIn(g, 1, h);
      int kw = common ? 2 : Gen.intIn(g, 1, w);
      int sh = common ? 2 : Gen.intIn(g, 1, 3);
      int sw = common ? 2 : Gen.intIn(g, 1, 3);
      int[] shape = {Gen.intIn(g, 0, 2), Gen.intIn(g, 1, 3), h, w};
      boolean nan = Gen.chance(g, 0.3);
      Tensor x0 = draw(g, VALUES, shape, nan);
      Tensor x = Gen.bool(g) ? Gen.relayout(g, x0) : x0;
      String what = "trial " + trial + " " + java.util.Arrays.toString(shape) + " k" + kh + "x" + kw + " s" + sh + "x" + sw;

      Tensor relu = x.relu();
      Tensor[] ref = Pool.maxPool2d(relu, kh, kw, sh, sw, true);
      ReluMaxPool.Result fused = ReluMaxPool.forward(x, kh, kw, sh, sw, true);
      assertArrayEquals(ref[0].shape(), fused.values().shape(), what);
      assertArrayEquals(bits(ref[0]), bits(fused.values()), what + ": values");
      assertArrayEquals(ref[1].toDoubleArray(), ReluMaxPool.positions(fused.argmax(), ref[1].shape()).toDoubleArray(),
          what + ": winners");
      assertArrayEquals(bits(ref[0]), bits(ReluMaxPool.forward(x, kh, kw, sh, sw, false).values()), what + ": no indices");

      Tensor gy0 = draw(g, GRADS, ref[0].shape(), true);
      Tensor gy = Gen.bool(g) ? Gen.relayout(g, gy0) : gy0;
      Tensor expected = GradKernels.reluBackward(GradKernels.maxPool2dBackward(gy, ref[1], shape), x0);
      Tensor dx = ReluMaxPool.backward(gy, fused.argmax(), shape, kh, kw, sh, sw);
      assertArrayEquals(shape, dx.shape(), what);
      assertArrayEquals(bits(expected), bits(dx), what + ": gradient");
    }
  }

  @Test
  void theBenchmarksShapeSplitAcrossThreads() {
    Generator g = new Generator(12);
    int[] shape = {8, 16, 28, 28};
    Tensor x = draw(g, VALUES, shape, false);
    Tensor[] ref = Pool.maxPool2d(x.relu(), 2, 2, 2, 2, true);
    ReluMaxPool.Result fused = ReluMaxPool.forward(x, 2, 2, 2, 2, true);
    assertArrayEquals(bits(ref[0]), bits(fused.values()));
    Tensor gy = draw(g, GRADS, ref[0].shape(), true);
    Tensor expected = GradKernels.reluBackward(GradKernels.maxPool2dBackward(gy, ref[1], shape), x);
    assertArrayEquals(bits(expected), bits(ReluMaxPool.backward(gy, fused.argmax(), shape, 2, 2, 2, 2)));
  }

  @Test
  void zeroMaximaKeepTheFirstPositionAndGiveSignedZeros() {
    // One 2 x 2 window of non-positive values: relu makes them all 0, the first one wins, and its
    // gradient is g * 0, so -0.0 for a negative g; the positive window passes g through.
    Tensor x = Tensor.of(new float[] {-1f, -0f, 2f, 5f, -3f, 0f, 5f, 1f}, 1, 1, 2, 4);
    ReluMaxPool.Result r = ReluMaxPool.forward(x, 2, 2, 2, 2, true);
    assertArrayEquals(new float[] {0f, 5f}, r.values().toFloatArray());
    assertArrayEquals(new int[] {~0, 3}, r.argmax());
    Tensor dx = ReluMaxPool.backward(Tensor.of(new float[] {-2f, 7f}, 1, 1, 1, 2), r.argmax(), x.shape(), 2, 2, 2, 2);
    float[] d = dx.toFloatArray();
    assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(d[0]));
    assertArrayEquals(new float[] {-0f, 0f, 0f, 7f, 0f, 0f, 0f, 0f}, d);
  }

  @Test
  void refusals() {
    Tensor x = Tensor.zeros(1, 1, 2, 2);
    assertThrows(IllegalArgumentException.class, () -> ReluMaxPool.forward(x, 3, 3, 1, 1, false));
    assertThrows(IllegalArgumentException.class, () -> ReluMaxPool.forward(Tensor.zeros(DType.FLOAT64, 1, 1, 2, 2), 2, 2, 2, 2, false));
    assertThrows(IllegalArgumentException.class,
        () -> ReluMaxPool.backward(Tensor.zeros(3), new int[2], new int[] {1, 1, 2, 2}, 2, 2, 2, 2));
    assertThrows(NullPointerException.class, () -> ReluMaxPool.backward(null, new int[1], new int[] {1, 1, 2, 2}, 2, 2, 2, 2));
  }
}
