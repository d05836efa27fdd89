package dev.tinytorch.tensor;

/** The choice of algorithm shared by {@link GemmFloat} and {@link GemmDouble}. */
final class Gemm {
  /** k is 0: C is all zeros. */
  static final int ZEROS = 0;
  /** Scalar loops: products too small for packing to pay, or matrix-vector on contiguous rows. */
  static final int DIRECT = 1;
  /** Packed blocks and the vectorised kernel, rows of C as the vector dim. */
  static final int BLOCKED = 2;
  /** The blocked path on {@code C^T = B^T A^T}, for C with few columns but many rows. */
  static final int TRANSPOSED = 3;

  /** Below this many multiply-adds the packing costs more than it saves. */
  static final int DIRECT_WORK = 512;
  /** Rows of C shorter than this are too short to vectorise; see {@link #TRANSPOSED}. */
  static final int MIN_VECTOR = 16;

  /** Bytes of an array's header in HotSpot with compressed class pointers (the default). */
  private static final int ARRAY_HEADER = 16;
  /** A cache line, and the width of an AVX-512 vector. */
  private static final int LINE = 64;

  private Gemm() {}

  /**
   * The smallest length at least {@code n} whose array of {@code elementBytes}-byte elements
   * takes a whole number of 64-byte lines on the heap. Arrays of such lengths allocated one
   * after another (bump allocation in a TLAB, and mostly still after a GC copies them) all start
   * at the same address modulo 64, so once C2's pre-loop has aligned one array of a kernel's
   * loop, its other arrays are aligned too and no 64-byte access straddles two lines. Measured
   * on the scalar kernels, one thread, Zen 4: fp32 256^3 45 to 48 GFLOPS, fp64 1024^2 27.5 to
   * 29; without it the speed also swung with where each array happened to land.
   */
  static int lineMultiple(int n, int elementBytes) {
    int len = n;
    while ((ARRAY_HEADER + (long) len * elementBytes) % LINE != 0) {
      len++;
    }
    return len;
  }

  /** {@code count} arrays of {@link #lineMultiple} length, allocated one after another. */
  static float[][] floatRows(int count, int n) {
    float[][] rows = new float[count][];
    int len = lineMultiple(n, Float.BYTES);
    for (int i = 0; i < count; i++) {
      rows[i] = new float[len];
    }
    return rows;
  }

  /** {@code count} arrays of {@link #lineMultiple} length, allocated one after another. */
  static double[][] doubleRows(int count, int n) {
    double[][] rows = new double[count][];
    int len = lineMultiple(n, Double.BYTES);
    for (int i = 0; i < count; i++) {
      rows[i] = new double[len];
    }
    return rows;
  }

  /**
   * Picks the path for an m x k by k x n product; {@code acs == 1 && brs == 1} means every
   * output is a dot product of two contiguous runs.
   *
   * <p>Tried and not kept (2026-12-03, issue 13): sending contiguous-run products with 8-15 columns
   * and at least 16 rows to {@link #TRANSPOSED} instead of dot products. The CNN benchmark's first
   * conv weight gradient per image, [16, 784] @ [784, 9], spends 9 % of the step in the scalar dots,
   * but the transposed blocked path, whose vectors are then only 16 wide, took the same 2.4 ms.
   * Also tried (same day): for C with few columns and a row-major B (the TinyDigits forward
   * [32, 256] @ [256, 10]), scalar kernels that keep eight columns of one or two rows of C in
   * registers, one FMA per depth in order: 25.9 and 21.6 us against 14 us for {@link #TRANSPOSED}.
   */
  static int path(int m, int n, int k, int acs, int brs) {
    if (k == 0) {
      return ZEROS;
    }
    if ((long) m * n * k < DIRECT_WORK) {
      return DIRECT;
    }
    if (n >= MIN_VECTOR) {
      return BLOCKED;
    }
    if (acs == 1 && brs == 1) {
      return DIRECT;
    }
    return m >= MIN_VECTOR ? TRANSPOSED : DIRECT;
  }
}
