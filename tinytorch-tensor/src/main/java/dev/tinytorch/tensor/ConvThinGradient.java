package dev.tinytorch.tensor;

/**
 * The weight gradient of a convolution with few taps ({@code K = C*kh*kw} below {@link
 * Gemm#MIN_VECTOR}, such as a 3 x 3 kernel on one input channel): {@code dW[o][t] = sum over
 * images and positions of gy[n][o][l] * cols[n][t][l]}. As a matrix product, [O, L] @ [L, K] per
 * image, it has too few columns to vectorise and goes to scalar dot products: for the CNN
 * benchmark's first conv ([16, 784] @ [784, 9] per image, 7.2M multiply-adds per step) 2.4-2.8 ms
 * on the plain path and 1.0 ms with the Vector API's dot products.
 *
 * <p>Here each product keeps its partial sums per position instead: a row of L floats per (o, t)
 * pair, to which every image adds {@code gy row * cols row} element by element, a loop C2
 * vectorises; the rows are summed (in double) once at the end. The partial rows are
 * {@code O*K*L} floats (450 KB for that conv, L2-resident). The sums are grouped differently from
 * a dot product's, so the results differ from the matrix product's in rounding.
 *
 * <p>Measured (one thread, Zen 4, [16, 784] @ [784, 9] for 64 images): 1.10 ms against 2.68 ms
 * for the scalar dots. The partial rows stream from L2 (read and written once per image, 58 MB
 * per call), which bounds it. With the Vector API its dot products are faster (0.71 ms against
 * 1.23 ms for this loop), so this path is for the plain kernels only.
 */
final class ConvThinGradient {
  private ConvThinGradient() {}

  /** Whether {@link #weightGradient} is the path for this conv: few taps, rows long enough to vectorise. */
  static boolean applies(int k, int l) {
    return !Kernels.VECTOR && k < Gemm.MIN_VECTOR && l >= 4 * Gemm.MIN_VECTOR;
  }

  /**
   * {@code dW} [O, K] for images [from, to) of {@code gy} [N, O, L] and the columns that
   * {@code unfold} makes of each image of {@code x}.
   */
  static float[] weightGradient(float[] gy, Storage x, int from, int to, int o, int k, int l, Unfolder unfold) {
    float[][] cols = Gemm.floatRows(k + 1, l);
    float[] zeros = cols[k];
    float[][] sums = Gemm.floatRows(o * k + 1, l);
    float[] spare = sums[o * k]; // stands in for the missing rows of the last group of three
    float[] g = Gemm.floatRows(1, l)[0];
    Storage[] colStores = new Storage[k];
    for (int t = 0; t < k; t++) {
      colStores[t] = Storage.of(cols[t]);
    }
    for (int img = from; img < to; img++) {
      unfold.rows(x, img, colStores);
      for (int c = 0; c < o; c++) {
        System.arraycopy(gy, (img * o + c) * l, g, 0, l);
        for (int t = 0; t < k; t += 3) {
          int r = c * k + t;
          kernel(g, cols[t], t + 1 < k ? cols[t + 1] : zeros, t + 2 < k ? cols[t + 2] : zeros,
              sums[r], t + 1 < k ? sums[r + 1] : spare, t + 2 < k ? sums[r + 2] : spare, l);
        }
      }
    }
    float[] dw = new float[o * k];
    for (int r = 0; r < o * k; r++) {
      float[] s = sums[r];
      double total = 0;
      for (int j = 0; j < l; j++) {
        total += s[j];
      }
      dw[r] = (float) total;
    }
    return dw;
  }

  /** Writes image {@code img}'s K rows of columns, one array per row. */
  interface Unfolder {
    void rows(Storage x, int img, Storage[] rows);
  }

  /**
   * {@code s0[j] += g[j] * c0[j]}, and so for rows 1 and 2, j in [0, n). Separate arrays indexed
   * alike, as C2 needs to vectorise the loop (see GemmFloat); the argument checks also let C2 drop
   * the range checks in the loop and keep the method above the inlining limit, so it is compiled
   * as its own method with its loop vectorised (see GemmFloat's kernel).
   */
  static void kernel(float[] g, float[] c0, float[] c1, float[] c2, float[] s0, float[] s1, float[] s2, int n) {
    if (n > g.length || n > c0.length || n > c1.length || n > c2.length) {
      throw new IllegalArgumentException("ConvThinGradient.kernel: rows of length " + n
          + " do not fit the gradient row (" + g.length + ") or the columns (" + c0.length + ", " + c1.length + ", "
          + c2.length + ")");
    }
    if (n > s0.length || n > s1.length || n > s2.length) {
      throw new IllegalArgumentException("ConvThinGradient.kernel: rows of length " + n
          + " do not fit the partial sums (" + s0.length + ", " + s1.length + ", " + s2.length + ")");
    }
    if (s0 == s1 || s0 == s2 || (s1 == s2 && c1 != c2)) {
      throw new IllegalArgumentException("ConvThinGradient.kernel: the partial sums of different taps must be"
          + " different rows (only two missing taps may share the spare row)");
    }
    for (int j = 0; j < n; j++) {
      float x = g[j];
      s0[j] = Math.fma(x, c0[j], s0[j]);
      s1[j] = Math.fma(x, c1[j], s1[j]);
      s2[j] = Math.fma(x, c2[j], s2[j]);
    }
  }
}
