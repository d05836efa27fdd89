package dev.tinytorch.tensor;

/** Choices shared by {@link GemmFloat} and {@link GemmDouble}. */
final class Gemm {
  private Gemm() {}

  /**
   * Whether a product is too small or too thin for the blocked path to pay for its packing:
   * fewer rows than one kernel pass, rows of C shorter than a few vectors, or little work.
   */
  static boolean direct(int m, int n, int k) {
    return m < 3 || n < 32 || (long) m * n * k < 32_768;
  }
}
