package dev.tinytorch.tensor;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The FLOAT32 blocked product {@code C = A B} written with the incubating Vector API: the
 * replacement for {@link GemmFloat}'s blocked path when {@link Kernels#VECTOR} is on. Only
 * {@link GemmFloat} calls it, and only after that check, so without {@code --add-modules
 * jdk.incubator.vector} this class is never loaded. {@link VectorGemmDouble} is the same code
 * for FLOAT64; change both together.
 *
 * <p>The loops are BLIS's with the two innermost swapped, so that the packed B block is what
 * streams from L2 past a small panel of A:
 *
 * <ul>
 *   <li>a {@link #KC} x {@link #NC} block of B (1 MB, Zen 4's L2) is packed into panels of
 *       {@link #NR} columns, row after row; a transposed or strided B costs one copy;
 *   <li>{@link #MC} rows of A at a time are packed into panels of {@link #MR} rows, column after
 *       column, so the kernel reads A's values for one depth at consecutive addresses;
 *   <li>each panel of A (MR x KC, 6 KB) meets every panel of B in the block, one kernel call each.
 * </ul>
 *
 * <p>Block sizes were picked with {@code bench/MatMulBench} on Zen 4 (1024^2, one thread): KC
 * from 128 to 512, NC from 256 to 4096 columns and either order of the two inner loops are all
 * within 5 % of each other; these were the best.
 *
 * <p>The kernel keeps an MR x NR tile of C in 12 vector registers for the whole depth: per step
 * two loads of B, six broadcasts of A and twelve FMAs, so FMA throughput, not memory, is the
 * limit. Six rows by two vectors is the largest tile that also fits the 16 registers of AVX2
 * (12 accumulators, 2 of B, 1 broadcast); 8 x 2 on AVX-512 measured within 2 %. Ragged edges
 * of A and B are zero-padded when packed, so the kernel has one shape; edge tiles of C and
 * strided C (the transposed path) go through a small buffer.
 */
final class VectorGemmFloat {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  /** Lanes per vector: 16 with AVX-512, 8 with AVX2. */
  static final int L = S.length();
  /** Rows of C per kernel call. */
  static final int MR = 6;
  /** Columns of C per kernel call: two vectors. */
  static final int NR = 2 * L;
  /** Depth of a packed block: a panel of A is MR x KC (6 KB) and stays in L1. */
  static final int KC = 256;
  /** Rows of A packed at a time, a multiple of MR. */
  static final int MC = 16 * MR;
  /** Columns of a packed block of B, a multiple of NR: KC x NC floats is 1 MB. */
  static final int NC = 1024 / NR * NR;

  private static final ScratchPool<Scratch> SCRATCH = new ScratchPool<>(Scratch::new);

  private VectorGemmFloat() {}

  /** The vector shape, for the start-up notice: "512-bit, 16 fp32 lanes". */
  static String describe() {
    return S.vectorBitSize() + "-bit, " + L + " fp32 lanes";
  }

  /** Buffers lent per call (ScratchPool); the packed B grows to the widest product seen (at most KC x NC). */
  private static final class Scratch {
    final float[] packedA = new float[MC * KC];
    float[] packedB = new float[0];
    final float[] tile = new float[MR * NR];
  }

  /**
   * Rows {@code [m0, m1)} of {@code C = A B}, overwriting them: A is m x k at {@code a[ao + i*ars
   * + p*acs]}, B is k x n at {@code b[bo + p*brs + j*bcs]}, C's element (i, j) at {@code c[co +
   * i*crs + j*ccs]}. The same contract as GemmFloat's scalar blocked path.
   */
  static void blocked(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int crs, int ccs) {
    if (m1 - m0 <= FEW_ROWS && bcs == 1 && ccs == 1) {
      fewRows(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, c, co, crs);
      return;
    }
    if (VectorGemmSmall.takes(n, k)) {
      VectorGemmSmall.product(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs, ccs);
      return;
    }
    packedPath(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs, ccs);
  }

  /** The packed path alone, whatever the shape: {@link #blocked} without its shortcuts (tests compare them). */
  static void packedPath(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int crs, int ccs) {
    Scratch s = SCRATCH.take();
    try {
      blockedWith(s, m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs, ccs);
    } finally {
      SCRATCH.give(s);
    }
  }

  private static void blockedWith(Scratch s, int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int crs, int ccs) {
    int widest = Math.min(NC, (n + NR - 1) / NR * NR);
    if (s.packedB.length < widest * KC) {
      s.packedB = new float[widest * KC];
    }
    float[] bp = s.packedB;
    float[] ap = s.packedA;
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

  /** Dot products at least this deep take {@link #dot} (shorter ones stay scalar). */
  static final int DOT_MIN_DEPTH = 64;

  /**
   * The dot product of two contiguous runs of k values, in two vectors of partial sums: the thin
   * products {@link Gemm#DIRECT} sends here, such as a conv's weight gradient per image ([16, 784]
   * @ [784, 9] in the CNN benchmark, 2.4 ms of scalar dot products per step).
   */
  static float dot(float[] a, int ai, float[] b, int bi, int k) {
    FloatVector s0 = FloatVector.zero(S);
    FloatVector s1 = s0;
    int p = 0;
    for (; p + 2 * L <= k; p += 2 * L) {
      s0 = FloatVector.fromArray(S, a, ai + p).fma(FloatVector.fromArray(S, b, bi + p), s0);
      s1 = FloatVector.fromArray(S, a, ai + p + L).fma(FloatVector.fromArray(S, b, bi + p + L), s1);
    }
    float sum = s0.add(s1).reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    for (; p < k; p++) {
      sum = Math.fma(a[ai + p], b[bi + p], sum);
    }
    return sum;
  }

  /** Products with at most this many rows skip packing: {@link #fewRows}. */
  static final int FEW_ROWS = 2;

  /** Rows {@code [m0, m1)} of {@code C = A B} for a B with contiguous rows, read in place: {@link VectorGemmRows}. */
  static void fewRows(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, float[] c, int co, int crs) {
    VectorGemmRows.rows(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, c, co, crs);
  }

  /** One MR x NR tile of C, {@code rows x cols} of it real: straight into C, or via the buffer. */
  private static void tile(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int ci, int crs, int ccs,
      int rows, int cols, boolean add, float[] buffer) {
    if (rows == MR && cols == NR && ccs == 1) {
      kernel(kc, ap, ao, bp, bo, c, ci, crs, add);
      return;
    }
    kernel(kc, ap, ao, bp, bo, buffer, 0, NR, false);
    storeTile(buffer, rows, cols, add, c, ci, crs, ccs);
  }

  /** The real {@code rows x cols} of a tile the kernel wrote to {@code buffer} (rows of NR) into C, or added to it. */
  static void storeTile(float[] buffer, int rows, int cols, boolean add, float[] c, int ci, int crs, int ccs) {
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
  static void packB(float[] b, int off, int rs, int cs, int kc, int nc, float[] bp) {
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
        Arrays.fill(bp, at, at + kc * NR, 0f);
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
        Arrays.fill(bp, at, at + kc * NR, 0f);
      }
      // A line of depths at a time, column by column: for a transposed view (rs == 1) that reads
      // one cache line of a column and writes into a DEPTHS x NR block that stays in L1. Whole
      // columns at once wrote across the strip's kc x NR values (32 KB, all of L1) for every
      // column; packing was 9 % of an fp32 1024² a @ b.T on one thread (JFR), and this took that
      // product from 93 % to 96 % of a @ b there (two threads: 95 % either way).
      if (rs == 1) {
        // A transposed view: eight columns at a time, eight contiguous runs read and eight
        // consecutive values written per depth. For the conv weight gradient g @ cols^T
        // ([32, 196] @ [196, 144] per image) packB was 14 % of a CNN backward; this took gW2
        // from about 1.9 to 1.5 ms per step.
        int j = 0;
        for (; j + 8 <= cols; j += 8) {
          int sj = src + j * cs;
          for (int p = 0; p < kc; p++) {
            int d = at + p * NR + j;
            int q = sj + p;
            bp[d] = b[q];
            bp[d + 1] = b[q + cs];
            bp[d + 2] = b[q + 2 * cs];
            bp[d + 3] = b[q + 3 * cs];
            bp[d + 4] = b[q + 4 * cs];
            bp[d + 5] = b[q + 5 * cs];
            bp[d + 6] = b[q + 6 * cs];
            bp[d + 7] = b[q + 7 * cs];
          }
        }
        for (; j < cols; j++) {
          int sj = src + j * cs;
          for (int p = 0; p < kc; p++) {
            bp[at + p * NR + j] = b[sj + p];
          }
        }
        continue;
      }
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

  /** Depths per pass when packing a column-major B: one 64-byte line of floats. */
  private static final int DEPTHS = 16;

  /**
   * Copies the mc x kc block of A at {@code off} into panels of MR rows, each kc columns of MR
   * consecutive values; the last panel is zero-padded.
   */
  static void packA(float[] a, int off, int rs, int cs, int mc, int kc, float[] ap) {
    if (rs == 1 && cs != 1 && kc >= 128) {
      // Column-major A (a transposed view, as in x.T @ dy): each column of the block is one run
      // of mc values, read once for all its panels rather than six values per panel. A shallow
      // block stays in L1 while its panels are packed one by one, and those writes in order
      // are then faster ([64, 128] blocks: a fifth).
      int last = mc / MR * MR;
      if (last < mc) {
        Arrays.fill(ap, last * kc, last * kc + kc * MR, 0f);
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
        Arrays.fill(ap, at, at + kc * MR, 0f);
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
  static void kernel(int kc, float[] ap, int ao, float[] bp, int bo, float[] c, int co, int ldc, boolean add) {
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
    // One induction variable fewer than a counted loop over p: with a free register C2 no longer
    // parks a value in a vector register inside the loop, which cost 12 % in half the runs.
    int end = bo + kc * NR;
    for (int pa = ao, pb = bo; pb < end; pa += MR, pb += NR) {
      FloatVector b0 = FloatVector.fromArray(S, bp, pb);
      FloatVector b1 = FloatVector.fromArray(S, bp, pb + L);
      FloatVector a0 = FloatVector.broadcast(S, ap[pa]);
      c00 = a0.fma(b0, c00);
      c01 = a0.fma(b1, c01);
      FloatVector a1 = FloatVector.broadcast(S, ap[pa + 1]);
      c10 = a1.fma(b0, c10);
      c11 = a1.fma(b1, c11);
      FloatVector a2 = FloatVector.broadcast(S, ap[pa + 2]);
      c20 = a2.fma(b0, c20);
      c21 = a2.fma(b1, c21);
      FloatVector a3 = FloatVector.broadcast(S, ap[pa + 3]);
      c30 = a3.fma(b0, c30);
      c31 = a3.fma(b1, c31);
      FloatVector a4 = FloatVector.broadcast(S, ap[pa + 4]);
      c40 = a4.fma(b0, c40);
      c41 = a4.fma(b1, c41);
      FloatVector a5 = FloatVector.broadcast(S, ap[pa + 5]);
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
