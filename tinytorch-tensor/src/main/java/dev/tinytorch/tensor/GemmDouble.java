package dev.tinytorch.tensor;

import java.util.Arrays;

/**
 * The FLOAT64 matrix product {@code C = A B}: {@link GemmFloat} with doubles, whose class comment
 * explains the design; change both together. The block sizes differ: NC keeps the bytes of a
 * row of C the same, so a strip is half as many columns.
 */
final class GemmDouble {
  /** Columns of C per strip, the same bytes per row as GemmFloat's. */
  static final int NC = 256;
  /** Whether the four by four {@link #kernel4} runs: as {@link GemmFloat#WIDE}, JDK 25 and later. */
  static final boolean WIDE = GemmFloat.WIDE;
  /**
   * Depth of a packed block of B; {@code KC * NC} doubles (512 KB) sit in L2. A multiple of KR,
   * and at least 256 for the reasons given at GemmFloat's.
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

  private GemmDouble() {}

  /** Buffers lent per call (ScratchPool): products allocate nothing once the pool has one per concurrent call. */
  private static final class Scratch {
    final double[][] packedB = new double[KC][];
    final double[] zeros;
    final double[] packedA = new double[TILES * MR * (KC + KR)];
    /** Packed A for all of a thread's rows at one depth block, when it is reused (see blocked). */
    private double[] panel = new double[0];

    double[] panel(int length) {
      if (panel.length < length) {
        panel = new double[length];
      }
      return panel;
    }
    final double[][][] tiles = new double[TILES][MR][];

    /** Every row the kernel reads or writes shares one alignment; see {@link Gemm#lineMultiple}. */
    Scratch() {
      double[][] rows = Gemm.doubleRows(KC + 1 + TILES * MR, NC);
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
  static void gemm(int m0, int m1, int n, int k, double[] a, int ao, int ars, int acs,
      double[] b, int bo, int brs, int bcs, double[] c, int co, int ldc) {
    int m = m1 - m0;
    if (m <= 0 || n == 0) {
      return;
    }
    switch (Gemm.path(m, n, k, acs, brs)) {
      case Gemm.ZEROS:
        for (int i = m0; i < m1; i++) {
          Arrays.fill(c, co + i * ldc, co + i * ldc + n, 0.0);
        }
        break;
      case Gemm.DIRECT:
        GemmDirect.direct(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc);
        break;
      case Gemm.TRANSPOSED:
        // C^T = B^T A^T: the long side of C becomes the vectorised one.
        packed(0, n, m, k, b, bo, bcs, brs, a, ao + m0 * ars, acs, ars, c, co + m0 * ldc, 1, ldc);
        break;
      default:
        packed(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, ldc, 1);
    }
  }

  /**
   * The blocked path of the kernels chosen at start-up: {@link VectorGemmDouble} when the Vector
   * API is present (see {@link Kernels}), else {@link #blocked}.
   */
  private static void packed(int m0, int m1, int n, int k, double[] a, int ao, int ars, int acs,
      double[] b, int bo, int brs, int bcs, double[] c, int co, int crs, int ccs) {
    if (Kernels.VECTOR) {
      VectorGemmDouble.blocked(m0, m1, n, k, a, ao, ars, acs, b, bo, brs, bcs, c, co, crs, ccs);
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
  private static void blocked(int m0, int m1, int n, int k, double[] a, int ao, int ars, int acs,
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
    double[][] bp = s.packedB;
    double[] zeros = s.zeros;
    double[][][] tiles = s.tiles;
    boolean reuseA = n > NC && m1 - m0 <= PANEL_ROWS;
    int blockRows = MR * TILES;
    double[] ap = reuseA ? s.panel((m1 - m0 + blockRows - 1) / blockRows * TILES * MR * (KC + KR)) : s.packedA;
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
  private static void loadTile(double[][] tile, int rows, int nc, boolean zero, double[] c, int ci, int crs, int ccs) {
    for (int r = 0; r < rows; r++) {
      double[] t = tile[r];
      int src = ci + r * crs;
      if (zero) {
        Arrays.fill(t, 0, nc, 0.0);
      } else if (ccs == 1) {
        System.arraycopy(c, src, t, 0, nc);
      } else {
        for (int j = 0; j < nc; j++) {
          t[j] = c[src + j * ccs];
        }
      }
    }
  }

  private static void storeTile(double[][] tile, int rows, int nc, double[] c, int ci, int crs, int ccs) {
    for (int r = 0; r < rows; r++) {
      double[] t = tile[r];
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
  private static void packB(double[] b, int off, int rs, int cs, int kc, int nc, double[][] bp) {
    if (cs == 1) {
      for (int p = 0; p < kc; p++) {
        System.arraycopy(b, off + p * rs, bp[p], 0, nc);
      }
    } else if (rs == 1) {
      // Column-major B (a transposed view): read each column contiguously; the kc rows written
      // to stay in cache across consecutive columns.
      for (int j = 0; j < nc; j++) {
        int src = off + j * cs;
        for (int p = 0; p < kc; p++) {
          bp[p][j] = b[src + p];
        }
      }
    } else {
      for (int p = 0; p < kc; p++) {
        double[] row = bp[p];
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
  private static void packA(double[] a, int off, int rs, int cs, int rows, int kc, double[] ap, int at) {
    int groups = (kc + KR - 1) / KR;
    if (rows < MR || kc % KR != 0) {
      Arrays.fill(ap, at, at + groups * MR * KR, 0.0);
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
   * 0..2, rows of B at or past {@code kc} reading as {@code zeros}: GemmFloat's kernel with
   * doubles. Three depths per pass store each row of C a third as often as the two depths this
   * kernel had before, which was a sixth faster on JDK 17 and 25 (1024^2, one thread: 25.7 to
   * 28.6-32 GFLOPS); JDK 17 still vectorises the nine-FMA body with doubles, but not bodies of
   * twelve (three by four, four by three) or two rows by four depths. One loop and argument
   * checks for the same reasons as GemmFloat's kernel.
   */
  static void kernel(double[][] tile, double[] ap, int o, double[][] bp, int p, int kc, double[] zeros, int n) {
    if (tile.length < 3) {
      throw new IllegalArgumentException("kernel: needs 3 rows of C, got " + tile.length);
    }
    if (p < 0 || p >= kc || kc > bp.length) {
      throw new IllegalArgumentException(
          "kernel: depth " + p + " is outside the packed block of B (" + kc + " of " + bp.length + " rows)");
    }
    double[] t0 = tile[0];
    double[] t1 = tile[1];
    double[] t2 = tile[2];
    // Rows of B past the block's depth kc read as zeros (their A values are zeros too).
    double[] b0 = bp[p];
    double[] b1 = p + 1 < kc ? bp[p + 1] : zeros;
    double[] b2 = p + 2 < kc ? bp[p + 2] : zeros;
    if (o < 0 || o > ap.length - 9) {
      throw new IllegalArgumentException(
          "kernel: the 3 x 3 block of A at " + o + " lies outside the packed A of length " + ap.length);
    }
    if (n > t0.length || n > t1.length || n > t2.length || n > b0.length || n > b1.length || n > b2.length) {
      throw new IllegalArgumentException(
          "kernel: rows of length " + n + " do not fit the rows of C (" + t0.length + ", " + t1.length + ", "
              + t2.length + ") or of packed B (" + b0.length + ", " + b1.length + ", " + b2.length + ")");
    }
    double a00 = ap[o + 0];
    double a01 = ap[o + 1];
    double a02 = ap[o + 2];
    double a10 = ap[o + 3];
    double a11 = ap[o + 4];
    double a12 = ap[o + 5];
    double a20 = ap[o + 6];
    double a21 = ap[o + 7];
    double a22 = ap[o + 8];
    for (int j = 0; j < n; j++) {
      double x0 = b0[j];
      double x1 = b1[j];
      double x2 = b2[j];
      t0[j] = Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, t0[j])));
      t1[j] = Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, t1[j])));
      t2[j] = Math.fma(a22, x2, Math.fma(a21, x1, Math.fma(a20, x0, t2[j])));
    }
  }

  /**
   * {@code tile[r][0, n) += sum_q ap[o + 4 r + q] * bp[p + q][0, n)} for rows r and depths q in
   * 0..3: GemmFloat's kernel4 with doubles, for the JVMs that vectorise it (see {@link #WIDE}).
   * JDK 25, one thread, 1024^2: 34.6-35.3 GFLOPS against 30.5-31.4 with three by three.
   */
  static void kernel4(double[][] tile, double[] ap, int o, double[][] bp, int p, int kc, double[] zeros, int n) {
    if (tile.length < 4) {
      throw new IllegalArgumentException("kernel4: needs 4 rows of C, got " + tile.length);
    }
    if (p < 0 || p >= kc || kc > bp.length) {
      throw new IllegalArgumentException(
          "kernel4: depth " + p + " is outside the packed block of B (" + kc + " of " + bp.length + " rows)");
    }
    double[] t0 = tile[0];
    double[] t1 = tile[1];
    double[] t2 = tile[2];
    double[] t3 = tile[3];
    // Rows of B past the block's depth kc read as zeros (their A values are zeros too).
    double[] b0 = bp[p];
    double[] b1 = p + 1 < kc ? bp[p + 1] : zeros;
    double[] b2 = p + 2 < kc ? bp[p + 2] : zeros;
    double[] b3 = p + 3 < kc ? bp[p + 3] : zeros;
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
    double a00 = ap[o + 0];
    double a01 = ap[o + 1];
    double a02 = ap[o + 2];
    double a03 = ap[o + 3];
    double a10 = ap[o + 4];
    double a11 = ap[o + 5];
    double a12 = ap[o + 6];
    double a13 = ap[o + 7];
    double a20 = ap[o + 8];
    double a21 = ap[o + 9];
    double a22 = ap[o + 10];
    double a23 = ap[o + 11];
    double a30 = ap[o + 12];
    double a31 = ap[o + 13];
    double a32 = ap[o + 14];
    double a33 = ap[o + 15];
    for (int j = 0; j < n; j++) {
      double x0 = b0[j];
      double x1 = b1[j];
      double x2 = b2[j];
      double x3 = b3[j];
      t0[j] = Math.fma(a03, x3, Math.fma(a02, x2, Math.fma(a01, x1, Math.fma(a00, x0, t0[j]))));
      t1[j] = Math.fma(a13, x3, Math.fma(a12, x2, Math.fma(a11, x1, Math.fma(a10, x0, t1[j]))));
      t2[j] = Math.fma(a23, x3, Math.fma(a22, x2, Math.fma(a21, x1, Math.fma(a20, x0, t2[j]))));
      t3[j] = Math.fma(a33, x3, Math.fma(a32, x2, Math.fma(a31, x1, Math.fma(a30, x0, t3[j]))));
    }
  }
}
