package dev.tinytorch.tensor;

/** The test oracle for matmul: torch.matmul by its definition, in double precision, unoptimised. */
final class MatMulReference {
  private MatMulReference() {}

  /**
   * torch.matmul on row-major data by the definition: 1-D operands become a row or a column,
   * batch dims broadcast from the right, each output element a triple-loop sum. Returns the
   * values and, per element, the sum of |a b| that bounds its rounding error.
   */
  static double[][] compute(double[] a, int[] as, double[] b, int[] bs) {
    int[] a2 = as.length == 1 ? new int[] {1, as[0]} : as;
    int[] b2 = bs.length == 1 ? new int[] {bs[0], 1} : bs;
    int m = a2[a2.length - 2];
    int k = a2[a2.length - 1];
    int n = b2[b2.length - 1];
    int rank = Math.max(a2.length, b2.length) - 2;
    int[] batch = new int[rank];
    for (int d = 0; d < rank; d++) {
      int da = batchSize(a2, d, rank);
      int db = batchSize(b2, d, rank);
      batch[d] = Math.max(da, db);
    }
    int count = 1;
    for (int s : batch) {
      count *= s;
    }
    double[] out = new double[count * m * n];
    double[] abs = new double[count * m * n];
    int[] idx = new int[rank];
    for (int t = 0; t < count; t++) {
      int rest = t;
      for (int d = rank - 1; d >= 0; d--) {
        idx[d] = rest % batch[d];
        rest /= batch[d];
      }
      int aBase = batchOffset(a2, idx, rank) * m * k;
      int bBase = batchOffset(b2, idx, rank) * k * n;
      for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
          double s = 0;
          double sa = 0;
          for (int p = 0; p < k; p++) {
            double prod = a[aBase + i * k + p] * b[bBase + p * n + j];
            s += prod;
            sa += Math.abs(prod);
          }
          out[(t * m + i) * n + j] = s;
          abs[(t * m + i) * n + j] = sa;
        }
      }
    }
    return new double[][] {out, abs};
  }

  private static int batchSize(int[] shape, int d, int rank) {
    int lead = rank - (shape.length - 2);
    return d < lead ? 1 : shape[d - lead];
  }

  /** Index of the operand's matrix for output batch index idx (size-1 dims broadcast). */
  private static int batchOffset(int[] shape, int[] idx, int rank) {
    int lead = rank - (shape.length - 2);
    int off = 0;
    for (int d = lead; d < rank; d++) {
      int size = shape[d - lead];
      off = off * size + (size == 1 ? 0 : idx[d]);
    }
    return off;
  }
}
