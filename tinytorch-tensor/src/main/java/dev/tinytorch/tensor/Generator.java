package dev.tinytorch.tensor;

/**
 * A seedable random number generator whose numbers are the same on every JVM and machine:
 * SplitMix64 for bits, the Box-Muller transform for normal draws. Not thread-safe; give each
 * thread its own.
 *
 * <pre>{@code
 * Generator g = new Generator(42);
 * Tensor w = Tensor.randn(g, 3, 4);   // the same 12 numbers on every machine
 * }</pre>
 */
public final class Generator {
  private long state;
  private double spareGaussian;
  private boolean hasSpare;

  /** A generator whose sequence is fixed by {@code seed}. */
  public Generator(long seed) {
    this.state = seed;
  }

  /** Next 64 random bits (SplitMix64, Steele, Lea and Flood 2014). */
  public long nextLong() {
    long z = (state += 0x9E3779B97F4A7C15L);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Uniform in [0, 1) with 53 random bits. */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform integer in [0, bound). */
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("nextInt: bound must be positive, got " + bound);
    }
    return (int) ((nextLong() >>> 33) % bound);
  }

  /** Standard normal draw (mean 0, variance 1), two at a time by Box-Muller. */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u1 = 1.0 - nextDouble(); // in (0, 1], so log is finite
    double u2 = nextDouble();
    // StrictMath, not Math: Math.log/sin/cos may use platform intrinsics that differ in the last
    // bit between JVMs and CPUs, which would break "the same numbers on every machine".
    double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
    spareGaussian = r * StrictMath.sin(2 * Math.PI * u2);
    hasSpare = true;
    return r * StrictMath.cos(2 * Math.PI * u2);
  }
}
