package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * A FLOAT32 2-D convolution and its gradients, fused image by image: each image is unfolded
 * (im2col) into a scratch block that stays in L2, multiplied there, and the bias added as the
 * result is still in cache. The composition it replaces ({@code unfold}, a batched {@code matmul},
 * a broadcast {@code add}, and their backward rules) made every intermediate a whole-batch tensor:
 * for the CNN benchmark's second conv, columns [64, 144, 196] (7 MB) written and read back in the
 * forward, the same size again as the columns' gradient, a [64, 32, 144] weight gradient per image
 * and an [N, O, L] copy for the bias, about 30 MB per conv and step, each freshly zeroed.
 *
 * <pre>{@code
 * Tensor y = ConvKernels.conv2d(x, weight, bias, Conv2dParams.of(3, 3).padding(1));  // [N, O, outH, outW]
 * Tensor[] g = ConvKernels.conv2dBackward(gy, x, weight, true, params, true, true);     // {dx, dW, db}
 * }</pre>
 *
 * <p>The products are the same calls as the composition's, one [O, K] @ [K, L] per image
 * (K = C*kh*kw, L = outH*outW) and [K, O] @ [O, L] for the columns' gradient, so the output
 * and the input gradient are bit-identical to it. The weight and bias gradients sum the images in
 * order (the bias in double), where the composition summed an [N, ...] tensor with the reduction
 * kernels: equal to within rounding. Only FLOAT32 operands (contiguous or not) take this path (see
 * {@link #supports}); nn's conv2d uses the composition for the others and when the backward must
 * itself be differentiable. Large convolutions are split by image across threads, each with its
 * own scratch and partial weight gradient, the partials then added in thread order.
 */
public final class ConvKernels {
  /** Convolutions with at least this many multiply-adds are split by image across threads. */
  static final long PARALLEL_WORK = MatMul.PARALLEL_WORK;

  private ConvKernels() {}

  /** Whether {@link #conv2d} takes these operands: FLOAT32 input [N, C, H, W], weight [O, C, kh, kw], bias [O] or null. */
  public static boolean supports(Tensor x, Tensor weight, Tensor bias) {
    return x != null && weight != null && x.dtype == DType.FLOAT32 && weight.dtype == DType.FLOAT32
        && x.shape.length == 4 && weight.shape.length == 4 && x.shape[1] == weight.shape[1]
        && (bias == null || bias.dtype == DType.FLOAT32 && bias.shape.length == 1 && bias.shape[0] == weight.shape[0]);
  }

  /**
   * {@code weight.reshape(O, -1) @ unfold(x) + bias[:, None]}, reshaped to [N, O, outH, outW]:
   * torch's {@code conv2d(x, weight, bias, stride, padding, dilation)}. The window must fit
   * the padded input (the caller checks, with its own message).
   */
  public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, Conv2dParams p) {
    Geometry g = new Geometry(x.shape, weight.shape, p);
    int[] outShape = {g.n, g.o, g.outH, g.outW};
    Tensor out = Tensor.contiguousOver(Storage.allocate(DType.FLOAT32, Shapes.numel("conv2d", outShape)), outShape);
    if (out.numel == 0) {
      return out;
    }
    float[] xs = Strided.dense(x, DType.FLOAT32).storage.f;
    float[] w = Strided.dense(weight, DType.FLOAT32).storage.f;
    float[] b = bias == null ? null : Strided.dense(bias, DType.FLOAT32).storage.f;
    float[] y = out.storage.f;
    g.byImage((from, to) -> {
      float[] cols = new float[g.k * g.l];
      Storage colStore = Storage.of(cols);
      Storage xStore = Storage.of(xs);
      for (int img = from; img < to; img++) {
        g.unfold(xStore, img, colStore);
        int yo = img * g.o * g.l;
        GemmFloat.gemm(0, g.o, g.l, g.k, w, 0, g.k, 1, cols, 0, g.l, 1, y, yo, g.l);
        if (b != null) {
          // The broadcast add's sums, while the image's output is still in cache.
          for (int c = 0; c < g.o; c++) {
            float bc = b[c];
            for (int i = yo + c * g.l, end = i + g.l; i < end; i++) {
              y[i] += bc;
            }
          }
        }
      }
    });
    return out;
  }

  /**
   * The gradients of {@link #conv2d} from the output's gradient {@code gy} [N, O, outH, outW]:
   * {@code {dx, dWeight, dBias}}, null where not asked for ({@code dBias} also when
   * {@code hasBias} is false).
   */
  public static Tensor[] conv2dBackward(Tensor gy, Tensor x, Tensor weight, boolean hasBias, Conv2dParams p,
      boolean needX, boolean needWeight) {
    Geometry g = new Geometry(x.shape, weight.shape, p);
    float[] gs = Strided.dense(gy, DType.FLOAT32).storage.f;
    Tensor dx = null;
    Tensor dw = null;
    Tensor db = null;
    if (hasBias) {
      db = Tensor.contiguousOver(Storage.of(biasGradient(gs, g)), new int[] {g.o});
    }
    if (needWeight) {
      dw = Tensor.contiguousOver(Storage.of(weightGradient(gs, Strided.dense(x, DType.FLOAT32).storage.f, g)),
          weight.shape.clone());
    }
    if (needX) {
      dx = Tensor.contiguousOver(Storage.of(inputGradient(gs, Strided.dense(weight, DType.FLOAT32).storage.f, g)),
          x.shape.clone());
    }
    return new Tensor[] {dx, dw, db};
  }

  /**
   * Per channel, the sum over images and positions, in double, eight partial sums per run of L
   * values so that the adds do not wait on each other. Tried first: the images added position by
   * position into one float row (C2 does not vectorise it, the two arrays being indexed
   * differently), 2.6 % of a Vector API CNN step; one double sum over all N*L values, a chain of
   * dependent adds, about 1 ms for [64, 16, 28, 28].
   */
  private static float[] biasGradient(float[] gy, Geometry g) {
    float[] db = new float[g.o];
    for (int c = 0; c < g.o; c++) {
      double s0 = 0;
      double s1 = 0;
      double s2 = 0;
      double s3 = 0;
      double s4 = 0;
      double s5 = 0;
      double s6 = 0;
      double s7 = 0;
      for (int img = 0; img < g.n; img++) {
        int i = (img * g.o + c) * g.l;
        int end = i + g.l;
        for (; i + 8 <= end; i += 8) {
          s0 += gy[i];
          s1 += gy[i + 1];
          s2 += gy[i + 2];
          s3 += gy[i + 3];
          s4 += gy[i + 4];
          s5 += gy[i + 5];
          s6 += gy[i + 6];
          s7 += gy[i + 7];
        }
        for (; i < end; i++) {
          s0 += gy[i];
        }
      }
      db[c] = (float) (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
    }
    return db;
  }

  /** {@code sum_n gy_n @ cols_n^T}, [O, K], the images summed in order (per thread, then the threads in order). */
  private static float[] weightGradient(float[] gy, float[] xs, Geometry g) {
    int size = g.o * g.k;
    int workers = g.workers();
    float[][] partial = new float[workers][];
    boolean transposed = vectorTransposed(g.o, g.k);
    g.byWorker(workers, (worker, from, to) -> {
      if (ConvThinGradient.applies(g.k, g.l)) {
        partial[worker] = ConvThinGradient.weightGradient(gy, Storage.of(xs), from, to, g.o, g.k, g.l, g::unfoldRows);
        return;
      }
      float[] cols = new float[g.k * g.l];
      float[] product = new float[size];
      float[] sum = new float[size];
      Storage colStore = Storage.of(cols);
      Storage xStore = Storage.of(xs);
      for (int img = from; img < to; img++) {
        g.unfold(xStore, img, colStore);
        if (transposed) {
          // dW^T = cols @ gy^T, [K, L] @ [L, O], stored transposed into the [O, K] product; the
          // columns, just unfolded and still in cache, read in place rather than packed.
          VectorGemmInPlaceA.product(0, g.k, g.o, g.l, cols, 0, g.l, gy, img * g.o * g.l, 1, g.l, product, 0, 1, g.k);
        } else {
          // [O, L] @ [L, K] with B the transposed columns, the composition's product per image.
          GemmFloat.gemm(0, g.o, g.k, g.l, gy, img * g.o * g.l, g.l, 1, cols, 0, 1, g.l, product, 0, g.k);
        }
        if (img == from) {
          System.arraycopy(product, 0, sum, 0, size);
        } else {
          for (int i = 0; i < size; i++) {
            sum[i] += product[i];
          }
        }
      }
      partial[worker] = sum;
    });
    float[] dw = partial[0];
    for (int w = 1; w < workers; w++) {
      for (int i = 0; i < size; i++) {
        dw[i] += partial[w][i];
      }
    }
    return dw;
  }

  /**
   * Whether the Vector API's blocked kernel should compute the weight gradient as {@code dW^T =
   * cols @ gy^T}: its columns are then the O output channels instead of the K taps, and with
   * 32-column panels (AVX-512) 32 channels fill them where 144 taps leave a panel half empty; B is
   * then gy^T (O x L) rather than the transposed columns (K x L), a quarter of the packing. For the
   * CNN benchmark's second conv, 64 x [32, 196] @ [196, 144]: 2.16-2.22 ms against 2.74-2.75 (one
   * thread, Zen 4). The same elements are FMA chains over the same depths in the same order
   * either way. On the plain kernels the transposed form is far slower (13-17 ms: rows of 32
   * columns leave C2's vector loop mostly in its scalar pre-loop and tail), so they keep [O, K].
   */
  static boolean vectorTransposed(int o, int k) {
    if (!Kernels.VECTOR || o < Gemm.MIN_VECTOR || k < Gemm.MIN_VECTOR) {
      return false;
    }
    int nr = VectorGemmFloat.NR;
    double fillO = (double) o / ((o + nr - 1) / nr * nr);
    double fillK = (double) k / ((k + nr - 1) / nr * nr);
    return fillO >= fillK;
  }

  /** {@code fold(W^T @ gy_n)} per image, [N, C, H, W]. */
  private static float[] inputGradient(float[] gy, float[] w, Geometry g) {
    float[] dx = new float[g.n * g.c * g.h * g.w];
    Storage dxStore = Storage.of(dx);
    g.byImage((from, to) -> {
      float[] cols = new float[g.k * g.l];
      Storage colStore = Storage.of(cols);
      for (int img = from; img < to; img++) {
        // [K, O] @ [O, L]: A is the weight read transposed, as the composition's W^T @ gy.
        GemmFloat.gemm(0, g.k, g.l, g.o, w, 0, 1, g.k, gy, img * g.o * g.l, g.l, 1, cols, 0, g.l);
        g.fold(colStore, dxStore, img);
      }
    });
    return dx;
  }

  /** The sizes of one convolution and its split across threads. */
  private static final class Geometry {
    final int n;
    final int c;
    final int h;
    final int w;
    final int o;
    final int k;
    final int l;
    final int outH;
    final int outW;
    final int weightH;
    final int weightW;
    final Im2Col.Plan plan;

    Geometry(int[] x, int[] weight, Conv2dParams p) {
      if (weight[2] != p.kernelH() || weight[3] != p.kernelW()) {
        throw new IllegalArgumentException("conv2d: weight " + Arrays.toString(weight) + " does not have the kernel size of "
            + p + "; pass params made with Conv2dParams.of(" + weight[2] + ", " + weight[3] + ")");
      }
      this.n = x[0];
      this.c = x[1];
      this.h = x[2];
      this.w = x[3];
      this.o = weight[0];
      this.weightH = weight[2];
      this.weightW = weight[3];
      this.k = c * weight[2] * weight[3];
      this.outH = p.outputH(h);
      this.outW = p.outputW(w);
      if (outH < 1 || outW < 1) {
        throw new IllegalArgumentException("conv2d: the window of " + p + " does not fit the input "
            + Arrays.toString(x) + " padded; use a smaller kernel, more padding or a larger input");
      }
      this.l = outH * outW;
      this.plan = new Im2Col.Plan(h, w, p);
    }

    /** The columns [K, L] of image {@code img} into {@code cols} (its padding positions stay as they are). */
    void unfold(Storage x, int img, Storage cols) {
      int plane = h * w;
      int rows = plan.rows();
      for (int ch = 0; ch < c; ch++) {
        plan.unfoldPlane(x, (img * c + ch) * plane, cols, ch * rows);
      }
    }

    /** The K rows of image {@code img}'s columns, one storage per row. */
    void unfoldRows(Storage x, int img, Storage[] rows) {
      int plane = h * w;
      int kh = weightH;
      int kw = weightW;
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < kh; i++) {
          for (int j = 0; j < kw; j++) {
            plan.unfoldTap(x, (img * c + ch) * plane, i, j, rows[(ch * kh + i) * kw + j], 0);
          }
        }
      }
    }

    /** Adds the columns [K, L] into image {@code img} of {@code image}. */
    void fold(Storage cols, Storage image, int img) {
      int plane = h * w;
      int rows = plan.rows();
      for (int ch = 0; ch < c; ch++) {
        plan.foldPlane(cols, ch * rows, image, (img * c + ch) * plane);
      }
    }

    int workers() {
      long work = (long) n * o * k * l;
      return work < PARALLEL_WORK ? 1 : Math.max(1, Math.min(n, Parallel.THREADS));
    }

    void byImage(Parallel.Range body) {
      byWorker(workers(), (worker, from, to) -> body.run(from, to));
    }

    void byWorker(int workers, Share body) {
      if (workers <= 1) {
        body.run(0, 0, n);
        return;
      }
      Parallel.forWorkers(workers, wk -> body.run(wk, (int) ((long) n * wk / workers), (int) ((long) n * (wk + 1) / workers)));
    }
  }

  /** Images [from, to) for worker {@code worker}. */
  private interface Share {
    void run(int worker, int from, int to);
  }
}
