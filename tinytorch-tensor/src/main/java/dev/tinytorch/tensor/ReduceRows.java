package dev.tinytorch.tensor;

/**
 * The inner loops of the strided reductions, one input row at a time: {@link #fold} reduces a row
 * into one accumulator (the reduced dim is innermost), {@link #spread} combines a row elementwise
 * into a row of accumulators (an outer dim is reduced, e.g. a bias gradient summed over the batch).
 * Accumulators are always double; FLOAT32 values are widened as they are read. Each loop has a
 * unit-stride form, the one dense tensors take; the spread loops live in {@link SpreadRows}.
 *
 * <p>C2 vectorises no sum reduction (it keeps the order of floating-point adds), so sums run as
 * eight independent partial sums, and a long max/min row is folded through lanes, where the
 * elementwise max does vectorise (see {@link #extremum(double[], int, int, boolean, Scratch)}).
 */
final class ReduceRows {
  /**
   * Outputs up to this many accumulators (32 KB, an L1's worth) get a staging copy of that size.
   * Beyond it the accumulators stream from L2 or further, which costs the scalar loop as much as
   * the vector one, and a fresh stage as large again only adds allocation and traffic (measured).
   */
  static final int STAGE_LIMIT = 4096;
  /** Width of the lane arrays a long max/min row is folded into. */
  static final int LANES = 256;
  /** Rows at least this long fold max/min through lanes; shorter ones would pay more to set them up. */
  static final int LONG_ROW = 2048;

  private ReduceRows() {}

  /** What a reduction does with each element. SQDEV adds (x - mean)^2, the second pass of var. */
  enum Kind {
    SUM,
    MAX,
    MIN,
    SQDEV
  }

  /**
   * Work arrays of one reduction run, allocated on first use. {@link #stage} has one slot per
   * accumulator, so a row copied into it lines up with the accumulators it is combined into.
   */
  static final class Scratch {
    private final int outNumel;
    private double[] stage;
    private double[] lanesD;
    private double[] blockD;
    private float[] lanesF;
    private float[] blockF;

    Scratch(int outNumel) {
      this.outNumel = outNumel;
    }

    /** The staging array, or null when the output is too large to mirror (the plain loop runs). */
    double[] stage() {
      if (stage == null && outNumel <= STAGE_LIMIT) {
        stage = new double[outNumel];
      }
      return stage;
    }
  }

  /** {@code acc} combined with the {@code n} elements at {@code s, s+ss, ...}. */
  static double fold(Kind kind, Storage src, int s, int ss, int n, double acc, double mean, Scratch scratch) {
    if (src.f != null) {
      float[] x = src.f;
      return switch (kind) {
        case SUM -> acc + sum(x, s, ss, n);
        case MAX -> ss == 1 && n >= LONG_ROW ? Math.max(acc, extremum(x, s, n, true, scratch)) : max(x, s, ss, n, acc);
        case MIN -> ss == 1 && n >= LONG_ROW ? Math.min(acc, extremum(x, s, n, false, scratch)) : min(x, s, ss, n, acc);
        case SQDEV -> acc + sqdev(x, s, ss, n, mean);
      };
    }
    double[] x = src.d;
    return switch (kind) {
      case SUM -> acc + sum(x, s, ss, n);
      case MAX -> ss == 1 && n >= LONG_ROW ? Math.max(acc, extremum(x, s, n, true, scratch)) : max(x, s, ss, n, acc);
      case MIN -> ss == 1 && n >= LONG_ROW ? Math.min(acc, extremum(x, s, n, false, scratch)) : min(x, s, ss, n, acc);
      case SQDEV -> acc + sqdev(x, s, ss, n, mean);
    };
  }

  /** {@code acc[d + i*ds]} combined with element {@code s + i*ss}, for i in [0, n). */
  static void spread(Kind kind, Storage src, int s, int ss, double[] acc, int d, int ds, int n, double[] mean,
      Scratch scratch) {
    if (src.f != null) {
      float[] x = src.f;
      if (ss == 1 && ds == 1) {
        SpreadRows.unit(kind, acc, d, x, s, n, mean);
      } else {
        SpreadRows.strided(kind, acc, d, ds, x, s, ss, n, mean);
      }
      return;
    }
    double[] x = src.d;
    if (ss != 1 || ds != 1) {
      SpreadRows.strided(kind, acc, d, ds, x, s, ss, n, mean);
      return;
    }
    double[] stage = scratch.stage();
    if (stage != null) {
      SpreadRows.staged(kind, acc, d, x, s, n, mean, stage);
    } else {
      SpreadRows.unit(kind, acc, d, x, s, n, mean);
    }
  }

  // ---- fold: one row into one accumulator ----

  // Eight partial sums, each a chain of every eighth element from the row's start, added in a
  // fixed tree at the end: C2 never reorders floating-point adds, so one running total is a chain
  // of dependent adds, and eight independent ones keep both of a core's adders busy. The result
  // depends only on the row, never on threads or chunking (reductions run on one thread).
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
    double a4 = 0;
    double a5 = 0;
    double a6 = 0;
    double a7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      int k = s + i;
      a0 += x[k];
      a1 += x[k + 1];
      a2 += x[k + 2];
      a3 += x[k + 3];
      a4 += x[k + 4];
      a5 += x[k + 5];
      a6 += x[k + 6];
      a7 += x[k + 7];
    }
    for (; i < n; i++) {
      a0 += x[s + i];
    }
    return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
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
    double a4 = 0;
    double a5 = 0;
    double a6 = 0;
    double a7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      int k = s + i;
      a0 += x[k];
      a1 += x[k + 1];
      a2 += x[k + 2];
      a3 += x[k + 3];
      a4 += x[k + 4];
      a5 += x[k + 5];
      a6 += x[k + 6];
      a7 += x[k + 7];
    }
    for (; i < n; i++) {
      a0 += x[s + i];
    }
    return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
  }

  /** Squared deviations from {@code mean}, in eight partial sums like {@link #sum(double[], int, int, int)}. */
  private static double sqdev(double[] x, int s, int ss, int n, double mean) {
    if (ss != 1) {
      double a = 0;
      for (int i = 0; i < n; i++) {
        double e = x[s + i * ss] - mean;
        a += e * e;
      }
      return a;
    }
    int i = 0;
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    double a4 = 0;
    double a5 = 0;
    double a6 = 0;
    double a7 = 0;
    for (; i + 7 < n; i += 8) {
      int k = s + i;
      double e0 = x[k] - mean;
      double e1 = x[k + 1] - mean;
      double e2 = x[k + 2] - mean;
      double e3 = x[k + 3] - mean;
      double e4 = x[k + 4] - mean;
      double e5 = x[k + 5] - mean;
      double e6 = x[k + 6] - mean;
      double e7 = x[k + 7] - mean;
      a0 += e0 * e0;
      a1 += e1 * e1;
      a2 += e2 * e2;
      a3 += e3 * e3;
      a4 += e4 * e4;
      a5 += e5 * e5;
      a6 += e6 * e6;
      a7 += e7 * e7;
    }
    for (; i < n; i++) {
      double e = x[s + i] - mean;
      a0 += e * e;
    }
    return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
  }

  private static double sqdev(float[] x, int s, int ss, int n, double mean) {
    if (ss != 1) {
      double a = 0;
      for (int i = 0; i < n; i++) {
        double e = x[s + i * ss] - mean;
        a += e * e;
      }
      return a;
    }
    int i = 0;
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    double a4 = 0;
    double a5 = 0;
    double a6 = 0;
    double a7 = 0;
    for (; i + 7 < n; i += 8) {
      int k = s + i;
      double e0 = x[k] - mean;
      double e1 = x[k + 1] - mean;
      double e2 = x[k + 2] - mean;
      double e3 = x[k + 3] - mean;
      double e4 = x[k + 4] - mean;
      double e5 = x[k + 5] - mean;
      double e6 = x[k + 6] - mean;
      double e7 = x[k + 7] - mean;
      a0 += e0 * e0;
      a1 += e1 * e1;
      a2 += e2 * e2;
      a3 += e3 * e3;
      a4 += e4 * e4;
      a5 += e5 * e5;
      a6 += e6 * e6;
      a7 += e7 * e7;
    }
    for (; i < n; i++) {
      double e = x[s + i] - mean;
      a0 += e * e;
    }
    return ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7));
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

  /**
   * Max (or min) of a long contiguous row, vectorised: C2 leaves a max reduction scalar, and the
   * NaN-correct scalar max costs several instructions per element. So blocks of {@link #LANES}
   * elements are copied to a block array at 0 and folded into as many lanes elementwise (one
   * index for both), and the lanes and the tail are folded at the end. Max and min give the same
   * value in any order, so this equals the sequential fold exactly (a NaN still wins).
   */
  private static double extremum(double[] x, int s, int n, boolean isMax, Scratch scratch) {
    if (scratch.lanesD == null) {
      scratch.lanesD = new double[LANES];
      scratch.blockD = new double[LANES];
    }
    double[] lanes = scratch.lanesD;
    double[] block = scratch.blockD;
    System.arraycopy(x, s, lanes, 0, LANES);
    int i = LANES;
    for (; i + LANES <= n; i += LANES) {
      System.arraycopy(x, s + i, block, 0, LANES);
      if (isMax) {
        for (int j = 0; j < LANES; j++) {
          lanes[j] = Math.max(lanes[j], block[j]);
        }
      } else {
        for (int j = 0; j < LANES; j++) {
          lanes[j] = Math.min(lanes[j], block[j]);
        }
      }
    }
    double m = lanes[0];
    for (int j = 1; j < LANES; j++) {
      m = isMax ? Math.max(m, lanes[j]) : Math.min(m, lanes[j]);
    }
    for (; i < n; i++) {
      m = isMax ? Math.max(m, x[s + i]) : Math.min(m, x[s + i]);
    }
    return m;
  }

  /** The float twin of the double extremum, done in float: the max of floats is one of them, so exact. */
  private static double extremum(float[] x, int s, int n, boolean isMax, Scratch scratch) {
    if (scratch.lanesF == null) {
      scratch.lanesF = new float[LANES];
      scratch.blockF = new float[LANES];
    }
    float[] lanes = scratch.lanesF;
    float[] block = scratch.blockF;
    System.arraycopy(x, s, lanes, 0, LANES);
    int i = LANES;
    for (; i + LANES <= n; i += LANES) {
      System.arraycopy(x, s + i, block, 0, LANES);
      if (isMax) {
        for (int j = 0; j < LANES; j++) {
          lanes[j] = Math.max(lanes[j], block[j]);
        }
      } else {
        for (int j = 0; j < LANES; j++) {
          lanes[j] = Math.min(lanes[j], block[j]);
        }
      }
    }
    float m = lanes[0];
    for (int j = 1; j < LANES; j++) {
      m = isMax ? Math.max(m, lanes[j]) : Math.min(m, lanes[j]);
    }
    for (; i < n; i++) {
      m = isMax ? Math.max(m, x[s + i]) : Math.min(m, x[s + i]);
    }
    return m;
  }
}
