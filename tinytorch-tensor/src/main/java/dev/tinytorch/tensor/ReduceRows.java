package dev.tinytorch.tensor;

/**
 * The inner loops of the strided reductions, one input row at a time: {@link #fold} reduces a row
 * into one accumulator (the reduced dim is innermost), {@link #spread} combines a row elementwise
 * into a row of accumulators (an outer dim is reduced, e.g. a bias gradient summed over the batch).
 * Accumulators are always double; FLOAT32 values are widened as they are read. Each loop has a
 * unit-stride form so the JIT can unroll and vectorise it.
 */
final class ReduceRows {
  private ReduceRows() {}

  /** What a reduction does with each element. SQDEV adds (x - mean)^2, the second pass of var. */
  enum Kind {
    SUM,
    MAX,
    MIN,
    SQDEV
  }

  /** {@code acc} combined with the {@code n} elements at {@code s, s+ss, ...}. */
  static double fold(Kind kind, Storage src, int s, int ss, int n, double acc, double mean) {
    if (src.f != null) {
      float[] x = src.f;
      return switch (kind) {
        case SUM -> acc + sum(x, s, ss, n);
        case MAX -> max(x, s, ss, n, acc);
        case MIN -> min(x, s, ss, n, acc);
        case SQDEV -> acc + sqdev(x, s, ss, n, mean);
      };
    }
    double[] x = src.d;
    return switch (kind) {
      case SUM -> acc + sum(x, s, ss, n);
      case MAX -> max(x, s, ss, n, acc);
      case MIN -> min(x, s, ss, n, acc);
      case SQDEV -> acc + sqdev(x, s, ss, n, mean);
    };
  }

  /** {@code acc[d + i*ds]} combined with element {@code s + i*ss}, for i in [0, n). */
  static void spread(Kind kind, Storage src, int s, int ss, double[] acc, int d, int ds, int n, double[] mean) {
    if (src.f != null) {
      float[] x = src.f;
      switch (kind) {
        case SUM -> addRow(acc, d, ds, x, s, ss, n);
        case MAX -> maxRow(acc, d, ds, x, s, ss, n);
        case MIN -> minRow(acc, d, ds, x, s, ss, n);
        case SQDEV -> sqdevRow(acc, d, ds, x, s, ss, n, mean);
      }
      return;
    }
    double[] x = src.d;
    switch (kind) {
      case SUM -> addRow(acc, d, ds, x, s, ss, n);
      case MAX -> maxRow(acc, d, ds, x, s, ss, n);
      case MIN -> minRow(acc, d, ds, x, s, ss, n);
      case SQDEV -> sqdevRow(acc, d, ds, x, s, ss, n, mean);
    }
  }

  // ---- fold: one row into one accumulator ----

  // Four partial sums break the loop-carried dependency on a single add (and, as a bonus, sum
  // long rows a little more accurately than one running total).
  static double sum(double[] x, int s, int ss, int n) {
    if (ss != 1) {
      double a = 0;
      for (int i = 0; i < n; i++) {
        a += x[s + i * ss];
      }
      return a;
    }
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      a0 += x[s + i];
      a1 += x[s + i + 1];
      a2 += x[s + i + 2];
      a3 += x[s + i + 3];
    }
    for (; i < n; i++) {
      a0 += x[s + i];
    }
    return (a0 + a1) + (a2 + a3);
  }

  static double sum(float[] x, int s, int ss, int n) {
    if (ss != 1) {
      double a = 0;
      for (int i = 0; i < n; i++) {
        a += x[s + i * ss];
      }
      return a;
    }
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      a0 += x[s + i];
      a1 += x[s + i + 1];
      a2 += x[s + i + 2];
      a3 += x[s + i + 3];
    }
    for (; i < n; i++) {
      a0 += x[s + i];
    }
    return (a0 + a1) + (a2 + a3);
  }

  // Math.max/min return NaN if either side is NaN, which is how torch propagates NaN in max/min.
  private static double max(double[] x, int s, int ss, int n, double acc) {
    for (int i = 0; i < n; i++) {
      acc = Math.max(acc, x[s + i * ss]);
    }
    return acc;
  }

  private static double max(float[] x, int s, int ss, int n, double acc) {
    for (int i = 0; i < n; i++) {
      acc = Math.max(acc, x[s + i * ss]);
    }
    return acc;
  }

  private static double min(double[] x, int s, int ss, int n, double acc) {
    for (int i = 0; i < n; i++) {
      acc = Math.min(acc, x[s + i * ss]);
    }
    return acc;
  }

  private static double min(float[] x, int s, int ss, int n, double acc) {
    for (int i = 0; i < n; i++) {
      acc = Math.min(acc, x[s + i * ss]);
    }
    return acc;
  }

  private static double sqdev(double[] x, int s, int ss, int n, double mean) {
    double a = 0;
    for (int i = 0; i < n; i++) {
      double e = x[s + i * ss] - mean;
      a += e * e;
    }
    return a;
  }

  private static double sqdev(float[] x, int s, int ss, int n, double mean) {
    double a = 0;
    for (int i = 0; i < n; i++) {
      double e = x[s + i * ss] - mean;
      a += e * e;
    }
    return a;
  }

  // ---- spread: one row into a row of accumulators ----

  private static void addRow(double[] acc, int d, int ds, double[] x, int s, int ss, int n) {
    if (ss == 1 && ds == 1) {
      for (int i = 0; i < n; i++) {
        acc[d + i] += x[s + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        acc[d + i * ds] += x[s + i * ss];
      }
    }
  }

  private static void addRow(double[] acc, int d, int ds, float[] x, int s, int ss, int n) {
    if (ss == 1 && ds == 1) {
      for (int i = 0; i < n; i++) {
        acc[d + i] += x[s + i];
      }
    } else {
      for (int i = 0; i < n; i++) {
        acc[d + i * ds] += x[s + i * ss];
      }
    }
  }

  private static void maxRow(double[] acc, int d, int ds, double[] x, int s, int ss, int n) {
    for (int i = 0; i < n; i++) {
      acc[d + i * ds] = Math.max(acc[d + i * ds], x[s + i * ss]);
    }
  }

  private static void maxRow(double[] acc, int d, int ds, float[] x, int s, int ss, int n) {
    for (int i = 0; i < n; i++) {
      acc[d + i * ds] = Math.max(acc[d + i * ds], x[s + i * ss]);
    }
  }

  private static void minRow(double[] acc, int d, int ds, double[] x, int s, int ss, int n) {
    for (int i = 0; i < n; i++) {
      acc[d + i * ds] = Math.min(acc[d + i * ds], x[s + i * ss]);
    }
  }

  private static void minRow(double[] acc, int d, int ds, float[] x, int s, int ss, int n) {
    for (int i = 0; i < n; i++) {
      acc[d + i * ds] = Math.min(acc[d + i * ds], x[s + i * ss]);
    }
  }

  private static void sqdevRow(double[] acc, int d, int ds, double[] x, int s, int ss, int n, double[] mean) {
    for (int i = 0; i < n; i++) {
      double e = x[s + i * ss] - mean[d + i * ds];
      acc[d + i * ds] += e * e;
    }
  }

  private static void sqdevRow(double[] acc, int d, int ds, float[] x, int s, int ss, int n, double[] mean) {
    for (int i = 0; i < n; i++) {
      double e = x[s + i * ss] - mean[d + i * ds];
      acc[d + i * ds] += e * e;
    }
  }
}
