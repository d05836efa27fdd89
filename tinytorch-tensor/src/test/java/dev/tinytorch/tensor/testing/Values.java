package dev.tinytorch.tensor.testing;

import dev.tinytorch.tensor.Generator;
import java.util.Arrays;

/**
 * A distribution of element values for {@link Gen#tensor}: uniform in [lo, hi], optionally
 * staying {@code margin} away from kinks such as relu's 0 or abs's 0, where a central difference
 * straddling the kink would disagree with the analytical gradient. Immutable.
 *
 * <pre>{@code
 * Values v = Values.uniform(-3, 3).awayFrom(0, 0.1);   // for relu, abs
 * Values p = Values.positive();                         // for log, sqrt
 * }</pre>
 */
public final class Values {
  private static final int MAX_REJECTIONS = 10_000;

  private final double lo;
  private final double hi;
  private final double[] kinks;
  private final double[] margins;

  private Values(double lo, double hi, double[] kinks, double[] margins) {
    if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
      throw new IllegalArgumentException("Values: need finite lo <= hi, got [" + lo + ", " + hi + "]");
    }
    this.lo = lo;
    this.hi = hi;
    this.kinks = kinks;
    this.margins = margins;
  }

  /** Uniform in [lo, hi]. */
  public static Values uniform(double lo, double hi) {
    return new Values(lo, hi, new double[0], new double[0]);
  }

  /** Uniform in [0.1, 3]: safely positive for log, sqrt, division and pow. */
  public static Values positive() {
    return uniform(0.1, 3.0);
  }

  /** The same range, never closer than {@code margin} to {@code kink}. */
  public Values awayFrom(double kink, double margin) {
    if (!(margin > 0)) {
      throw new IllegalArgumentException("Values.awayFrom: margin must be positive, got " + margin);
    }
    double[] k = Arrays.copyOf(kinks, kinks.length + 1);
    double[] m = Arrays.copyOf(margins, margins.length + 1);
    k[kinks.length] = kink;
    m[margins.length] = margin;
    return new Values(lo, hi, k, m);
  }

  public double lo() {
    return lo;
  }

  public double hi() {
    return hi;
  }

  /** Whether {@code x} is in range and far enough from every kink. */
  public boolean accepts(double x) {
    if (!(x >= lo && x <= hi)) {
      return false;
    }
    for (int i = 0; i < kinks.length; i++) {
      if (Math.abs(x - kinks[i]) < margins[i]) {
        return false;
      }
    }
    return true;
  }

  /** One value, by rejection: redraws while a kink is too close. */
  public double draw(Generator g) {
    for (int attempt = 0; attempt < MAX_REJECTIONS; attempt++) {
      double x = lo + (hi - lo) * g.nextDouble();
      if (accepts(x)) {
        return x;
      }
    }
    throw new IllegalStateException(
        "Values.draw: " + this + " leaves (almost) nothing to draw from; widen the range or shrink the margins");
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("uniform(" + lo + ", " + hi + ")");
    for (int i = 0; i < kinks.length; i++) {
      sb.append(".awayFrom(").append(kinks[i]).append(", ").append(margins[i]).append(')');
    }
    return sb.toString();
  }
}
