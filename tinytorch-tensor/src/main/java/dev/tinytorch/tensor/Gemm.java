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

  private Gemm() {}

  /**
   * Picks the path for an m x k by k x n product; {@code acs == 1 && brs == 1} means every
   * output is a dot product of two contiguous runs.
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
