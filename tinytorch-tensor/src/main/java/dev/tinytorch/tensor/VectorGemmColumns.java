package dev.tinytorch.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products whose C has at most one vector of columns and whose B has contiguous rows, with the
 * Vector API: a classifier head, {@code h @ W} with W [256, 10] (TinyDigits), and its weight
 * gradient {@code h^T @ g}. {@link Gemm#TRANSPOSED} computed them as {@code C^T = B^T A^T}
 * through the packed path: A and B packed, a 6 x 2-vector kernel on 32 or 64 columns, C written
 * through the tile buffer with strides; about a tenth of the TinyDigits step's samples for two
 * products of 82K multiply-adds.
 *
 * <p>Here B is copied into k zero-padded rows of one vector (a few KB) and eight rows of C at a
 * time run eight FMA chains, one vector each, A's values broadcast. Element (i, j) is the same
 * sum as the transposed path's: per block of {@link VectorGemmFloat#KC} depths an FMA chain
 * from zero over the depths in order ({@code A[i,p] * B[p,j]} is the transposed path's {@code
 * B^T[j,p] * A^T[p,i]}, the same product), added to what the earlier blocks left in C, so the
 * results are the same bit for bit ({@code VectorGemmColumnsTest}).
 */
final class VectorGemmColumns {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int KC = VectorGemmFloat.KC;
  /** Rows of C per pass: eight FMA chains fill both FMA ports through the FMA's latency. */
  private static final int R = 8;
  /** Largest B copied (k rows of one vector): 1024 deep, 64 KB with 16 lanes. */
  private static final int MAX_DEPTH = 1024;

  private static final ScratchPool<float[]> SCRATCH = new ScratchPool<>(() -> new float[MAX_DEPTH * L + L]);

  private VectorGemmColumns() {}

  /** Whether {@link #product} takes a product of n columns, k deep. */
  static boolean takes(int n, int k) {
    return n <= L && k <= MAX_DEPTH;
  }

  /** Rows {@code [m0, m1)} of {@code C = A B}, overwriting them; B's rows and C's rows are contiguous. */
  static void product(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, float[] c, int co, int crs) {
    float[] s = SCRATCH.take();
    try {
      for (int p = 0; p < k; p++) {
        int at = p * L;
        System.arraycopy(b, bo + p * brs, s, at, n);
        Arrays.fill(s, at + n, at + L, 0f);
      }
      int lanes = k * L;
      int i = m0;
      for (; i + R <= m1; i += R) {
        eight(k, n, a, ao + i * ars, ars, acs, s, lanes, c, co + i * crs, crs);
      }
      for (; i < m1; i++) {
        one(k, n, a, ao + i * ars, acs, s, lanes, c, co + i * crs);
      }
    } finally {
      SCRATCH.give(s);
    }
  }

  /** Rows i to i + 7 of C; {@code bp} holds B's rows, one vector each, and L spare values at {@code lanes}. */
  private static void eight(int k, int n, float[] a, int ai, int ars, int acs, float[] bp, int lanes,
      float[] c, int ci, int crs) {
    for (int pc = 0; pc < k; pc += KC) {
      int pe = Math.min(k, pc + KC);
      FloatVector s0 = FloatVector.zero(S);
      FloatVector s1 = s0;
      FloatVector s2 = s0;
      FloatVector s3 = s0;
      FloatVector s4 = s0;
      FloatVector s5 = s0;
      FloatVector s6 = s0;
      FloatVector s7 = s0;
      for (int p = pc; p < pe; p++) {
        FloatVector bv = FloatVector.fromArray(S, bp, p * L);
        int ap = ai + p * acs;
        s0 = FloatVector.broadcast(S, a[ap]).fma(bv, s0);
        s1 = FloatVector.broadcast(S, a[ap + ars]).fma(bv, s1);
        s2 = FloatVector.broadcast(S, a[ap + 2 * ars]).fma(bv, s2);
        s3 = FloatVector.broadcast(S, a[ap + 3 * ars]).fma(bv, s3);
        s4 = FloatVector.broadcast(S, a[ap + 4 * ars]).fma(bv, s4);
        s5 = FloatVector.broadcast(S, a[ap + 5 * ars]).fma(bv, s5);
        s6 = FloatVector.broadcast(S, a[ap + 6 * ars]).fma(bv, s6);
        s7 = FloatVector.broadcast(S, a[ap + 7 * ars]).fma(bv, s7);
      }
      boolean add = pc > 0;
      // Through the spare lanes, not a helper per row: C2 may stop inlining a helper in a method
      // this size and box the vectors (VectorGemmRows measured that).
      s0.intoArray(bp, lanes);
      put(bp, lanes, n, add, c, ci);
      s1.intoArray(bp, lanes);
      put(bp, lanes, n, add, c, ci + crs);
      s2.intoArray(bp, lanes);
      put(bp, lanes, n, add, c, ci + 2 * crs);
      s3.intoArray(bp, lanes);
      put(bp, lanes, n, add, c, ci + 3 * crs);
      s4.intoArray(bp, lanes);
      put(bp, lanes, n, add, c, ci + 4 * crs);
      s5.intoArray(bp, lanes);
      put(bp, lanes, n, add, c, ci + 5 * crs);
      s6.intoArray(bp, lanes);
      put(bp, lanes, n, add, c, ci + 6 * crs);
      s7.intoArray(bp, lanes);
      put(bp, lanes, n, add, c, ci + 7 * crs);
    }
  }

  /** One row of C, for the rows past the last group of eight. */
  private static void one(int k, int n, float[] a, int ai, int acs, float[] bp, int lanes, float[] c, int ci) {
    for (int pc = 0; pc < k; pc += KC) {
      int pe = Math.min(k, pc + KC);
      FloatVector s0 = FloatVector.zero(S);
      for (int p = pc; p < pe; p++) {
        s0 = FloatVector.broadcast(S, a[ai + p * acs]).fma(FloatVector.fromArray(S, bp, p * L), s0);
      }
      s0.intoArray(bp, lanes);
      put(bp, lanes, n, pc > 0, c, ci);
    }
  }

  /** C's n values of one row from the spare lanes: the block's sums, or C plus them after the first block. */
  private static void put(float[] bp, int lanes, int n, boolean add, float[] c, int ci) {
    for (int j = 0; j < n; j++) {
      c[ci + j] = add ? c[ci + j] + bp[lanes + j] : bp[lanes + j];
    }
  }
}
