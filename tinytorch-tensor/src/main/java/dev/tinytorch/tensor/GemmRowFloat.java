package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * The FLOAT32 product of one row by a matrix, {@code c = a B} (a prediction's batch of one through
 * a Linear layer), on the plain path; {@link GemmFloat}'s blocked path sends single rows here.
 *
 * <p>The blocked kernel computes three rows of C per pass; with one row it did three times the
 * multiply-adds on zero rows and used a packed B block sized for reuse that one row never reuses.
 * Here four rows of B at a time are copied into four aligned scratch rows that stay in L1 (C2
 * vectorises a loop only if its float arrays share one index expression, so B cannot be read in
 * place at its own offsets, see GemmFloat), and {@link #kernel} adds four depths per pass into
 * one accumulator row, no work on zero rows. Each element still
 * sums its products in depth order with one FMA each, starting from zero, as GemmFloat's kernels
 * do, so the result is bit for bit the blocked path's.
 *
 * <p>Measured on the 784-128-64-10 prediction, batch 1, one thread, JDK 17, Zen 4: the [1, 784] @
 * [784, 128] product from 25 to 11.5-12.5 us, the prediction from 34 to about 15.5 us (see
 * benchmarks/README.md, issue 13). Tried and not kept: reading B in place, {@code t[j] = fma(a,
 * b[off + j], t[j])}, stays scalar on JDK 17 as GemmFloat's comment says (28.8 us for the 784
 * depths one per call, 19.4 us four per call, against 4.9 us for the kernel on packed rows plus 6 us
 * of packing), so the copy stays; see {@link #DEPTH} for the depth per call.
 *
 * <pre>{@code
 * // through the public API: a [1, 784] @ [784, 128] product takes this path without the Vector API
 * Tensor y = Tensor.randn(new Generator(1), 1, 784).matmul(Tensor.randn(new Generator(2), 784, 128));
 * }</pre>
 */
final class GemmRowFloat {
  /**
   * Depths per kernel call. Eight (eight FMAs per load and store of C) left JDK 17's loop scalar:
   * 784 x 128 in 17.9 us of kernel time against 4.9 us with four, and 11.3 us with one depth per
   * call (one thread, Zen 4, the kernels alone on L1-resident rows). Six vectorises too (3.7 us of
   * kernel time) but the whole row measured the same, 11.4-11.8 us against 11.2-12.5: packing the
   * rows, about 6 us at roughly L2 bandwidth since each value of B is read once, is most of it.
   */
  static final int DEPTH = 4;
  /** Columns per strip: the B rows and the accumulator of this length stay in L1 (10 KB). */
  static final int NC = 512;

  private static final ScratchPool<Scratch> SCRATCH = new ScratchPool<>(Scratch::new);

  private GemmRowFloat() {}

  /** Lent per call; every row shares one alignment (see {@link Gemm#lineMultiple}). */
  private static final class Scratch {
    final float[][] rows = new float[DEPTH][];
    final float[] zeros;
    final float[] acc;
    final float[] av = new float[DEPTH];

    Scratch() {
      float[][] all = Gemm.floatRows(DEPTH + 2, NC);
      System.arraycopy(all, 0, rows, 0, DEPTH);
      zeros = all[DEPTH];
      acc = all[DEPTH + 1];
    }
  }

  /**
   * Row i of {@code C = A B}, overwriting it: A's row at {@code a[ao + p*acs]}, B k x n at {@code
   * b[bo + p*brs + j*bcs]}, C's row at {@code c[co + j]}.
   */
  static void row(int n, int k, float[] a, int ao, int acs, float[] b, int bo, int brs, int bcs, float[] c, int co) {
    Scratch s = SCRATCH.take();
    try {
      rowWith(s, n, k, a, ao, acs, b, bo, brs, bcs, c, co);
    } finally {
      SCRATCH.give(s);
    }
  }

  private static void rowWith(Scratch s, int n, int k, float[] a, int ao, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co) {
    float[] acc = s.acc;
    float[] av = s.av;
    float[][] rows = s.rows;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      Arrays.fill(acc, 0, nc, 0f);
      for (int p = 0; p < k; p += DEPTH) {
        int depth = Math.min(DEPTH, k - p);
        int off = bo + p * brs + jc * bcs;
        pack(b, off, brs, bcs, depth, nc, rows);
        for (int q = 0; q < DEPTH; q++) {
          av[q] = q < depth ? a[ao + (p + q) * acs] : 0f;
        }
        kernel(acc, av, rows, s.zeros, depth, nc);
      }
      System.arraycopy(acc, 0, c, co + jc, nc);
    }
  }

  /** Copies {@code depth} rows by nc columns of B at {@code off} into {@code rows[0..depth)}. */
  private static void pack(float[] b, int off, int rs, int cs, int depth, int nc, float[][] rows) {
    if (cs == 1) {
      for (int q = 0; q < depth; q++) {
        System.arraycopy(b, off + q * rs, rows[q], 0, nc);
      }
    } else if (rs == 1) {
      // Column-major B (x @ w.T): the depths of one column are a contiguous run.
      for (int j = 0; j < nc; j++) {
        int src = off + j * cs;
        for (int q = 0; q < depth; q++) {
          rows[q][j] = b[src + q];
        }
      }
    } else {
      for (int q = 0; q < depth; q++) {
        float[] r = rows[q];
        int src = off + q * rs;
        for (int j = 0; j < nc; j++) {
          r[j] = b[src + j * cs];
        }
      }
    }
  }

  /**
   * {@code t[0, n) += sum_q av[q] * rows[q][0, n)} for q in 0..3, one FMA per depth in depth order;
   * rows at or past {@code depth} read as {@code zeros} (their values of A are zeros too). Like
   * GemmFloat's kernels it must stay over C2's inlining limit (325 bytecodes, see
   * GemmKernelSizeTest): inlined into its caller's loop, JDK 17 no longer vectorises it. The
   * argument checks, which also let C2 drop the range checks in the loop, see to that.
   */
  static void kernel(float[] t, float[] av, float[][] rows, float[] zeros, int depth, int n) {
    if (av.length < DEPTH || rows.length < DEPTH) {
      throw new IllegalArgumentException("kernel: needs " + DEPTH + " values of A and rows of B, got "
          + av.length + " and " + rows.length);
    }
    if (depth < 1 || depth > DEPTH) {
      throw new IllegalArgumentException("kernel: depth " + depth + " is outside 1.." + DEPTH);
    }
    float[] b0 = rows[0];
    float[] b1 = depth > 1 ? rows[1] : zeros;
    float[] b2 = depth > 2 ? rows[2] : zeros;
    float[] b3 = depth > 3 ? rows[3] : zeros;
    if (n > t.length || n > b0.length || n > b1.length || n > b2.length || n > b3.length || n > zeros.length) {
      throw new IllegalArgumentException("kernel: rows of length " + n + " do not fit the row of C ("
          + t.length + ") or of packed B (" + b0.length + ", " + b1.length + ", " + b2.length + ", "
          + b3.length + ") or the zeros (" + zeros.length + ")");
    }
    if (t == b0 || t == b1 || t == b2 || t == b3 || t == zeros) {
      throw new IllegalArgumentException("kernel: the row of C must not be one of the rows of B it reads");
    }
    for (int q = depth; q < DEPTH; q++) {
      if (av[q] != 0f) {
        throw new IllegalArgumentException("kernel: value " + q + " of A lies past depth " + depth + " and must be 0");
      }
    }
    float a0 = av[0];
    float a1 = av[1];
    float a2 = av[2];
    float a3 = av[3];
    for (int j = 0; j < n; j++) {
      float x0 = b0[j];
      float x1 = b1[j];
      float x2 = b2[j];
      float x3 = b3[j];
      t[j] = Math.fma(a3, x3, Math.fma(a2, x2, Math.fma(a1, x1, Math.fma(a0, x0, t[j]))));
    }
  }
}
