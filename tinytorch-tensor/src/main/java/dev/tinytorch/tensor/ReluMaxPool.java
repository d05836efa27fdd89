package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * {@code maxPool2d(relu(x))} over FLOAT32 NCHW inputs in one pass, and its gradient in one more,
 * for a ReLU followed by max pooling (as in a CNN's conv, ReLU, pool). The composition wrote the
 * ReLU's output (the size of the input) and read it back to pool it, and its backward made the
 * pooling gradient at the input's size and then a second tensor of that size for the ReLU's mask,
 * reading the saved input back from memory: in the CNN benchmark step the ReLU backward alone
 * was 12-16 % of the samples.
 *
 * <p>Same values, indices and gradients as the composition, bit for bit: each window's winner is
 * the pooling rule's on the ReLU values {@code Math.max(v, 0f)} (the first maximum in row-major
 * window order; a window with NaN gives its last NaN), the value stored is the ReLU of the winner,
 * and the gradient at an input position is the composition's {@code (0 + sum of the gradients of
 * the windows whose winner it is) * (x > 0 ? 1 : 0)}. The winner of a window with a positive
 * maximum has x {@literal >} 0; that of a window whose maximum is 0 or NaN has not, so that one
 * bit per window (kept as the sign of its index: {@code ~position} for "not positive") is all the
 * backward needs of x.
 *
 * <pre>{@code
 * ReluMaxPool.Result r = ReluMaxPool.forward(x, 2, 2, 2, 2, true);   // r.values() [N, C, H/2, W/2]
 * Tensor dx = ReluMaxPool.backward(gy, r.argmax(), x.shape(), 2, 2, 2, 2);
 * }</pre>
 */
public final class ReluMaxPool {
  private ReluMaxPool() {}

  /**
   * The pooled ReLU values and, when asked for, per output the flat input position of its winner,
   * {@code ~position} where the value is not positive (0 or NaN).
   */
  public record Result(Tensor values, int[] argmax) {}

  /** Whether {@link #forward} takes this input: FLOAT32 and 4-D (any layout). */
  public static boolean supports(Tensor x) {
    return x != null && x.dtype == DType.FLOAT32 && x.shape.length == 4;
  }

  /** {@code relu(x).maxPool2d(kh, kw, sh, sw)}, with the winners when {@code withIndices}; the checks and messages of maxPool2d. */
  public static Result forward(Tensor x, int kh, int kw, int sh, int sw, boolean withIndices) {
    int[] out = Pool.outputShape("maxPool2d", x, kh, kw, sh, sw);
    if (x.dtype != DType.FLOAT32) {
      throw new IllegalArgumentException("reluMaxPool2d: FLOAT32 input only, got " + x.dtype);
    }
    int n = Shapes.numel("maxPool2d", out);
    Tensor values = Tensor.contiguousOver(Storage.allocate(DType.FLOAT32, n), out);
    int[] where = withIndices ? new int[n] : null;
    if (n > 0) {
      Tensor c = x.isContiguous() ? x : Strided.materialize(x, DType.FLOAT32);
      float[] src = c.storage.f;
      float[] dst = values.storage.f;
      int base = c.offset;
      int h = x.shape[2];
      int w = x.shape[3];
      int outH = out[2];
      int outW = out[3];
      boolean twoByTwo = kh == 2 && kw == 2 && sh == 2 && sw == 2;
      Im2Col.planes(out[0] * out[1], (int) Math.min(Integer.MAX_VALUE, (long) n * kh * kw), k -> {
        int xBase = base + k * h * w;
        int o = k * outH * outW;
        int planeStart = k * h * w;
        if (twoByTwo) {
          plane2x2(src, xBase, dst, where, o, planeStart, w, outH, outW);
        } else {
          plane(src, xBase, dst, where, o, planeStart, w, outH, outW, kh, kw, sh, sw);
        }
      });
    }
    return new Result(values, where);
  }

  /**
   * The 2 x 2, stride 2 windows, branch-free as {@code Pool.max2x2} is (random signs after a
   * conv make the comparisons unpredictable). The ReLU values' keys are simply their bits: every
   * ReLU value is +0.0 or positive, whose bits order as the floats do, and a negative or -0.0
   * input has ReLU +0.0, key 0. Ties go to the first in row-major order as in {@code max2x2}: the
   * second of a pair wins only when strictly greater.
   *
   * <p>Tried and not kept (2026-12-03): two passes per pair of rows, first down the columns (the
   * two rows' winner per column, a loop meant for C2 to vectorise) and then along the row (two
   * column winners per window, ties ranked by row). Slower: [64, 16, 28, 28] 1.56-1.57 ms of
   * thread CPU time against 1.27-1.28 ms for this loop, and 1.85-1.92 ms with the NaN check in a
   * loop of its own; rows of 28 values leave C2's vector loop mostly in its scalar pre-loop and
   * tail.
   */
  private static void plane2x2(float[] x, int xBase, float[] y, int[] where, int o, int planeStart, int w,
      int outH, int outW) {
    for (int oh = 0; oh < outH; oh++) {
      int r0 = xBase + 2 * oh * w;
      for (int ow = 0; ow < outW; ow++, o++) {
        int a = r0 + 2 * ow;
        int c = a + w;
        int ba = Float.floatToRawIntBits(x[a]);
        int bb = Float.floatToRawIntBits(x[a + 1]);
        int bc = Float.floatToRawIntBits(x[c]);
        int bd = Float.floatToRawIntBits(x[c + 1]);
        int at;
        int kWin;
        if (isNaN(ba) | isNaN(bb) | isNaN(bc) | isNaN(bd)) {
          at = lastNaN(x, a, w);
          kWin = 0; // NaN is not positive: the index is stored complemented
          y[o] = x[at]; // relu(NaN) = Math.max(NaN, 0f) is that NaN
        } else {
          int ka = ba & ~(ba >> 31);
          int kb = bb & ~(bb >> 31);
          int kc = bc & ~(bc >> 31);
          int kd = bd & ~(bd >> 31);
          int takeB = (ka - kb) >> 31; // keys are non-negative ints: no overflow; -1 when kb > ka
          int top = a + (takeB & 1);
          int kTop = ka + ((kb - ka) & takeB);
          int takeD = (kc - kd) >> 31;
          int bottom = c + (takeD & 1);
          int kBottom = kc + ((kd - kc) & takeD);
          int takeBottom = (kTop - kBottom) >> 31;
          at = top + ((bottom - top) & takeBottom);
          kWin = kTop + ((kBottom - kTop) & takeBottom);
          y[o] = Float.intBitsToFloat(kWin);
        }
        if (where != null) {
          int pos = planeStart + (at - xBase);
          where[o] = pos ^ ((kWin - 1) >> 31); // ~pos when the value is 0 (or NaN)
        }
      }
    }
  }

  private static boolean isNaN(int bits) {
    return (bits & 0x7fffffff) > 0x7f800000;
  }

  /** The last NaN of the 2 x 2 window at {@code a} in row-major order (the pooling rule's winner). */
  private static int lastNaN(float[] x, int a, int w) {
    int at = a;
    int[] order = {a, a + 1, a + w, a + w + 1};
    for (int p : order) {
      if (x[p] != x[p]) {
        at = p;
      }
    }
    return at;
  }

  /** Any window: Pool's general loop on the ReLU values. */
  private static void plane(float[] x, int xBase, float[] y, int[] where, int o, int planeStart, int w,
      int outH, int outW, int kh, int kw, int sh, int sw) {
    for (int oh = 0; oh < outH; oh++) {
      for (int ow = 0; ow < outW; ow++, o++) {
        int start = xBase + oh * sh * w + ow * sw;
        float best = Math.max(x[start], 0f);
        int at = start;
        for (int i = 0; i < kh; i++) {
          int row = start + i * w;
          for (int j = 0; j < kw; j++) {
            float v = Math.max(x[row + j], 0f);
            if (v > best || v != v) {
              best = v;
              at = row + j;
            }
          }
        }
        y[o] = best;
        if (where != null) {
          int pos = planeStart + (at - xBase);
          where[o] = best > 0 ? pos : ~pos;
        }
      }
    }
  }

  /**
   * The input gradient [inputShape] from the output's gradient and {@link #forward}'s indices:
   * {@code (0 + the gradients of the windows won at a position) * (x > 0 ? 1 : 0)} there, 0
   * elsewhere; the composition's values, signed zeros and NaN included ({@code -g * 0} is -0.0).
   */
  public static Tensor backward(Tensor gradOutput, int[] argmax, int[] inputShape, int kh, int kw, int sh, int sw) {
    if (gradOutput == null || argmax == null || inputShape == null) {
      throw new NullPointerException("reluMaxPool2d backward: "
          + (gradOutput == null ? "gradOutput" : argmax == null ? "argmax" : "inputShape") + " is null");
    }
    if (gradOutput.dtype != DType.FLOAT32 || gradOutput.numel != argmax.length || inputShape.length != 4) {
      throw new IllegalArgumentException("reluMaxPool2d backward: gradient " + Shapes.str(gradOutput.shape) + " "
          + gradOutput.dtype + " does not match " + argmax.length + " indices (FLOAT32 only) for input "
          + Arrays.toString(inputShape));
    }
    int numel = Shapes.numel("maxPool2d", inputShape);
    Tensor out = Tensor.contiguousOver(Storage.allocate(DType.FLOAT32, numel), inputShape.clone());
    int count = argmax.length;
    if (count == 0) {
      return out;
    }
    Tensor g = gradOutput.isContiguous() ? gradOutput : Strided.materialize(gradOutput, DType.FLOAT32);
    float[] src = g.storage.f;
    int go = g.offset;
    float[] dst = out.storage.f;
    int planes = inputShape[0] * inputShape[1];
    int perPlane = count / planes;
    boolean disjoint = sh >= kh && sw >= kw;
    // Windows of a plane only reach that plane: planes split across threads as in the forward.
    Im2Col.planes(planes, count, k -> {
      int from = k * perPlane;
      int to = from + perPlane;
      if (disjoint) {
        // Each position is won by one window at most: (0 + g) * mask in one store.
        for (int o = from; o < to; o++) {
          int p = argmax[o];
          int s = p >> 31;
          dst[p ^ s] = (0f + src[go + o]) * Float.intBitsToFloat(~s & 0x3f800000);
        }
      } else {
        for (int o = from; o < to; o++) {
          int p = argmax[o];
          dst[p ^ (p >> 31)] += src[go + o];
        }
        // x <= 0 there: the sum times 0 (idempotent, so a position won several times is fine).
        for (int o = from; o < to; o++) {
          int p = argmax[o];
          if (p < 0) {
            dst[~p] *= 0f;
          }
        }
      }
    });
    return out;
  }

  /** The winners' flat positions, signs removed, as the FLOAT64 index tensor maxPool2d records (for the differentiable form). */
  public static Tensor positions(int[] argmax, int[] outShape) {
    double[] d = new double[argmax.length];
    for (int i = 0; i < d.length; i++) {
      int p = argmax[i];
      d[i] = p ^ (p >> 31);
    }
    return Tensor.contiguousOver(Storage.of(d), outShape.clone());
  }
}
