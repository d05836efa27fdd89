package dev.tinytorch.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FLOAT32 Vector API product for a small B ({@link #MAX_B} values at most), with A and B read
 * where they lie: {@link VectorGemmFloat#blocked} sends such products here instead of packing.
 *
 * <p>Only for n a multiple of the vector length (see {@link #takes}): other columns past the last
 * four vectors would take fewRows' scalar loop (a conv's 196 columns), where the packed path
 * zero-pads them.
 *
 * <p>For the small models of issue 13 (TinyDigits' [32, 64] @ [64, 256] and its weight gradient
 * x^T @ g, [64, 32] @ [32, 256]) the packed path's 6 x 2-vector tile ran at about a third of this
 * core's FMA rate, and 32 rows are five panels of six and a zero-padded sixth. A B this small
 * stays in L2 (mostly L1) while each group of {@link #MR} rows streams it, so it is read in place;
 * a B whose rows are not contiguous (the transposed weight in {@code g @ W^T}) is first copied
 * row-major into a scratch array, one O(k n) pass. Measured (one thread, AVX-512 Xeon, CPU time
 * of the kernels alone, 2026-12-03): x @ W1 15.3-15.7 us packed, 12.2 us here; x^T @ g 13.5 to
 * 9.5-10.5 us; g @ W2^T 4.2 to 3.8 us. Tried and not kept: the same in-place reading with a tile
 * of 4 rows by 2 vectors (8 accumulators): 15.3 us for x @ W1, no better than packing, so the
 * packing was never the cost; 8 rows by 2 vectors measured 11.2 us, between the two.
 *
 * <p>The sums are the packed path's, so the results are bit for bit the same: per block of
 * {@link VectorGemmFloat#KC} depths one FMA chain per element from zero, in depth order, added to
 * what the earlier blocks left in C. Rows past the last group of four and columns past the last
 * four vectors go to {@link VectorGemmFloat#fewRows}, which sums the same way.
 */
final class VectorGemmSmall {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  /** Rows of C per kernel call. */
  static final int MR = 4;
  /** Columns of C per kernel call: four vectors. */
  static final int NR = 4 * L;
  /**
   * Whether the JVM's vectors are 512 bits wide: the kernel's 16 accumulators, 4 rows of B and a
   * broadcast need 21 vector registers, which AVX2's 16 cannot hold; there the packed path runs.
   */
  static final boolean ON = L >= 16;
  /**
   * Largest B (k times n values) read in place: 64 KB, TinyDigits' first weight; it stays in L2
   * (and mostly L1) while every group of rows streams it. Larger ones keep the packed path, whose
   * panels were tuned for them.
   */
  static final long MAX_B = 16 * 1024;
  private static final int KC = VectorGemmFloat.KC;

  private static final ScratchPool<float[][]> SCRATCH = new ScratchPool<>(() -> new float[][] {new float[0], new float[0]});

  private VectorGemmSmall() {}

  /**
   * Whether an m x k by k x n product takes this path: 512-bit vectors, a B of at most {@link
   * #MAX_B} values, and n a multiple of the vector length with at least one whole tile ({@link
   * #NR} columns). Narrower C (the 32 columns of TinyDigits' h @ W2 computed transposed) would run
   * every column in fewRows' one-vector FMA chains, which wait on the FMA's latency.
   */
  static boolean takes(int n, int k) {
    return ON && n >= NR && n % L == 0 && (long) k * n <= MAX_B;
  }

  /**
   * Rows {@code [m0, m1)} of {@code C = A B}, overwriting them: A at {@code a[ao + i*ars +
   * p*acs]}, B at {@code b[bo + p*brs + j*bcs]}, C's element (i, j) at {@code c[co + i*crs +
   * j*ccs]}. A strided C (the transposed path's, {@code C^T = B^T A^T}) is computed into a scratch
   * row-major block and then copied into place.
   */
  static void product(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int crs, int ccs) {
    if (bcs == 1 && ccs == 1) {
      rowMajor(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, c, co, crs);
      return;
    }
    float[][] scratch = SCRATCH.take();
    try {
      float[] rb = b;
      int rbo = bo;
      int rbrs = brs;
      if (bcs != 1) {
        rb = scratch[0] = atLeast(scratch[0], k * n);
        rbo = 0;
        rbrs = n;
        for (int p = 0; p < k; p++) {
          int src = bo + p * brs;
          int dst = p * n;
          for (int j = 0; j < n; j++) {
            rb[dst + j] = b[src + j * bcs];
          }
        }
      }
      if (ccs == 1) {
        rowMajor(m0, m1, n, k, a, ao, ars, acs, rb, rbo, rbrs, c, co, crs);
        return;
      }
      int rows = m1 - m0;
      float[] t = scratch[1] = atLeast(scratch[1], rows * n);
      rowMajor(0, rows, n, k, a, ao + m0 * ars, ars, acs, rb, rbo, rbrs, t, 0, n);
      for (int i = 0; i < rows; i++) {
        int dst = co + (m0 + i) * crs;
        for (int j = 0; j < n; j++) {
          c[dst + j * ccs] = t[i * n + j];
        }
      }
    } finally {
      SCRATCH.give(scratch);
    }
  }

  private static float[] atLeast(float[] x, int length) {
    return x.length >= length ? x : new float[length];
  }

  private static void rowMajor(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, float[] c, int co, int crs) {
    int rowsEnd = m0 + (m1 - m0) / MR * MR;
    int colsEnd = n / NR * NR;
    for (int i = m0; i < rowsEnd; i += MR) {
      for (int j = 0; j < colsEnd; j += NR) {
        kernel(k, a, ao + i * ars, ars, acs, b, bo + j, brs, c, co + i * crs + j, crs);
      }
      if (colsEnd < n) {
        VectorGemmFloat.fewRows(i, i + MR, n - colsEnd, k, a, ao, ars, acs, b, bo + colsEnd, brs, c, co + colsEnd, crs);
      }
    }
    if (rowsEnd < m1) {
      VectorGemmFloat.fewRows(rowsEnd, m1, n, k, a, ao, ars, acs, b, bo, brs, c, co, crs);
    }
  }

  /**
   * {@code C[0..MR)[0..NR) = A[0..MR) B[.., 0..NR)} over all k depths, A's row r at {@code a[ai +
   * r*ars + p*acs]}, B's row p at {@code b[bj + p*brs]}, C's row r at {@code c[ci + r*crs]}.
   * Sixteen accumulators, four loads of B and four broadcasts of A per depth: 21 of AVX-512's 32
   * registers. Every vector stays a local of this method (see VectorGemmFloat#kernel on boxing).
   */
  static void kernel(int k, float[] a, int ai, int ars, int acs, float[] b, int bj, int brs,
      float[] c, int ci, int crs) {
    int r1 = ci + crs;
    int r2 = r1 + crs;
    int r3 = r2 + crs;
    for (int pc = 0; pc < k; pc += KC) {
      int pe = Math.min(k, pc + KC);
      FloatVector c00 = FloatVector.zero(S);
      FloatVector c01 = c00;
      FloatVector c02 = c00;
      FloatVector c03 = c00;
      FloatVector c10 = c00;
      FloatVector c11 = c00;
      FloatVector c12 = c00;
      FloatVector c13 = c00;
      FloatVector c20 = c00;
      FloatVector c21 = c00;
      FloatVector c22 = c00;
      FloatVector c23 = c00;
      FloatVector c30 = c00;
      FloatVector c31 = c00;
      FloatVector c32 = c00;
      FloatVector c33 = c00;
      int pa = ai + pc * acs;
      int pb = bj + pc * brs;
      for (int p = pc; p < pe; p++, pa += acs, pb += brs) {
        FloatVector b0 = FloatVector.fromArray(S, b, pb);
        FloatVector b1 = FloatVector.fromArray(S, b, pb + L);
        FloatVector b2 = FloatVector.fromArray(S, b, pb + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, b, pb + 3 * L);
        FloatVector x = FloatVector.broadcast(S, a[pa]);
        c00 = x.fma(b0, c00);
        c01 = x.fma(b1, c01);
        c02 = x.fma(b2, c02);
        c03 = x.fma(b3, c03);
        x = FloatVector.broadcast(S, a[pa + ars]);
        c10 = x.fma(b0, c10);
        c11 = x.fma(b1, c11);
        c12 = x.fma(b2, c12);
        c13 = x.fma(b3, c13);
        x = FloatVector.broadcast(S, a[pa + 2 * ars]);
        c20 = x.fma(b0, c20);
        c21 = x.fma(b1, c21);
        c22 = x.fma(b2, c22);
        c23 = x.fma(b3, c23);
        x = FloatVector.broadcast(S, a[pa + 3 * ars]);
        c30 = x.fma(b0, c30);
        c31 = x.fma(b1, c31);
        c32 = x.fma(b2, c32);
        c33 = x.fma(b3, c33);
      }
      if (pc > 0) {
        c00 = c00.add(FloatVector.fromArray(S, c, ci));
        c01 = c01.add(FloatVector.fromArray(S, c, ci + L));
        c02 = c02.add(FloatVector.fromArray(S, c, ci + 2 * L));
        c03 = c03.add(FloatVector.fromArray(S, c, ci + 3 * L));
        c10 = c10.add(FloatVector.fromArray(S, c, r1));
        c11 = c11.add(FloatVector.fromArray(S, c, r1 + L));
        c12 = c12.add(FloatVector.fromArray(S, c, r1 + 2 * L));
        c13 = c13.add(FloatVector.fromArray(S, c, r1 + 3 * L));
        c20 = c20.add(FloatVector.fromArray(S, c, r2));
        c21 = c21.add(FloatVector.fromArray(S, c, r2 + L));
        c22 = c22.add(FloatVector.fromArray(S, c, r2 + 2 * L));
        c23 = c23.add(FloatVector.fromArray(S, c, r2 + 3 * L));
        c30 = c30.add(FloatVector.fromArray(S, c, r3));
        c31 = c31.add(FloatVector.fromArray(S, c, r3 + L));
        c32 = c32.add(FloatVector.fromArray(S, c, r3 + 2 * L));
        c33 = c33.add(FloatVector.fromArray(S, c, r3 + 3 * L));
      }
      c00.intoArray(c, ci);
      c01.intoArray(c, ci + L);
      c02.intoArray(c, ci + 2 * L);
      c03.intoArray(c, ci + 3 * L);
      c10.intoArray(c, r1);
      c11.intoArray(c, r1 + L);
      c12.intoArray(c, r1 + 2 * L);
      c13.intoArray(c, r1 + 3 * L);
      c20.intoArray(c, r2);
      c21.intoArray(c, r2 + L);
      c22.intoArray(c, r2 + 2 * L);
      c23.intoArray(c, r2 + 3 * L);
      c30.intoArray(c, r3);
      c31.intoArray(c, r3 + L);
      c32.intoArray(c, r3 + 2 * L);
      c33.intoArray(c, r3 + 3 * L);
    }
  }
}
