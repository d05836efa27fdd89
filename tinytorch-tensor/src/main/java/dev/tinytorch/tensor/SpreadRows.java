package dev.tinytorch.tensor;

/**
 * The loops behind {@link ReduceRows#spread}: one input row combined elementwise into a row of
 * double accumulators, for a reduction over an outer dim (a bias gradient summed over the batch,
 * a max over dim 0).
 *
 * <p>C2 (JDK 17 and 25) leaves a loop scalar when it writes one double array at {@code d + i} and
 * reads another at {@code s + i} ({@link Lanes} says why), so a contiguous FLOAT64 row is first
 * copied into a stage at the accumulators' own positions, and the op then indexes both with one
 * {@code i}. FLOAT32 rows need no copy: a float[] and a double[] cannot be one array, and JDK 25
 * vectorises the widening loops as written (JDK 17 vectorises no float-double conversion, so they
 * stay scalar there whatever the layout). Every route computes each accumulator with the same
 * operations in the same order, so all give identical results.
 */
final class SpreadRows {
  private SpreadRows() {}

  // ---- spread: one FLOAT64 row into a row of accumulators ----

  /**
   * The contiguous row {@code x[s ..]} combined into {@code acc[d .. d+n)}: each block is copied
   * into {@code stage} at the accumulators' positions, then combined with one index, in place.
   */
  static void staged(ReduceRows.Kind kind, double[] acc, int d, double[] x, int s, int n, double[] mean, double[] stage) {
    for (int from = d, end = d + n; from < end; from += Lanes.BLOCK) {
      int to = Math.min(end, from + Lanes.BLOCK);
      System.arraycopy(x, s + (from - d), stage, from, to - from);
      combine(kind, acc, stage, mean, from, to);
    }
  }

  /** {@code acc[i] op= v[i]} for i in [from, to): one index for every array, so it vectorises. */
  private static void combine(ReduceRows.Kind kind, double[] acc, double[] v, double[] mean, int from, int to) {
    switch (kind) {
      case SUM -> {
        for (int i = from; i < to; i++) {
          acc[i] += v[i];
        }
      }
      case MAX -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.max(acc[i], v[i]);
        }
      }
      case MIN -> {
        for (int i = from; i < to; i++) {
          acc[i] = Math.min(acc[i], v[i]);
        }
      }
      case SQDEV -> {
        for (int i = from; i < to; i++) {
          double e = v[i] - mean[i];
          acc[i] += e * e;
        }
      }
    }
  }

  /** A contiguous FLOAT64 row into more accumulators than are staged: scalar, see {@link ReduceRows#STAGE_LIMIT}. */
  static void unit(ReduceRows.Kind kind, double[] acc, int d, double[] x, int s, int n, double[] mean) {
    switch (kind) {
      case SUM -> {
        for (int i = 0; i < n; i++) {
          acc[d + i] += x[s + i];
        }
      }
      case MAX -> {
        for (int i = 0; i < n; i++) {
          acc[d + i] = Math.max(acc[d + i], x[s + i]);
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          acc[d + i] = Math.min(acc[d + i], x[s + i]);
        }
      }
      case SQDEV -> {
        for (int i = 0; i < n; i++) {
          double e = x[s + i] - mean[d + i];
          acc[d + i] += e * e;
        }
      }
    }
  }

  /** Any strides: scalar loops. */
  static void strided(ReduceRows.Kind kind, double[] acc, int d, int ds, double[] x, int s, int ss, int n, double[] mean) {
    switch (kind) {
      case SUM -> {
        for (int i = 0; i < n; i++) {
          acc[d + i * ds] += x[s + i * ss];
        }
      }
      case MAX -> {
        for (int i = 0; i < n; i++) {
          acc[d + i * ds] = Math.max(acc[d + i * ds], x[s + i * ss]);
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          acc[d + i * ds] = Math.min(acc[d + i * ds], x[s + i * ss]);
        }
      }
      case SQDEV -> {
        for (int i = 0; i < n; i++) {
          double e = x[s + i * ss] - mean[d + i * ds];
          acc[d + i * ds] += e * e;
        }
      }
    }
  }

  // ---- spread: one FLOAT32 row into a row of accumulators ----

  /** A contiguous FLOAT32 row: float[] and double[] never alias, so JDK 25 vectorises these as they are. */
  static void unit(ReduceRows.Kind kind, double[] acc, int d, float[] x, int s, int n, double[] mean) {
    switch (kind) {
      case SUM -> {
        for (int i = 0; i < n; i++) {
          acc[d + i] += x[s + i];
        }
      }
      case MAX -> {
        for (int i = 0; i < n; i++) {
          acc[d + i] = Math.max(acc[d + i], x[s + i]);
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          acc[d + i] = Math.min(acc[d + i], x[s + i]);
        }
      }
      case SQDEV -> {
        for (int i = 0; i < n; i++) {
          double e = x[s + i] - mean[d + i];
          acc[d + i] += e * e;
        }
      }
    }
  }

  static void strided(ReduceRows.Kind kind, double[] acc, int d, int ds, float[] x, int s, int ss, int n, double[] mean) {
    switch (kind) {
      case SUM -> {
        for (int i = 0; i < n; i++) {
          acc[d + i * ds] += x[s + i * ss];
        }
      }
      case MAX -> {
        for (int i = 0; i < n; i++) {
          acc[d + i * ds] = Math.max(acc[d + i * ds], x[s + i * ss]);
        }
      }
      case MIN -> {
        for (int i = 0; i < n; i++) {
          acc[d + i * ds] = Math.min(acc[d + i * ds], x[s + i * ss]);
        }
      }
      case SQDEV -> {
        for (int i = 0; i < n; i++) {
          double e = x[s + i * ss] - mean[d + i * ds];
          acc[d + i * ds] += e * e;
        }
      }
    }
  }
}
