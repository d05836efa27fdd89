package dev.tinytorch.tensor;

/**
 * Fused forward kernels of 2-D max and average pooling over NCHW inputs, without padding or
 * dilation: window (oh, ow) covers rows {@code oh*sh .. oh*sh+kh-1} and columns
 * {@code ow*sw .. ow*sw+kw-1}, and there are {@code floor((H - kh) / sh) + 1} by
 * {@code floor((W - kw) / sw) + 1} windows. Each (image, channel) plane is one task, split across
 * the common pool as im2col's planes are; a contiguous input (at any offset) is read in place.
 *
 * <p>Max pooling can also return, per output, the flat position of its maximum in the row-major
 * [N, C, H, W] input (as FLOAT64 whole numbers): the first maximum in the window's row-major order,
 * and for NaN (which wins, as in PyTorch) the last NaN, matching {@code max_pool2d}'s indices.
 * Average pooling sums each window in double and divides by {@code kh * kw} once.
 */
final class Pool {
  private Pool() {}

  /** {@code {values}} or, with {@code withIndices}, {@code {values, flat input positions of the maxima}}. */
  static Tensor[] maxPool2d(Tensor input, int kh, int kw, int sh, int sw, boolean withIndices) {
    String op = "maxPool2d";
    int[] out = outputShape(op, input, kh, kw, sh, sw);
    int n = Shapes.numel(op, out);
    Tensor values = Tensor.contiguousOver(Storage.allocate(input.dtype, n), out);
    double[] where = withIndices ? new double[n] : null;
    Tensor indices = withIndices ? Tensor.contiguousOver(Storage.of(where), out.clone()) : null;
    if (n > 0) {
      Tensor x = input.isContiguous() ? input : Strided.materialize(input, input.dtype);
      Geometry geo = new Geometry(input.shape, kh, kw, sh, sw);
      Storage src = x.storage;
      Storage dst = values.storage;
      int base = x.offset;
      Im2Col.planes(out[0] * out[1], geo.reads(), k -> {
        if (dst.f != null) {
          maxPlane(src.f, base, dst.f, where, k, geo);
        } else {
          maxPlane(src.d, base, dst.d, where, k, geo);
        }
      });
    }
    return withIndices ? new Tensor[] {values, indices} : new Tensor[] {values};
  }

  /** The mean of every window. */
  static Tensor avgPool2d(Tensor input, int kh, int kw, int sh, int sw) {
    String op = "avgPool2d";
    int[] out = outputShape(op, input, kh, kw, sh, sw);
    int n = Shapes.numel(op, out);
    Tensor values = Tensor.contiguousOver(Storage.allocate(input.dtype, n), out);
    if (n > 0) {
      Tensor x = input.isContiguous() ? input : Strided.materialize(input, input.dtype);
      Geometry geo = new Geometry(input.shape, kh, kw, sh, sw);
      Storage src = x.storage;
      Storage dst = values.storage;
      int base = x.offset;
      Im2Col.planes(out[0] * out[1], geo.reads(), k -> {
        if (dst.f != null) {
          avgPlane(src.f, base, dst.f, k, geo);
        } else {
          avgPlane(src.d, base, dst.d, k, geo);
        }
      });
    }
    return values;
  }

  /** The checked output shape [N, C, outH, outW]; every refusal names the op, the shape and the fix. */
  static int[] outputShape(String op, Tensor input, int kh, int kw, int sh, int sw) {
    if (input == null) {
      throw new IllegalArgumentException(op + ": input is null; pass a 4-D tensor [N, C, H, W]");
    }
    int[] s = input.shape;
    if (s.length != 4) {
      throw new IllegalArgumentException(
          op + ": expects a 4-D input [N, C, H, W], got shape " + Shapes.str(s)
              + (s.length == 3 ? "; add the batch dim with unsqueeze(0)" : "; reshape it to [N, C, H, W]"));
    }
    if (kh < 1 || kw < 1) {
      throw new IllegalArgumentException(
          op + ": kernel size (" + kh + ", " + kw + ") must be positive; use a kernel of at least 1 x 1");
    }
    if (sh < 1 || sw < 1) {
      throw new IllegalArgumentException(
          op + ": stride (" + sh + ", " + sw + ") must be positive; use the kernel size (" + kh + ", " + kw
              + ") for windows that do not overlap");
    }
    if (s[1] < 1) {
      throw new IllegalArgumentException(
          op + ": input " + Shapes.str(s) + " has no channels; C must be at least 1 (only the batch size N may be 0)");
    }
    if (kh > s[2] || kw > s[3]) {
      throw new IllegalArgumentException(
          op + ": kernel size (" + kh + ", " + kw + ") is larger than the input's " + s[2] + " x " + s[3]
              + " plane (input " + Shapes.str(s) + "), so no window fits (there is no padding); use a kernel of at most ("
              + s[2] + ", " + s[3] + ")");
    }
    return new int[] {s[0], s[1], (s[2] - kh) / sh + 1, (s[3] - kw) / sw + 1};
  }

  /** One plane's window geometry. */
  private static final class Geometry {
    final int h;
    final int w;
    final int kh;
    final int kw;
    final int sh;
    final int sw;
    final int outH;
    final int outW;
    final long planes;

    Geometry(int[] shape, int kh, int kw, int sh, int sw) {
      this.h = shape[2];
      this.w = shape[3];
      this.kh = kh;
      this.kw = kw;
      this.sh = sh;
      this.sw = sw;
      this.outH = (h - kh) / sh + 1;
      this.outW = (w - kw) / sw + 1;
      this.planes = (long) shape[0] * shape[1];
    }

    /** Input reads over all planes (the work), capped at an int, to decide on threads. */
    int reads() {
      return (int) Math.min(Integer.MAX_VALUE, planes * outH * outW * kh * kw);
    }
  }

  // ---- per plane: plane k starts at base + k*h*w in the input and at k*outH*outW in the output ----

  private static void maxPlane(float[] x, int base, float[] y, double[] where, int k, Geometry g) {
    int plane = g.h * g.w;
    int xBase = base + k * plane;
    int o = k * g.outH * g.outW;
    if (g.kh == 2 && g.kw == 2 && g.sh == 2 && g.sw == 2) {
      max2x2(x, xBase, y, where, o, (double) k * plane, g);
      return;
    }
    for (int oh = 0; oh < g.outH; oh++) {
      for (int ow = 0; ow < g.outW; ow++, o++) {
        int start = xBase + oh * g.sh * g.w + ow * g.sw;
        float best = x[start];
        int at = start;
        for (int i = 0; i < g.kh; i++) {
          int row = start + i * g.w;
          for (int j = 0; j < g.kw; j++) {
            float v = x[row + j];
            if (v > best || v != v) {
              best = v;
              at = row + j;
            }
          }
        }
        y[o] = best;
        if (where != null) {
          where[o] = (double) k * plane + (at - xBase);
        }
      }
    }
  }

  /**
   * The common 2 x 2, stride 2 window, without branches on the data: after a ReLU about half the
   * comparisons go either way at random, and the general loop's {@code if} mispredicted so often
   * that pooling took 16 % of a CNN step's samples (5.5 ms for [64,16,28,28] on one thread; this
   * kernel: about 1.2 ms). Values are compared as ordered int keys and the winners picked with
   * masks. Same winner as the general loop, the first maximum in row-major window order: the
   * window is a tournament of its rows, the second entry of a pair winning only when strictly
   * greater. Keys of -0.0 and 0.0 are equal (0.0 is added first), as they compare in floats, and
   * the value stored is read back at the winning index, so its sign of zero is the general rule's.
   * A window holding NaN goes to the general loop, which has the NaN rule.
   *
   * <p>Tried and slower: the same tournament with {@code cond ? a : b} selects and Math.max for
   * the running values, about 2.1 ms, since C2 turned the selects back into branches.
   */
  private static void max2x2(float[] x, int xBase, float[] y, double[] where, int o, double planeStart, Geometry g) {
    int w = g.w;
    for (int oh = 0; oh < g.outH; oh++) {
      int r0 = xBase + 2 * oh * w;
      for (int ow = 0; ow < g.outW; ow++, o++) {
        int a = r0 + 2 * ow;
        int c = a + w;
        float va = x[a];
        float vb = x[a + 1];
        float vc = x[c];
        float vd = x[c + 1];
        int at;
        if (va != va | vb != vb | vc != vc | vd != vd) {
          at = maxAt(x, a, w);
        } else {
          int ka = key(va);
          int kb = key(vb);
          int kc = key(vc);
          int kd = key(vd);
          int takeB = (int) (((long) ka - kb) >> 63); // -1 when kb > ka, else 0
          int top = a + (takeB & 1);
          int kTop = ka + ((kb - ka) & takeB);
          int takeD = (int) (((long) kc - kd) >> 63);
          int bottom = c + (takeD & 1);
          int kBottom = kc + ((kd - kc) & takeD);
          int takeBottom = (int) (((long) kTop - kBottom) >> 63);
          at = top + ((bottom - top) & takeBottom);
        }
        y[o] = x[at];
        if (where != null) {
          where[o] = planeStart + (at - xBase);
        }
      }
    }
  }

  /** An int whose signed order is the float order of non-NaN values, with -0.0 and 0.0 equal. */
  private static int key(float v) {
    int bits = Float.floatToRawIntBits(v + 0.0f);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  /** The general rule for one 2 x 2 window at {@code a}: the last NaN, else the first maximum. */
  private static int maxAt(float[] x, int a, int w) {
    int[] order = {a, a + 1, a + w, a + w + 1};
    float best = x[a];
    int at = a;
    for (int i = 1; i < 4; i++) {
      float v = x[order[i]];
      if (v > best || v != v) {
        best = v;
        at = order[i];
      }
    }
    return at;
  }

  private static void maxPlane(double[] x, int base, double[] y, double[] where, int k, Geometry g) {
    int plane = g.h * g.w;
    int xBase = base + k * plane;
    int o = k * g.outH * g.outW;
    for (int oh = 0; oh < g.outH; oh++) {
      for (int ow = 0; ow < g.outW; ow++, o++) {
        int start = xBase + oh * g.sh * g.w + ow * g.sw;
        double best = x[start];
        int at = start;
        for (int i = 0; i < g.kh; i++) {
          int row = start + i * g.w;
          for (int j = 0; j < g.kw; j++) {
            double v = x[row + j];
            if (v > best || v != v) {
              best = v;
              at = row + j;
            }
          }
        }
        y[o] = best;
        if (where != null) {
          where[o] = (double) k * plane + (at - xBase);
        }
      }
    }
  }

  private static void avgPlane(float[] x, int base, float[] y, int k, Geometry g) {
    int xBase = base + k * g.h * g.w;
    int o = k * g.outH * g.outW;
    double count = (double) g.kh * g.kw;
    for (int oh = 0; oh < g.outH; oh++) {
      for (int ow = 0; ow < g.outW; ow++, o++) {
        int start = xBase + oh * g.sh * g.w + ow * g.sw;
        double sum = 0;
        for (int i = 0; i < g.kh; i++) {
          int row = start + i * g.w;
          for (int j = 0; j < g.kw; j++) {
            sum += x[row + j];
          }
        }
        y[o] = (float) (sum / count);
      }
    }
  }

  private static void avgPlane(double[] x, int base, double[] y, int k, Geometry g) {
    int xBase = base + k * g.h * g.w;
    int o = k * g.outH * g.outW;
    double count = (double) g.kh * g.kw;
    for (int oh = 0; oh < g.outH; oh++) {
      for (int ow = 0; ow < g.outW; ow++, o++) {
        int start = xBase + oh * g.sh * g.w + ow * g.sw;
        double sum = 0;
        for (int i = 0; i < g.kh; i++) {
          int row = start + i * g.w;
          for (int j = 0; j < g.kw; j++) {
            sum += x[row + j];
          }
        }
        y[o] = sum / count;
      }
    }
  }
}
