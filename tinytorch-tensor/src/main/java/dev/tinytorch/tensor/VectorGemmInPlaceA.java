package dev.tinytorch.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorGemmFloat}'s packed product for a row-major A that is already in cache, read in
 * place instead of packed: the kernel broadcasts A's values from its six rows directly (six
 * streams of consecutive addresses), B is packed as before. For the conv weight gradient {@code
 * dW^T = cols @ gy^T} of the CNN benchmark's second conv ([144, 196] @ [196, 32] per image, the
 * columns just unfolded into a 113 KB scratch), packing A took as many samples as the kernel
 * (8 % of a Vector API step each). Same FMAs in the same order as the packed path: bit-identical.
 * Ragged row panels (fewer than {@link VectorGemmFloat#MR} rows) are packed and zero-padded as
 * there.
 *
 * <p>Tried and not kept (2026-12-03): the same for the conv's forward (A the weight [32, 144])
 * and input gradient (A a row-major copy of W^T, [144, 32], made once per batch). Neither moved:
 * second conv forward 2.97 ms and input gradient 3.12-3.19 ms of thread CPU time either way, a
 * weight of 4.6 K values being cheap to pack; there the kernel and col2im are the cost.
 */
final class VectorGemmInPlaceA {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = VectorGemmFloat.L;
  private static final int MR = VectorGemmFloat.MR;
  private static final int NR = VectorGemmFloat.NR;
  private static final int KC = VectorGemmFloat.KC;
  private static final int NC = VectorGemmFloat.NC;

  private static final ScratchPool<Scratch> SCRATCH = new ScratchPool<>(Scratch::new);

  private VectorGemmInPlaceA() {}

  private static final class Scratch {
    final float[] packedA = new float[MR * KC];
    float[] packedB = new float[0];
    final float[] tile = new float[MR * NR];
  }

  /**
   * Rows {@code [m0, m1)} of {@code C = A B}, overwriting them: A row-major, m x k at {@code
   * a[ao + i*ars + p]}; B and C as in {@link VectorGemmFloat#blocked}.
   */
  static void product(int m0, int m1, int n, int k, float[] a, int ao, int ars,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int crs, int ccs) {
    Scratch s = SCRATCH.take();
    try {
      productWith(s, m0, m1, n, k, a, ao, ars, b, bo, brs, bcs, c, co, crs, ccs);
    } finally {
      SCRATCH.give(s);
    }
  }

  private static void productWith(Scratch s, int m0, int m1, int n, int k, float[] a, int ao, int ars,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int crs, int ccs) {
    int widest = Math.min(NC, (n + NR - 1) / NR * NR);
    if (s.packedB.length < widest * KC) {
      s.packedB = new float[widest * KC];
    }
    float[] bp = s.packedB;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        boolean add = pc > 0;
        VectorGemmFloat.packB(b, bo + pc * brs + jc * bcs, brs, bcs, kc, nc, bp);
        for (int i = m0; i < m1; i += MR) {
          int rows = Math.min(MR, m1 - i);
          int aRow = ao + i * ars + pc;
          if (rows < MR) {
            VectorGemmFloat.packA(a, aRow, ars, 1, rows, kc, s.packedA);
          }
          int cRow = co + i * crs + jc * ccs;
          for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr);
            int ci = cRow + jr * ccs;
            boolean direct = rows == MR && cols == NR && ccs == 1;
            float[] dst = direct ? c : s.tile;
            int dOff = direct ? ci : 0;
            int ld = direct ? crs : NR;
            boolean acc = direct && add;
            if (rows == MR) {
              kernel(kc, a, aRow, ars, bp, jr * kc, dst, dOff, ld, acc);
            } else {
              VectorGemmFloat.kernel(kc, s.packedA, 0, bp, jr * kc, dst, dOff, ld, acc);
            }
            if (!direct) {
              VectorGemmFloat.storeTile(s.tile, rows, cols, add, c, ci, crs, ccs);
            }
          }
        }
      }
    }
  }

  /**
   * {@link VectorGemmFloat#kernel} with A's six rows read in place at {@code a[ao + r*ars + p]}:
   * the same broadcasts and FMAs in the same order. Written out by hand for the same reason.
   */
  static void kernel(int kc, float[] a, int ao, int ars, float[] bp, int bo, float[] c, int co, int ldc, boolean add) {
    FloatVector c00 = FloatVector.zero(S);
    FloatVector c01 = c00;
    FloatVector c10 = c00;
    FloatVector c11 = c00;
    FloatVector c20 = c00;
    FloatVector c21 = c00;
    FloatVector c30 = c00;
    FloatVector c31 = c00;
    FloatVector c40 = c00;
    FloatVector c41 = c00;
    FloatVector c50 = c00;
    FloatVector c51 = c00;
    int o1 = ars;
    int o2 = 2 * ars;
    int o3 = 3 * ars;
    int o4 = 4 * ars;
    int o5 = 5 * ars;
    int end = bo + kc * NR;
    for (int pa = ao, pb = bo; pb < end; pa++, pb += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, pb);
      FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
      FloatVector a0 = FloatVector.broadcast(S, a[pa]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, a[pa + o1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, a[pa + o2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, a[pa + o3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, a[pa + o4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, a[pa + o5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
    }
    int r1 = co + ldc;
    int r2 = r1 + ldc;
    int r3 = r2 + ldc;
    int r4 = r3 + ldc;
    int r5 = r4 + ldc;
    if (add) {
      c00 = c00.add(FloatVector.fromArray(S, c, co));
      c01 = c01.add(FloatVector.fromArray(S, c, co + L));
      c10 = c10.add(FloatVector.fromArray(S, c, r1));
      c11 = c11.add(FloatVector.fromArray(S, c, r1 + L));
      c20 = c20.add(FloatVector.fromArray(S, c, r2));
      c21 = c21.add(FloatVector.fromArray(S, c, r2 + L));
      c30 = c30.add(FloatVector.fromArray(S, c, r3));
      c31 = c31.add(FloatVector.fromArray(S, c, r3 + L));
      c40 = c40.add(FloatVector.fromArray(S, c, r4));
      c41 = c41.add(FloatVector.fromArray(S, c, r4 + L));
      c50 = c50.add(FloatVector.fromArray(S, c, r5));
      c51 = c51.add(FloatVector.fromArray(S, c, r5 + L));
    }
    c00.intoArray(c, co);
    c01.intoArray(c, co + L);
    c10.intoArray(c, r1);
    c11.intoArray(c, r1 + L);
    c20.intoArray(c, r2);
    c21.intoArray(c, r2 + L);
    c30.intoArray(c, r3);
    c31.intoArray(c, r3 + L);
    c40.intoArray(c, r4);
    c41.intoArray(c, r4 + L);
    c50.intoArray(c, r5);
    c51.intoArray(c, r5 + L);
  }
}
