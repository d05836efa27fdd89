package dev.tinytorch.tensor;

import java.util.Arrays;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FLOAT64 blocked product {@code C = A B} with the incubating Vector API: {@link
 * VectorGemmFloat} with doubles, whose class comment explains the design; change both together.
 * Loaded only when {@link Kernels#VECTOR} is on. The block sizes keep the same bytes as the
 * float version's, so a packed block of B holds half the columns.
 */
final class VectorGemmDouble {
  private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
  /** Lanes per vector: 8 with AVX-512, 4 with AVX2. */
  static final int L = S.length();
  /** Rows of C per kernel call. */
  static final int MR = 6;
  /** Columns of C per kernel call: two vectors. */
  static final int NR = 2 * L;
  /** Depth of a packed block: a panel of A is MR x KC (12 KB) and stays in L1. */
  static final int KC = 256;
  /** Rows of A packed at a time, a multiple of MR. */
  static final int MC = 16 * MR;
  /** Columns of a packed block of B, a multiple of NR: KC x NC doubles is 1 MB. */
  static final int NC = 512 / NR * NR;

  private static final ScratchPool<Scratch> SCRATCH = new ScratchPool<>(Scratch::new);

  private VectorGemmDouble() {}

  /** The vector shape, for the start-up notice: "512-bit, 8 fp64 lanes". */
  static String describe() {
    return S.vectorBitSize() + "-bit, " + L + " fp64 lanes";
  }

  /** Buffers lent per call (ScratchPool); the packed B grows to the widest product seen (at most KC x NC). */
  private static final class Scratch {
    final double[] packedA = new double[MC * KC];
    double[] packedB = new double[0];
    final double[] tile = new double[MR * NR];
  }

  /**
   * Rows {@code [m0, m1)} of {@code C = A B}, overwriting them: A is m x k at {@code a[ao + i*ars
   * + p*acs]}, B is k x n at {@code b[bo + p*brs + j*bcs]}, C's element (i, j) at {@code c[co +
   * i*crs + j*ccs]}. The same contract as GemmDouble's scalar blocked path.
   */
  static void blocked(int m0, int m1, int n, int k, double[] a, int ao, int ars, int acs,
      double[] b, int bo, int brs, int bcs, double[] c, int co, int crs, int ccs) {
    Scratch s = SCRATCH.take();
    try {
      blockedWith(s, m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs, ccs);
    } finally {
      SCRATCH.give(s);
    }
  }

  private static void blockedWith(Scratch s, int m0, int m1, int n, int k, double[] a, int ao, int ars, int acs,
      double[] b, int bo, int brs, int bcs, double[] c, int co, int crs, int ccs) {
    int widest = Math.min(NC, (n + NR - 1) / NR * NR);
    if (s.packedB.length < widest * KC) {
      s.packedB = new double[widest * KC];
    }
    double[] bp = s.packedB;
    double[] ap = s.packedA;
    for (int jc = 0; jc < n; jc += NC) {
      int nc = Math.min(NC, n - jc);
      for (int pc = 0; pc < k; pc += KC) {
        int kc = Math.min(KC, k - pc);
        // The first block of depth overwrites C, the later ones add to it.
        boolean add = pc > 0;
        packB(b, bo + pc * brs + jc * bcs, brs, bcs, kc, nc, bp);
        for (int ic = m0; ic < m1; ic += MC) {
          int mc = Math.min(MC, m1 - ic);
          packA(a, ao + ic * ars + pc * acs, ars, acs, mc, kc, ap);
          int cBlock = co + ic * crs + jc * ccs;
          for (int ir = 0; ir < mc; ir += MR) {
            for (int jr = 0; jr < nc; jr += NR) {
              tile(kc, ap, ir * kc, bp, jr * kc, c, cBlock + ir * crs + jr * ccs, crs, ccs,
                  Math.min(MR, mc - ir), Math.min(NR, nc - jr), add, s.tile);
            }
          }
        }
      }
    }
  }

  /** One MR x NR tile of C, {@code rows x cols} of it real: straight into C, or via the buffer. */
  private static void tile(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int ci, int crs, int ccs,
      int rows, int cols, boolean add, double[] buffer) {
    if (rows == MR && cols == NR && ccs == 1) {
      kernel(kc, ap, ao, bp, bo, c, ci, crs, add);
      return;
    }
    kernel(kc, ap, ao, bp, bo, buffer, 0, NR, false);
    for (int r = 0; r < rows; r++) {
      int dst = ci + r * crs;
      int src = r * NR;
      for (int j = 0; j < cols; j++) {
        c[dst + j * ccs] = add ? c[dst + j * ccs] + buffer[src + j] : buffer[src + j];
      }
    }
  }

  /**
   * Copies the kc x nc block of B at {@code off} into panels of NR columns, each kc rows of NR
   * consecutive values; the last panel is zero-padded.
   */
  private static void packB(double[] b, int off, int rs, int cs, int kc, int nc, double[] bp) {
    if (cs == 1) {
      // Row by row, so B is read in the order it lies: panel by panel, a B not yet in cache
      // (a batch of a batched product) streamed in a tenth slower.
      int full = nc / NR * NR;
      for (int p = 0; p < kc; p++) {
        int src = off + p * rs;
        for (int jr = 0; jr < full; jr += NR) {
          System.arraycopy(b, src + jr, bp, jr * kc + p * NR, NR);
        }
      }
      if (full < nc) {
        int at = full * kc;
        Arrays.fill(bp, at, at + kc * NR, 0.0);
        for (int p = 0; p < kc; p++) {
          System.arraycopy(b, off + p * rs + full, bp, at + p * NR, nc - full);
        }
      }
      return;
    }
    for (int jr = 0; jr < nc; jr += NR) {
      int cols = Math.min(NR, nc - jr);
      int at = jr * kc;
      int src = off + jr * cs;
      if (cols < NR) {
        Arrays.fill(bp, at, at + kc * NR, 0.0);
      }
      // A line of depths at a time, column by column, as VectorGemmFloat.packB does.
      for (int p0 = 0; p0 < kc; p0 += DEPTHS) {
        int p1 = Math.min(kc, p0 + DEPTHS);
        for (int j = 0; j < cols; j++) {
          int sj = src + j * cs;
          for (int p = p0; p < p1; p++) {
            bp[at + p * NR + j] = b[sj + p * rs];
          }
        }
      }
    }
  }

  /** Depths per pass when packing a column-major B: one 64-byte line of doubles. */
  private static final int DEPTHS = 8;

  /**
   * Copies the mc x kc block of A at {@code off} into panels of MR rows, each kc columns of MR
   * consecutive values; the last panel is zero-padded.
   */
  private static void packA(double[] a, int off, int rs, int cs, int mc, int kc, double[] ap) {
    if (rs == 1 && cs != 1 && kc >= 128) {
      // Column-major A (a transposed view, as in x.T @ dy): each column of the block is one run
      // of mc values, read once for all its panels rather than six values per panel. A shallow
      // block stays in L1 while its panels are packed one by one, and those writes in order
      // are then faster ([64, 128] blocks: a fifth).
      int last = mc / MR * MR;
      if (last < mc) {
        Arrays.fill(ap, last * kc, last * kc + kc * MR, 0.0);
      }
      for (int p = 0; p < kc; p++) {
        int sp = off + p * cs;
        for (int ir = 0; ir < mc; ir += MR) {
          int rows = Math.min(MR, mc - ir);
          int dp = ir * kc + p * MR;
          for (int r = 0; r < rows; r++) {
            ap[dp + r] = a[sp + ir + r];
          }
        }
      }
      return;
    }
    for (int ir = 0; ir < mc; ir += MR) {
      int rows = Math.min(MR, mc - ir);
      int at = ir * kc;
      int src = off + ir * rs;
      if (rows < MR) {
        Arrays.fill(ap, at, at + kc * MR, 0.0);
      }
      if (cs == 1) {
        // Row-major A: each row read in one run, which a cold A (a batch of a batched product)
        // streams in faster than six rows read a column at a time.
        for (int r = 0; r < rows; r++) {
          int sr = src + r * rs;
          for (int p = 0; p < kc; p++) {
            ap[at + p * MR + r] = a[sr + p];
          }
        }
        continue;
      }
      for (int p = 0; p < kc; p++) {
        int sp = src + p * cs;
        int dp = at + p * MR;
        for (int r = 0; r < rows; r++) {
          ap[dp + r] = a[sp + r * rs];
        }
      }
    }
  }

  /**
   * {@code C[0..MR)[0..NR) (+)= Apanel * Bpanel} over depth kc: C row r at {@code c[co + r*ldc]},
   * the panels as packed above. Written out by hand: every vector must stay a local of this one
   * method, because a vector passed to or returned from a call C2 does not inline is boxed on
   * the heap (a helper for the stores cost a fifth of the speed).
   */
  static void kernel(int kc, double[] ap, int ao, double[] bp, int bo, double[] c, int co, int ldc, boolean add) {
    DoubleVector c00 = DoubleVector.zero(S);
    DoubleVector c01 = c00;
    DoubleVector c10 = c00;
    DoubleVector c11 = c00;
    DoubleVector c20 = c00;
    DoubleVector c21 = c00;
    DoubleVector c30 = c00;
    DoubleVector c31 = c00;
    DoubleVector c40 = c00;
    DoubleVector c41 = c00;
    DoubleVector c50 = c00;
    DoubleVector c51 = c00;
    // One induction variable fewer than a counted loop over p: see VectorGemmFloat's kernel.
    int end = bo + kc * NR;
    for (int pa = ao, pb = bo; pb < end; pa += MR, pb += NR) {
      DoubleVector b0 = DoubleVector.fromArray(S, bp, pb);
      DoubleVector b1 = DoubleVector.fromArray(S, bp, pb + L);
      DoubleVector a0 = DoubleVector.broadcast(S, ap[pa]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      DoubleVector a1 = DoubleVector.broadcast(S, ap[pa + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      DoubleVector a2 = DoubleVector.broadcast(S, ap[pa + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      DoubleVector a3 = DoubleVector.broadcast(S, ap[pa + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      DoubleVector a4 = DoubleVector.broadcast(S, ap[pa + 4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      DoubleVector a5 = DoubleVector.broadcast(S, ap[pa + 5]);
      c50 = a5.fma(b0, c50);
      c51 = a5.fma(b1, c51);
    }
    int r1 = co + ldc;
    int r2 = r1 + ldc;
    int r3 = r2 + ldc;
    int r4 = r3 + ldc;
    int r5 = r4 + ldc;
    if (add) {
      c00 = c00.add(DoubleVector.fromArray(S, c, co));
      c01 = c01.add(DoubleVector.fromArray(S, c, co + L));
      c10 = c10.add(DoubleVector.fromArray(S, c, r1));
      c11 = c11.add(DoubleVector.fromArray(S, c, r1 + L));
      c20 = c20.add(DoubleVector.fromArray(S, c, r2));
      c21 = c21.add(DoubleVector.fromArray(S, c, r2 + L));
      c30 = c30.add(DoubleVector.fromArray(S, c, r3));
      c31 = c31.add(DoubleVector.fromArray(S, c, r3 + L));
      c40 = c40.add(DoubleVector.fromArray(S, c, r4));
      c41 = c41.add(DoubleVector.fromArray(S, c, r4 + L));
      c50 = c50.add(DoubleVector.fromArray(S, c, r5));
      c51 = c51.add(DoubleVector.fromArray(S, c, r5 + L));
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
