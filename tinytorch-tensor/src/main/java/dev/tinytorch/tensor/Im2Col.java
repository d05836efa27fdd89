package dev.tinytorch.tensor;

/**
 * The im2col kernels behind {@code unfold} and {@code fold}: sliding 2-D windows of an NCHW input
 * laid out as the columns of a matrix {@code [N, C*kh*kw, L]} (row {@code c*kh*kw + i*kw + j},
 * column {@code oh*outW + ow}, exactly PyTorch's layout), and the adjoint that sums such columns
 * back into an image.
 *
 * <p>Both work one (image, channel) plane at a time. For each kernel tap (i, j) the rows and
 * columns of the output that read inside the unpadded input are computed once, so the inner loop
 * is a branch-free copy (or add) of a run of input elements, {@code System.arraycopy} when the
 * stride is 1; padding is never materialised, it is the zeros the result array starts with.
 * Large inputs are split by plane across the common fork-join pool.
 */
final class Im2Col {
  /** Results with at least this many elements are split across threads. */
  static final int PARALLEL_ELEMENTS = 1 << 17;

  private Im2Col() {}

  /** {@code [N, C, H, W] -> [N, C*kh*kw, outH*outW]}, zeros where a window reads padding. */
  static Tensor unfold(Tensor input, Conv2dParams p) {
    String op = "unfold";
    requireParams(op, p);
    int[] s = input.shape;
    if (s.length != 4) {
      throw new IllegalArgumentException(
          op + ": expects a 4-D input [N, C, H, W], got shape " + Shapes.str(s)
              + (s.length == 3 ? "; add the batch dim with unsqueeze(0)" : "; reshape it to [N, C, H, W]"));
    }
    if (s[1] < 1 || s[2] < 1 || s[3] < 1) {
      throw new IllegalArgumentException(
          op + ": input " + Shapes.str(s) + " has an empty channel, height or width; C, H and W must be "
              + "at least 1 (only the batch size N may be 0)");
    }
    int blocks = blocks(op, s[2], s[3], p, s);
    long rows = (long) s[1] * p.kernelH() * p.kernelW();
    if (rows > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          op + ": input " + Shapes.str(s) + " with kernel_size (" + p.kernelH() + ", " + p.kernelW() + ") needs "
              + rows + " rows (C * kh * kw), more than 2^31; use a smaller kernel or fewer channels");
    }
    int[] outShape = {s[0], (int) rows, blocks};
    Plan plan = new Plan(s[2], s[3], p);
    Tensor result = Tensor.contiguousOver(Storage.allocate(input.dtype, Shapes.numel(op, outShape)), outShape);
    if (result.numel > 0) {
      Tensor x = Strided.dense(input, input.dtype);
      planes(s[0] * s[1], result.numel, k -> plan.unfoldPlane(x.storage, x.offset + k * plan.h * plan.w, result.storage,
          k * plan.rows()));
    }
    return result;
  }

  /** {@code [N, C*kh*kw, L] -> [N, C, outH, outW]}, overlapping window values summed. */
  static Tensor fold(Tensor input, int outH, int outW, Conv2dParams p) {
    String op = "fold";
    requireParams(op, p);
    int[] s = input.shape;
    if (s.length != 3) {
      throw new IllegalArgumentException(
          op + ": expects a 3-D input [N, C*kh*kw, L] (the layout unfold returns), got shape " + Shapes.str(s)
              + (s.length == 2 ? "; add the batch dim with unsqueeze(0)" : ""));
    }
    if (outH < 1 || outW < 1) {
      throw new IllegalArgumentException(
          op + ": output size (" + outH + ", " + outW + ") must be positive; pass the height and width of "
              + "the image to rebuild");
    }
    long taps = (long) p.kernelH() * p.kernelW();
    if (s[1] < 1 || s[1] % taps != 0) {
      throw new IllegalArgumentException(
          op + ": input " + Shapes.str(s) + " has " + s[1] + " rows in dim 1, which is not a positive multiple "
              + "of the kernel size " + p.kernelH() + "*" + p.kernelW() + " = " + taps
              + "; dim 1 must be C * kh * kw for the kernel_size the columns were made with");
    }
    int channels = (int) (s[1] / taps);
    int blocks = blocks(op, outH, outW, p, null);
    if (s[2] != blocks) {
      throw new IllegalArgumentException(
          op + ": input " + Shapes.str(s) + " has " + s[2] + " columns (L) but output size (" + outH + ", "
              + outW + ") with " + p + " has " + p.outputH(outH) + " x " + p.outputW(outW) + " = " + blocks
              + " window positions; L must equal that count (check the output size and the params)");
    }
    Plan plan = new Plan(outH, outW, p);
    int[] outShape = {s[0], channels, outH, outW};
    Tensor result = Tensor.contiguousOver(Storage.allocate(input.dtype, Shapes.numel(op, outShape)), outShape);
    if (result.numel > 0) {
      Tensor cols = Strided.dense(input, input.dtype);
      planes(s[0] * channels, cols.numel, k -> plan.foldPlane(cols.storage, k * plan.rows(), result.storage,
          k * plan.h * plan.w));
    }
    return result;
  }

  /**
   * Window positions {@code outH * outW} over an {@code h x w} image, checked to be at least one
   * and to fit an int. The image is the input {@code shape} for unfold, or the output size for fold.
   */
  private static int blocks(String op, int h, int w, Conv2dParams p, int[] shape) {
    int bh = p.outputH(h);
    int bw = p.outputW(w);
    if (bh < 1 || bw < 1) {
      String what = describe(shape, h, w);
      throw new IllegalArgumentException(
          op + ": with " + p + " the window spans " + p.spanH() + " x " + p.spanW() + " but " + what
              + " padded is only " + (h + 2L * p.paddingH()) + " x " + (w + 2L * p.paddingW())
              + ", so it fits nowhere; use a smaller kernel or dilation, more padding, or a larger image");
    }
    long count = (long) bh * bw;
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          op + ": " + describe(shape, h, w) + " with " + p + " has " + bh + " x " + bw + " window positions, more than 2^31; "
              + "use a larger stride or a smaller image");
    }
    return (int) count;
  }

  private static String describe(int[] inputShape, int h, int w) {
    return inputShape != null ? "input " + Shapes.str(inputShape) : "output size (" + h + ", " + w + ")";
  }

  private static void requireParams(String op, Conv2dParams p) {
    if (p == null) {
      throw new IllegalArgumentException(op + ": params is null; pass a window such as Conv2dParams.of(3, 3)");
    }
  }

  /** Work on one (image, channel) plane; planes touch disjoint parts of the result. */
  interface PlaneWork {
    void run(int plane);
  }

  /** Runs {@code work} on planes 0..count-1, split by plane across threads when {@code elements} is large (pooling uses it too). */
  static void planes(int count, int elements, PlaneWork work) {
    int workers = elements < PARALLEL_ELEMENTS ? 1 : Math.min(count, Parallel.THREADS);
    if (workers <= 1) {
      for (int k = 0; k < count; k++) {
        work.run(k);
      }
      return;
    }
    Parallel.forWorkers(workers, w -> {
      for (int k = (int) ((long) count * w / workers), to = (int) ((long) count * (w + 1) / workers); k < to; k++) {
        work.run(k);
      }
    });
  }

  /**
   * The geometry of one image plane and, per kernel tap, the window positions that read inside the
   * image: rows {@code ohLo[i] <= oh < ohHi[i]} for tap row i, columns {@code owLo[j] <= ow < owHi[j]}
   * for tap column j. Everything outside those ranges reads padding.
   */
  static final class Plan {
    final int h;
    final int w;
    final int kh;
    final int kw;
    final int sh;
    final int sw;
    final int ph;
    final int pw;
    final int dh;
    final int dw;
    final int outH;
    final int outW;
    final int blocks;
    final int[] ohLo;
    final int[] ohHi;
    final int[] owLo;
    final int[] owHi;

    Plan(int h, int w, Conv2dParams p) {
      this.h = h;
      this.w = w;
      this.kh = p.kernelH();
      this.kw = p.kernelW();
      this.sh = p.strideH();
      this.sw = p.strideW();
      this.ph = p.paddingH();
      this.pw = p.paddingW();
      this.dh = p.dilationH();
      this.dw = p.dilationW();
      this.outH = p.outputH(h);
      this.outW = p.outputW(w);
      this.blocks = outH * outW;
      this.ohLo = new int[kh];
      this.ohHi = new int[kh];
      for (int i = 0; i < kh; i++) {
        inside((long) i * dh - ph, sh, h, outH, ohLo, ohHi, i);
      }
      this.owLo = new int[kw];
      this.owHi = new int[kw];
      for (int j = 0; j < kw; j++) {
        inside((long) j * dw - pw, sw, w, outW, owLo, owHi, j);
      }
      this.joined = sw == 1 && (long) sh * w == outW;
    }

    /**
     * Whether a tap's runs for consecutive output rows lie end to end (but for the padding slots
     * between them) in both the image and the columns: stride 1 across, and an image row as long
     * as an output row ("same" padding at stride 1, as both convs of the CNN benchmark). Each tap
     * is then one long run instead of one run per output row: runs of 14 values (a 14 x 14
     * plane) kept System.arraycopy's and C2's vector loops in their set-up and tails. CNN
     * benchmark's second conv, 64 images, thread CPU time (Xeon, JDK 17, Vector API): forward
     * 2.77 to 2.43-2.58 ms, weight gradient 2.0-2.06 to 1.66-1.72 (both unfold), input gradient
     * 3.0 to 2.76-2.85 (fold). On the plain kernels within the noise (the GEMM dominates).
     */
    final boolean joined;

    /** The positions o in [0, out) with {@code 0 <= o*stride + shift < size}, as [lo[k], hi[k]). */
    private static void inside(long shift, int stride, int size, int out, int[] lo, int[] hi, int k) {
      long first = Math.max(0, -Math.floorDiv(shift, (long) stride));
      long end = Math.min(out, Math.floorDiv(size - 1 - shift, (long) stride) + 1);
      lo[k] = (int) Math.min(first, out);
      hi[k] = (int) Math.max(end, lo[k]);
    }

    /** Values in the kh*kw rows of the columns that one input plane makes. */
    int rows() {
      return kh * kw * blocks;
    }

    /**
     * Writes the kh*kw rows of columns that the input plane at {@code xBase} makes, from
     * {@code colBase} on; the positions that read padding are left as they are (zeros).
     */
    void unfoldPlane(Storage x, int xBase, Storage cols, int colBase) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          unfoldTap(x, xBase, i, j, cols, colBase + (i * kw + j) * blocks);
        }
      }
    }

    /** Writes the row of kernel tap (i, j) of the input plane at {@code xBase}, at {@code rowBase}. */
    void unfoldTap(Storage x, int xBase, int i, int j, Storage cols, int rowBase) {
      int lo = owLo[j];
      int len = owHi[j] - lo;
      if (len == 0) {
        return;
      }
      int iw = lo * sw + j * dw - pw;
      if (joined && ohHi[i] > ohLo[i]) {
        // One copy over all the rows, then the padding slots it passed over put back to zero:
        // the same values as row by row.
        int first = ohLo[i];
        int src = xBase + (first * sh + i * dh - ph) * w + iw;
        int dst = rowBase + first * outW + lo;
        int total = (ohHi[i] - 1 - first) * outW + len;
        if (x.f != null) {
          System.arraycopy(x.f, src, cols.f, dst, total);
          if (len < outW) {
            for (int oh = first; oh < ohHi[i] - 1; oh++) {
              // A loop, not Arrays.fill: gaps of one or two slots, and the call was 5 % of a step.
              for (int t = rowBase + oh * outW + lo + len, end = t + outW - len; t < end; t++) {
                cols.f[t] = 0f;
              }
            }
          }
        } else {
          System.arraycopy(x.d, src, cols.d, dst, total);
          if (len < outW) {
            for (int oh = first; oh < ohHi[i] - 1; oh++) {
              // A loop, not Arrays.fill: gaps of one or two slots, and the call was 5 % of a step.
              for (int t = rowBase + oh * outW + lo + len, end = t + outW - len; t < end; t++) {
                cols.d[t] = 0.0;
              }
            }
          }
        }
        return;
      }
      for (int oh = ohLo[i]; oh < ohHi[i]; oh++) {
        int ih = oh * sh + i * dh - ph;
        int src = xBase + ih * w + iw;
        int dst = rowBase + oh * outW + lo;
        if (x.f != null) {
          gather(x.f, src, sw, cols.f, dst, len);
        } else {
          gather(x.d, src, sw, cols.d, dst, len);
        }
      }
    }

    /** Adds the kh*kw rows of columns at {@code colBase} into the image plane at {@code imBase}. */
    void foldPlane(Storage cols, int colBase, Storage image, int imBase) {
      for (int i = 0; i < kh; i++) {
        for (int j = 0; j < kw; j++) {
          int rowBase = colBase + (i * kw + j) * blocks;
          int lo = owLo[j];
          int len = owHi[j] - lo;
          if (len == 0) {
            continue;
          }
          int iw = lo * sw + j * dw - pw;
          if (joined && len == outW && ohHi[i] > ohLo[i]) {
            // Full rows lying end to end: one run. (Shorter rows cannot join: the columns hold
            // values at their padding slots, which must not reach the image.)
            int first = ohLo[i];
            int dst = imBase + (first * sh + i * dh - ph) * w + iw;
            int src = rowBase + first * outW + lo;
            int total = (ohHi[i] - first) * outW;
            if (image.f != null) {
              scatterAdd(cols.f, src, image.f, dst, 1, total);
            } else {
              scatterAdd(cols.d, src, image.d, dst, 1, total);
            }
            continue;
          }
          for (int oh = ohLo[i]; oh < ohHi[i]; oh++) {
            int ih = oh * sh + i * dh - ph;
            int dst = imBase + ih * w + iw;
            int src = rowBase + oh * outW + lo;
            if (image.f != null) {
              scatterAdd(cols.f, src, image.f, dst, sw, len);
            } else {
              scatterAdd(cols.d, src, image.d, dst, sw, len);
            }
          }
        }
      }
    }
  }

  // ---- the inner loops: one run of n elements, every index in range by construction ----

  // Tried and not kept (2026-12-03, issue 13): these runs (14 values for a 14 x 14 plane with
  // padding 1) as one masked Vector API load, add and store per 16 values. On JDK 17 the masked
  // tail was far slower than the scalar loop: the CNN benchmark's second conv, 64 images, fold
  // 1.36 to 7.9-8.4 ms and unfold (masked copy instead of System.arraycopy) 0.62 to 3.7-5.4 ms.

  private static void gather(float[] x, int s, int step, float[] y, int d, int n) {
    if (step == 1) {
      System.arraycopy(x, s, y, d, n);
    } else {
      for (int t = 0; t < n; t++) {
        y[d + t] = x[s + t * step];
      }
    }
  }

  private static void gather(double[] x, int s, int step, double[] y, int d, int n) {
    if (step == 1) {
      System.arraycopy(x, s, y, d, n);
    } else {
      for (int t = 0; t < n; t++) {
        y[d + t] = x[s + t * step];
      }
    }
  }

  private static void scatterAdd(float[] y, int s, float[] x, int d, int step, int n) {
    if (step == 1) {
      for (int t = 0; t < n; t++) {
        x[d + t] += y[s + t];
      }
    } else {
      for (int t = 0; t < n; t++) {
        x[d + t * step] += y[s + t];
      }
    }
  }

  private static void scatterAdd(double[] y, int s, double[] x, int d, int step, int n) {
    if (step == 1) {
      for (int t = 0; t < n; t++) {
        x[d + t] += y[s + t];
      }
    } else {
      for (int t = 0; t < n; t++) {
        x[d + t * step] += y[s + t];
      }
    }
  }
}
