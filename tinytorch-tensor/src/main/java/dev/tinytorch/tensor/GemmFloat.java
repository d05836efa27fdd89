package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * The FLOAT32 matrix product {@code C = A B} over strided operands, in plain Java that C2
 * vectorises. {@link GemmDouble} is the same code for FLOAT64; change both together.
 *
 * <p>A matrix is (array, offset, row stride, column stride), so transposed and sliced views are
 * read where they lie; {@link Gemm#path} picks scalar loops for tiny products, and computes a C
 * with few columns as {@code C^T = B^T A^T}. The rest goes through the blocked path: {@link
 * VectorGemmFloat}'s when the JVM has the Vector API (see {@link Kernels}), else the one here,
 * GotoBLAS-style but shaped by what C2 (JDK 17 to 25) can vectorise:
 *
 * <ul>
 *   <li>a block of B ({@link #KC} x {@link #NC}, sized for L2) is packed into one array per row,
 *       so a transposed or strided B costs one O(k n) copy, not strided reads in the hot loop;
 *   <li>three rows of C live in three scratch rows (the register block, here kept in L1) while the
 *       packed rows of B stream past them: {@code t0[j] += a00 * b0[j] + a01 * b1[j] + a02 * b2[j]};
 *   <li>the values of A for those rows are packed too, zero-padded, so ragged edges need no
 *       special kernel and the kernel reads them at constant offsets;
 *   <li>every scratch row is allocated a little long, to a whole number of cache lines ({@link
 *       Gemm#lineMultiple}), so all rows share one alignment and the one C2 aligns for the vector
 *       loop aligns them all.
 * </ul>
 *
 * <p>What the shape of {@link #kernel} works around, each found by reading C2's output:
 *
 * <ul>
 *   <li>C2 vectorises a loop only if all its float arrays are indexed by the same expression; it
 *       cannot rule out that two arrays are one array at different offsets. Hence separate arrays
 *       per row, all indexed by {@code j}.
 *   <li>Inlined into the loop that picks the rows of B, the kernel's loop is no longer
 *       vectorised on JDK 17 (about 13 instead of 55 GFLOPS), so the kernel is kept above C2's
 *       inlining limit for hot methods (325 bytecodes, FreqInlineSize) and always runs as its own
 *       compiled method. {@code GemmKernelSizeTest} guards the size.
 *   <li>JDK 17 vectorises only the first of two such loops in one method, and not a loop body of
 *       more than nine FMAs: one loop of three rows by three depths per call. JDK 25 vectorises
 *       four by four, {@link #kernel4}, used there (see {@link #WIDE}).
 *   <li>Each call runs C2's scalar pre-loop (up to 15 floats, to align one array) and a scalar
 *       tail of the rest of a vector: about 16 scalar iterations per call unless the rows happen
 *       to start on a 64-byte line, which Java cannot ask for. That fixed cost is why short rows
 *       are slow (one thread, 256 x n x 256: 46 GFLOPS at n = 256, 60 at n = 512) and why the
 *       speed of a run depends on where its scratch rows landed.
 * </ul>
 *
 * <p>Measured and not kept (benchmarks/turns/README.md has the numbers): other block shapes on
 * JDK 17 (of fourteen others, only 3 x 2 and 4 x 2 vectorise, both slower), packing a row-major A row by row
 * or reading it in place (the kernel's nine loads then span three rows, which cost more than the
 * faster packing saved in some heap layouts), and ways to make C2 choose 256-bit vectors, which this
 * Zen 4 CPU runs faster (up to 14 % with {@code -XX:MaxVectorSize=32}, a JVM flag only).
 */
final class GemmFloat {
  /** Columns of C per strip: three scratch rows of this length plus the B rows in flight fit L1. */
  static final int NC = 512;
  /**
   * Whether this JVM's C2 vectorises {@link #kernel4}, the four rows by four depths kernel: JDK 25
   * does (one thread, 256^3: 56-61 GFLOPS against 44-50 with three by three), JDK 17 leaves a
   * loop of more than nine FMAs scalar (about 12). JDK 18 to 24 were not measured and keep the
   * three by three kernel.
   */
  static final boolean WIDE = Runtime.version().feature() >= 25;
  /**
   * Depth of a packed block of B; {@code KC * NC} floats (512 KB) sit in L2. A multiple of KR, and
   * at least 256 so that products 256 deep (a batch of [8, 256, 256]) take one pass over C, not a
   * second that reloads every row: 192 before, which measured 1-3 % slower on those, 13 % slower
   * on [64, 784] @ [784, 128] (fp32) and 8 % slower on fp64 1024^2 (one thread, Zen 4).
   */
  static final int KC = WIDE ? 256 : 258;
  /** Blocks of MR rows of C that share each pass over a packed row of B, read from L1 after the first. */
  static final int TILES = 2;
  /** The most rows whose packed A is kept for reuse across column blocks (see blocked). */
  static final int PANEL_ROWS = 2048;
  /** Rows of C per pass of the kernel. */
  static final int MR = WIDE ? 4 : 3;
  /** Depth covered by one kernel call. */
  static final int KR = WIDE ? 4 : 3;

  private static final ScratchPool<Scratch> SCRATCH = new ScratchPool<>(Scratch::new);

  private GemmFloat() {}

  /** Buffers lent per call (ScratchPool): products allocate nothing once the pool has one per concurrent call. */
  private static final class Scratch {
    final float[][] packedB = new float[KC][];
    final float[] zeros;
    final float[] packedA = new float[TILES * MR * (KC + KR)];
    /** Packed A for all of a thread's rows at one depth block, when it is reused (see blocked). */
    private float[] panel = new float[0];

    float[] panel(int length) {
      if (panel.length < length) {
        panel = new float[length];
      }
      return panel;
    }
    final float[][][] tiles = new float[TILES][MR][];

    /** Every row the kernel reads or writes shares one alignment; see {@link Gemm#lineMultiple}. */
    Scratch() {
      float[][] rows = Gemm.floatRows(KC + 1 + TILES * MR, NC);
      System.arraycopy(rows, 0, packedB, 0, KC);
      zeros = rows[KC];
      for (int t = 0; t < TILES; t++) {
        System.arraycopy(rows, KC + 1 + t * MR, tiles[t], 0, MR);
      }
    }
  }

  /**
   * Rows {@code [m0, m1)} of {@code C = A B}, overwriting them. A is m x k at {@code a[ao + i*ars
   * + p*acs]}, B is k x n at {@code b[bo + p*brs + j*bcs]}, C row i starts at {@code c[co +
   * i*ldc]}.
   */
  static void gemm(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int ldc) {
    int m = m1 - m0;
    if (m <= 0 || n == 0) {
      return;
    }
    switch (Gemm.path(m, n, k, acs, brs)) {
      case Gemm.ZEROS:
        for (int i = m0; i < m1; i++) {
          Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0f);
        }
        break;
      case Gemm.DIRECT:
        GemmDirect.direct(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
        break;
      case Gemm.TRANSPOSED:
        if (Kernels.VECTOR && bcs == 1 && VectorGemmColumns.takes(n, k)) {
          // With the Vector API one vector holds a row of C: no transposing needed.
          VectorGemmColumns.product(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, c, co, ldc);
          break;
        }
        // C^T = B^T A^T: the long side of C becomes the vectorised one.
        packed(0, n, m, k, b, bo, bcs, brs, a, ao + m0 * ars, acs, ars, c, co + m0 * ldc, 1, ldc);
        break;
      default:
        packed(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, 1);
    }
  }

  /**
   * The blocked path of the kernels chosen at start-up: {@link VectorGemmFloat} when the Vector
   * API is present (see {@link Kernels}), else {@link #blocked}.
   */
  private static void packed(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int crs, int ccs) {
    if (Kernels.VECTOR) {
      VectorGemmFloat.blocked(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs, ccs);
    } else {
      blocked(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs, ccs);
    }
  }

  /**
   * The packed, kernel-driven path; C element (i, j) at {@code c[co + i*crs + j*ccs]}.
   *
   * <p>With column blocks outermost (the classic order), A is packed again for every block of NC
   * columns of B. For a transposed A (the weight gradient x.T @ dy), whose rows lie side by side
   * at each depth, that packing read each depth's cache line from a row a whole matrix width away
   * and took 16 % of an fp64 1024² product. So when B has several column blocks, depth blocks run
   * outermost instead: all of the thread's rows are packed once per depth block into a panel and
   * reused across the column blocks. That made a transposed A 4 % faster than a row-major one
   * was, and the row-major product itself 2-11 % faster (fp32 / fp64, JDK 17 and 25). Each element
   * of C still sums its depth blocks in the same order, so results are identical either way. A
   * thread with more than {@link #PANEL_ROWS} rows keeps the classic order, so that the panel
   * ({@value #PANEL_ROWS} x KC values at most) stays a few MB.
   */
  private static void blocked(int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int crs, int ccs) {
    if (m1 - m0 == 1 && ccs == 1) {
      GemmRowFloat.row(n, k, a, ao + m0 * ars, acs, b, bo, brs, bcs, c, co + m0 * crs);
      return;
    }
    Scratch s = SCRATCH.take();
    try {
      blockedWith(s, m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs, ccs);
    } finally {
      SCRATCH.give(s);
    }
  }

  private static void blockedWith(Scratch s, int m0, int m1, int n, int k, float[] a, int ao, int ars, int acs,
      float[] b, int bo, int brs, int bcs, float[] c, int co, int crs, int ccs) {
    float[][] bp = s.packedB;
    float[] zeros = s.zeros;
    float[][][] tiles = s.tiles;
    boolean reuseA = n > NC && m1 - m0 <= PANEL_ROWS;
    int blockRows = MR * TILES;
    float[] ap = reuseA ? s.panel((m1 - m0 + blockRows - 1) / blockRows * TILES * MR * (KC + KR)) : s.packedA;
    int outerEnd = reuseA ? k : n;
    int outerStep = reuseA ? KC : NC;
    int innerEnd = reuseA ? n : k;
    int innerStep = reuseA ? NC : KC;
    for (int outer = 0; outer < outerEnd; outer += outerStep) {
      for (int inner = 0; inner < innerEnd; inner += innerStep) {
        int jc = reuseA ? inner : outer;
        int pc = reuseA ? outer : inner;
        int nc = Math.min(NC, n - jc);
        int kc = Math.min(KC, k - pc);
        packB(b, bo + pc * brs + jc * bcs, brs, bcs, kc, nc, bp);
        int groups = (kc + KR - 1) / KR;
        int aStride = groups * MR * KR;
        boolean packA = !reuseA || jc == 0;
        for (int i = m0, block = 0; i < m1; i += blockRows, block++) {
          int base = reuseA ? block * TILES * aStride : 0;
          int used = 0;
          for (int i1 = i; i1 < m1 && used < TILES; i1 += MR, used++) {
            int rows = Math.min(MR, m1 - i1);
            if (packA) {
              packA(a, ao + i1 * ars + pc * acs, ars, acs, rows, kc, ap, base + used * aStride);
            }
            loadTile(tiles[used], rows, nc, pc == 0, c, co + i1 * crs + jc * ccs, crs, ccs);
          }
          for (int g = 0; g < groups; g++) {
            for (int t = 0; t < used; t++) {
              if (WIDE) {
                kernel4(tiles[t], ap, base + t * aStride + g * MR * KR, bp, g * KR, kc, zeros, nc);
              } else {
                kernel(tiles[t], ap, base + t * aStride + g * MR * KR, bp, g * KR, kc, zeros, nc);
              }
            }
          }
          for (int t = 0; t < used; t++) {
            int i1 = i + t * MR;
            storeTile(tiles[t], Math.min(MR, m1 - i1), nc, c, co + i1 * crs + jc * ccs, crs, ccs);
          }
        }
      }
    }
  }

  /** Fills the scratch rows with C's rows (or zeros before the first block of depth). */
  private static void loadTile(float[][] tile, int rows, int nc, boolean zero, float[] c, int ci, int crs, int ccs) {
    for (int r = 0; r < rows; r++) {
      float[] t = tile[r];
      int src = ci + r * crs;
      if (zero) {
        Arrays.fill(t, 0, nc, 0f);
      } else if (ccs == 1) {
        System.arraycopy(c, src, t, 0, nc);
      } else {
        for (int j = 0; j < nc; j++) {
          t[j] = c[src + j * ccs];
        }
      }
    }
  }

  private static void storeTile(float[][] tile, int rows, int nc, float[] c, int ci, int crs, int ccs) {
    for (int r = 0; r < rows; r++) {
      float[] t = tile[r];
      int dst = ci + r * crs;
      if (ccs == 1) {
        System.arraycopy(t, 0, c, dst, nc);
      } else {
        for (int j = 0; j < nc; j++) {
          c[dst + j * ccs] = t[j];
        }
      }
    }
  }

  /** Copies the kc x nc block of B at {@code off} into rows {@code bp[0..kc)}. */
  private static void packB(float[] b, int off, int rs, int cs, int kc, int nc, float[][] bp) {
    if (cs == 1) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, off + p * rs, bp[p], 0, nc);
      }
    } else if (rs == 1) {
      // Column-major B (a transposed view): eight columns at a time, read as eight contiguous
      // runs, so each packed row gets a run of eight values per visit rather than one. Column by
      // column (one value into each of the kc rows per column) took 12.6 % of a CNN step's
      // backward samples, for the conv weight gradient's g @ cols^T.
      int j = 0;
      for (; j + 8 <= nc; j += 8) {
        int src = off + j * cs;
        for (int p = 0; p < kc; p++) {
          float[] row = bp[p];
          int q = src + p;
          row[j] = b[q];
          row[j + 1] = b[q + cs];
          row[j + 2] = b[q + 2 * cs];
          row[j + 3] = b[q + 3 * cs];
          row[j + 4] = b[q + 4 * cs];
          row[j + 5] = b[q + 5 * cs];
          row[j + 6] = b[q + 6 * cs];
          row[j + 7] = b[q + 7 * cs];
        }
      }
      for (; j < nc; j++) {
        int src = off + j * cs;
        for (int p = 0; p < kc; p++) {
          bp[p][j] = b[src + p];
        }
      }
    } else {
      for (int p = 0; p < kc; p++) {
        float[] row = bp[p];
        int src = off + p * rs;
        for (int j = 0; j < nc; j++) {
          row[j] = b[src + j * cs];
        }
      }
    }
  }

  /**
   * Packs {@code rows} (at most MR) rows by kc columns of A into groups of MR x KR values, row-major
   * within a group, padding missing rows and columns with zeros.
   */
  private static void packA(float[] a, int off, int rs, int cs, int rows, int kc, float[] ap, int at) {
    int groups = (kc + KR - 1) / KR;
    if (rows < MR || kc % KR != 0) {
      Arrays.fill(ap, at, at + groups * MR * KR, 0f);
    }
    if (rs == 1 && cs != 1) {
      // A transposed view (x.T @ dy): the rows' values at one depth lie side by side, so read
      // them as one run per depth rather than kc strided reads per row.
      for (int g = 0, src = off, dst = at; g * KR < kc; g++, dst += MR * KR) {
        for (int q = 0, depth = Math.min(KR, kc - g * KR); q < depth; q++, src += cs) {
          for (int r = 0; r < rows; r++) {
            ap[dst + r * KR + q] = a[src + r];
          }
        }
      }
      return;
    }
    // Group by group: a division and a remainder per value cost as much as packing a batch
    // of [256, 256] itself.
    int full = kc / KR;
    for (int r = 0; r < rows; r++) {
      int src = off + r * rs;
      int dst = at + r * KR;
      for (int g = 0; g < full; g++, src += KR * cs, dst += MR * KR) {
        for (int q = 0; q < KR; q++) {
          ap[dst + q] = a[src + q * cs];
        }
      }
      for (int q = 0; q < kc - full * KR; q++) {
        ap[dst + q] = a[src + q * cs];
      }
    }
  }

  /**
   * {@code tile[r][0, n) += sum_q ap[o + 3 r + q] * bp[p + q][0, n)} for rows r and depths q in
   * 0..2, rows of B at or past {@code kc} reading as {@code zeros}. Three by three is the largest
   * block whose loop JDK 17 vectorises; see the class comment for why there is one loop and why
   * the method must stay over 325 bytecodes (the argument checks, which also let C2 drop the
   * range checks in the loop, see to that).
   */
  static void kernel(float[][] tile, float[] ap, int o, float[][] bp, int p, int kc, float[] zeros, int n) {
    if (tile.length < 3) {
      throw new IllegalArgumentException("kernel: needs 3 rows of C, got " + tile.length);
    }
    if (p < 0 || p >= kc || kc > bp.length) {
      throw new IllegalArgumentException(
          "kernel: depth " + p + " is outside the packed block of B (" + kc + " of " + bp.length + " rows)");
    }
    float[] t0 = tile[0];
    float[] t1 = tile[1];
    float[] t2 = tile[2];
    // Rows of B past the block's depth kc read as zeros (their A values are zeros too).
    float[] b0 = bp[p];
    float[] b1 = p + 1 < kc ? bp[p + 1] : zeros;
    float[] b2 = p + 2 < kc ? bp[p + 2] : zeros;
    if (o < 0 || o > ap.length - 9) {
      throw new IllegalArgumentException(
          "kernel: the 3 x 3 block of A at " + o + " lies outside the packed A of length " + ap.length);
    }
    if (n > t0.length || n > t1.length || n > t2.length || n > b0.length || n > b1.length || n > b2.length) {
      throw new IllegalArgumentException(
          "kernel: rows of length " + n + " do not fit the rows of C (" + t0.length + ", " + t1.length + ", "
              + t2.length + ") or of packed B (" + b0.length + ", " + b1.length + ", " + b2.length + ")");
    }
    float a00 = ap[o + 0];
    float a01 = ap[o + 1];
    float a02 = ap[o + 2];
    float a10 = ap[o + 3];
    float a11 = ap[o + 4];
    float a12 = ap[o + 5];
    float a20 = ap[o + 6];
    float a21 = ap[o + 7];
    float a22 = ap[o + 8];
    for (int j = 0; j < n; j++) {
      float x0 = b0[j];
      float x1 = b1[j];
      float x2 = b2[j];
      t0[j] = Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, t0[j])));
      t1[j] = Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, t1[j])));
      t2[j] = Math.fma(a22, x2, Math.fma(a21, x1, Math.fma(a20, x0, t2[j])));
    }
  }

  /**
   * {@code tile[r][0, n) += sum_q ap[o + 4 r + q] * bp[p + q][0, n)} for rows r and depths q in
   * 0..3: {@link #kernel} with four rows and four depths, for the JVMs that vectorise it (see
   * {@link #WIDE}). Sixteen FMAs per four loads and stores of C and four loads of B, and a third
   * fewer calls, each of which pays C2's scalar pre-loop and tail. Over 325 bytecodes too.
   */
  static void kernel4(float[][] tile, float[] ap, int o, float[][] bp, int p, int kc, float[] zeros, int n) {
    if (tile.length < 4) {
      throw new IllegalArgumentException("kernel4: needs 4 rows of C, got " + tile.length);
    }
    if (p < 0 || p >= kc || kc > bp.length) {
      throw new IllegalArgumentException(
          "kernel4: depth " + p + " is outside the packed block of B (" + kc + " of " + bp.length + " rows)");
    }
    float[] t0 = tile[0];
    float[] t1 = tile[1];
    float[] t2 = tile[2];
    float[] t3 = tile[3];
    // Rows of B past the block's depth kc read as zeros (their A values are zeros too).
    float[] b0 = bp[p];
    float[] b1 = p + 1 < kc ? bp[p + 1] : zeros;
    float[] b2 = p + 2 < kc ? bp[p + 2] : zeros;
    float[] b3 = p + 3 < kc ? bp[p + 3] : zeros;
    if (o < 0 || o > ap.length - 16) {
      throw new IllegalArgumentException(
          "kernel4: the 4 x 4 block of A at " + o + " lies outside the packed A of length " + ap.length);
    }
    if (n > t0.length || n > t1.length || n > t2.length || n > t3.length
        || n > b0.length || n > b1.length || n > b2.length || n > b3.length) {
      throw new IllegalArgumentException("kernel4: rows of length " + n + " do not fit the rows of C ("
          + t0.length + ", " + t1.length + ", " + t2.length + ", " + t3.length + ") or of packed B ("
          + b0.length + ", " + b1.length + ", " + b2.length + ", " + b3.length + ")");
    }
    float a00 = ap[o + 0];
    float a01 = ap[o + 1];
    float a02 = ap[o + 2];
    float a03 = ap[o + 3];
    float a10 = ap[o + 4];
    float a11 = ap[o + 5];
    float a12 = ap[o + 6];
    float a13 = ap[o + 7];
    float a20 = ap[o + 8];
    float a21 = ap[o + 9];
    float a22 = ap[o + 10];
    float a23 = ap[o + 11];
    float a30 = ap[o + 12];
    float a31 = ap[o + 13];
    float a32 = ap[o + 14];
    float a33 = ap[o + 15];
    for (int j = 0; j < n; j++) {
      float x0 = b0[j];
      float x1 = b1[j];
      float x2 = b2[j];
      float x3 = b3[j];
      t0[j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, t0[j]))));
      t1[j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, t1[j]))));
      t2[j] = Math.fma(a23, x3, Math.fma(a22, x2, Math.fma(a21, x1, Math.fma(a20, x0, t2[j]))));
      t3[j] = Math.fma(a33, x3, Math.fma(a32, x2, Math.fma(a31, x1, Math.fma(a30, x0, t3[j]))));
    }
  }
}
