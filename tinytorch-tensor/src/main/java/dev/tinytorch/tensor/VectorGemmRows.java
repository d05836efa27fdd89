package dev.tinytorch.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products with one or two rows of C ({@link VectorGemmFloat#FEW_ROWS}) and a B with contiguous
 * rows, read in place: each row of C is a sum over depth of A's value times B's row. A batch-1
 * prediction ([1, 784] @ [784, 128]) is the case: the blocked path packed all of B for one row of
 * C and ran its 6-row kernel on five rows of zeros (the prediction took 34 us, 1.5x PyTorch's).
 *
 * <p>The sums are grouped as the blocked path's: per block of {@link VectorGemmFloat#KC} depths
 * an FMA chain from zero, added to what the earlier blocks left in C, so the results are the same
 * bit for bit ({@code VectorGemmRowsTest}).
 */
final class VectorGemmRows {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();
  private static final int KC = VectorGemmFloat.KC;

  private VectorGemmRows() {}

  /** Rows {@code [m0, m1)} of {@code C = A B}, overwriting them; B's and C's columns are contiguous. */
  static void rows(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, float[] c, int co, int crs) {
    int w = 4 * L;
    for (int i = m0; i < m1; i++) {
      int ai = ao + i * ars;
      int ci = co + i * crs;
      int j = 0;
      for (; j + 2 * w <= n; j += 2 * w) {
        for (int pc = 0; pc < k; pc += 2 * KC) {
          wide(pc, Math.min(k, pc + KC), Math.min(k, pc + 2 * KC), a, ai, acs, b, bo + j, brs, c, ci + j);
        }
      }
      for (; j + w <= n; j += w) {
        four(k, a, ai, acs, b, bo + j, brs, c, ci + j);
      }
      for (; j + L <= n; j += L) {
        one(k, a, ai, acs, b, bo + j, brs, c, ci + j);
      }
      for (; j < n; j++) {
        for (int pc = 0; pc < k; pc += KC) {
          int pe = Math.min(k, pc + KC);
          float s0 = 0f;
          for (int p = pc; p < pe; p++) {
            s0 = Math.fma(a[ai + p * acs], b[bo + p * brs + j], s0);
          }
          c[ci + j] = pc > 0 ? s0 + c[ci + j] : s0;
        }
      }
    }
  }

  /**
   * Eight vectors of one row of C over two consecutive depth blocks {@code [p0, p1)} and {@code
   * [p1, p2)} at once: sixteen FMA chains, two per column vector, combined in the blocked path's
   * order (the first block's chain added to C, then the second's). Eight chains over one block
   * filled both FMA ports but still waited on the loads from L2: the [1, 784] @ [784, 128]
   * product took 4.8 us, 4.0-4.3 with two blocks in flight (one thread, 2026-12-03, this Xeon).
   */
  private static void wide(int p0, int p1, int p2, float[] a, int ai, int acs, float[] b, int bj, int brs,
      float[] c, int cj) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = s0;
    FloatVector s2 = s0;
    FloatVector s3 = s0;
    FloatVector s4 = s0;
    FloatVector s5 = s0;
    FloatVector s6 = s0;
    FloatVector s7 = s0;
    FloatVector t0 = s0;
    FloatVector t1 = s0;
    FloatVector t2 = s0;
    FloatVector t3 = s0;
    FloatVector t4 = s0;
    FloatVector t5 = s0;
    FloatVector t6 = s0;
    FloatVector t7 = s0;
    int both = p2 - p1;
    for (int q = 0; q < both; q++) {
      FloatVector av = FloatVector.broadcast(S, a[ai + (p0 + q) * acs]);
      FloatVector aw = FloatVector.broadcast(S, a[ai + (p1 + q) * acs]);
      int bi = bj + (p0 + q) * brs;
      int bk = bj + (p1 + q) * brs;
      s0 = av.fma(FloatVector.fromArray(S, b, bi), s0);
      t0 = aw.fma(FloatVector.fromArray(S, b, bk), t0);
      s1 = av.fma(FloatVector.fromArray(S, b, bi + L), s1);
      t1 = aw.fma(FloatVector.fromArray(S, b, bk + L), t1);
      s2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
      t2 = aw.fma(FloatVector.fromArray(S, b, bk + 2 * L), t2);
      s3 = av.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
      t3 = aw.fma(FloatVector.fromArray(S, b, bk + 3 * L), t3);
      s4 = av.fma(FloatVector.fromArray(S, b, bi + 4 * L), s4);
      t4 = aw.fma(FloatVector.fromArray(S, b, bk + 4 * L), t4);
      s5 = av.fma(FloatVector.fromArray(S, b, bi + 5 * L), s5);
      t5 = aw.fma(FloatVector.fromArray(S, b, bk + 5 * L), t5);
      s6 = av.fma(FloatVector.fromArray(S, b, bi + 6 * L), s6);
      t6 = aw.fma(FloatVector.fromArray(S, b, bk + 6 * L), t6);
      s7 = av.fma(FloatVector.fromArray(S, b, bi + 7 * L), s7);
      t7 = aw.fma(FloatVector.fromArray(S, b, bk + 7 * L), t7);
    }
    // The first block may be longer than the second (the last pair of a depth not a multiple of 2 KC).
    for (int p = p0 + both; p < p1; p++) {
      FloatVector av = FloatVector.broadcast(S, a[ai + p * acs]);
      int bi = bj + p * brs;
      s0 = av.fma(FloatVector.fromArray(S, b, bi), s0);
      s1 = av.fma(FloatVector.fromArray(S, b, bi + L), s1);
      s2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
      s3 = av.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
      s4 = av.fma(FloatVector.fromArray(S, b, bi + 4 * L), s4);
      s5 = av.fma(FloatVector.fromArray(S, b, bi + 5 * L), s5);
      s6 = av.fma(FloatVector.fromArray(S, b, bi + 6 * L), s6);
      s7 = av.fma(FloatVector.fromArray(S, b, bi + 7 * L), s7);
    }
    // Inline, not a helper: C2 stopped inlining a helper here (NodeCountInliningCutoff) and boxed
    // every vector, 24 us instead of 4.
    if (p0 > 0) {
      s0 = s0.add(FloatVector.fromArray(S, c, cj));
      s1 = s1.add(FloatVector.fromArray(S, c, cj + L));
      s2 = s2.add(FloatVector.fromArray(S, c, cj + 2 * L));
      s3 = s3.add(FloatVector.fromArray(S, c, cj + 3 * L));
      s4 = s4.add(FloatVector.fromArray(S, c, cj + 4 * L));
      s5 = s5.add(FloatVector.fromArray(S, c, cj + 5 * L));
      s6 = s6.add(FloatVector.fromArray(S, c, cj + 6 * L));
      s7 = s7.add(FloatVector.fromArray(S, c, cj + 7 * L));
    }
    if (both > 0) {
      s0 = t0.add(s0);
      s1 = t1.add(s1);
      s2 = t2.add(s2);
      s3 = t3.add(s3);
      s4 = t4.add(s4);
      s5 = t5.add(s5);
      s6 = t6.add(s6);
      s7 = t7.add(s7);
    }
    s0.intoArray(c, cj);
    s1.intoArray(c, cj + L);
    s2.intoArray(c, cj + 2 * L);
    s3.intoArray(c, cj + 3 * L);
    s4.intoArray(c, cj + 4 * L);
    s5.intoArray(c, cj + 5 * L);
    s6.intoArray(c, cj + 6 * L);
    s7.intoArray(c, cj + 7 * L);
  }

  /** Four vectors of one row of C, block by block. */
  private static void four(int k, float[] a, int ai, int acs, float[] b, int bj, int brs, float[] c, int cj) {
    for (int pc = 0; pc < k; pc += KC) {
      int pe = Math.min(k, pc + KC);
      FloatVector s0 = FloatVector.zero(S);
      FloatVector s1 = s0;
      FloatVector s2 = s0;
      FloatVector s3 = s0;
      for (int p = pc; p < pe; p++) {
        FloatVector av = FloatVector.broadcast(S, a[ai + p * acs]);
        int bi = bj + p * brs;
        s0 = av.fma(FloatVector.fromArray(S, b, bi), s0);
        s1 = av.fma(FloatVector.fromArray(S, b, bi + L), s1);
        s2 = av.fma(FloatVector.fromArray(S, b, bi + 2 * L), s2);
        s3 = av.fma(FloatVector.fromArray(S, b, bi + 3 * L), s3);
      }
      if (pc > 0) {
        s0 = s0.add(FloatVector.fromArray(S, c, cj));
        s1 = s1.add(FloatVector.fromArray(S, c, cj + L));
        s2 = s2.add(FloatVector.fromArray(S, c, cj + 2 * L));
        s3 = s3.add(FloatVector.fromArray(S, c, cj + 3 * L));
      }
      s0.intoArray(c, cj);
      s1.intoArray(c, cj + L);
      s2.intoArray(c, cj + 2 * L);
      s3.intoArray(c, cj + 3 * L);
    }
  }

  /**
   * One vector of one row of C. Columns past the last whole vector stay scalar chains: a masked
   * vector (JDK 17, {@code fromArray} with a mask) took a [1, 144] @ [144, 20] product from about
   * 0.8 to 3.3 us, and a [1, 64] @ [64, 10] one from 0.6 to 1.0-1.2 us (2026-12-03). Nor did
   * sending that one to {@link VectorGemmColumns} pay (0.58 against 0.46 us on GemmDirect's row
   * updates): for one row, copying B into padded vector rows costs more than it saves.
   */
  private static void one(int k, float[] a, int ai, int acs, float[] b, int bj, int brs, float[] c, int cj) {
    for (int pc = 0; pc < k; pc += KC) {
      int pe = Math.min(k, pc + KC);
      FloatVector s0 = FloatVector.zero(S);
      for (int p = pc; p < pe; p++) {
        s0 = FloatVector.broadcast(S, a[ai + p * acs]).fma(FloatVector.fromArray(S, b, bj + p * brs), s0);
      }
      if (pc > 0) {
        s0 = s0.add(FloatVector.fromArray(S, c, cj));
      }
      s0.intoArray(c, cj);
    }
  }
}
