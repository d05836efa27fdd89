package dev.tinytorch.tensor.testing;

import dev.tinytorch.tensor.Generator;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small seeded property runner: draws {@code tries} cases from a seeded {@link Generator} and
 * runs a body on each; the first failure is reported with everything needed to replay it.
 *
 * <pre>{@code
 * record Case(Tensor a, Tensor b) {}
 * Property.check("add commutes", 200, 42L,
 *     g -> new Case(Gen.tensor(g, DType.FLOAT64, Gen.shape(g, 3, 4)), ...),
 *     c -> assertTrue(c.a().add(c.b()).equal(c.b().add(c.a()))));
 * }</pre>
 *
 * <p>Each try gets its own generator, seeded by {@link #caseSeed(long, int)}, so one failing case
 * can be replayed alone without running the ones before it. System properties, for example
 * {@code ./mvnw -pl tinytorch-tensor test -Dtinytorch.seed=7}:
 *
 * <ul>
 *   <li>{@value #SEED_PROPERTY}: replaces every property's seed (explore other cases);
 *   <li>{@value #TRIES_PROPERTY}: multiplies every property's tries (10 = ten times as many,
 *       0.1 a tenth; at least one try runs);
 *   <li>{@value #CASE_PROPERTY}: runs only the case with this case seed, as printed in a failure.
 * </ul>
 *
 * <p>Make cases printable: a record whose components are tensors, numbers and shapes prints well
 * (arrays inside records do not; wrap shapes in {@link Gen.Shape}). A top-level array case is
 * printed with {@link Arrays#deepToString}.
 */
public final class Property {
  /** System property that overrides every property's seed. */
  public static final String SEED_PROPERTY = "tinytorch.seed";
  /** System property that scales every property's number of tries. */
  public static final String TRIES_PROPERTY = "tinytorch.tries";
  /** System property that runs only the case with this case seed. */
  public static final String CASE_PROPERTY = "tinytorch.case";

  private Property() {}

  /**
   * Runs {@code body} on {@code tries} cases made by {@code genCase}; throws an AssertionError
   * naming the property, seed, try and case (with the original failure as cause) on the first
   * failure, whether the body failed an assertion or threw.
   */
  public static <C> void check(String name, int tries, long seed, Function<Generator, C> genCase, Consumer<C> body) {
    if (tries < 1) {
      throw new IllegalArgumentException("Property.check: tries must be >= 1, got " + tries + " for '" + name + "'");
    }
    String only = System.getProperty(CASE_PROPERTY);
    if (only != null && !only.isBlank()) {
      replay(name, parseLong(CASE_PROPERTY, only), genCase, body);
      return;
    }
    long effectiveSeed = effectiveSeed(seed);
    int effectiveTries = effectiveTries(tries);
    for (int i = 0; i < effectiveTries; i++) {
      long caseSeed = caseSeed(effectiveSeed, i);
      String where = "try " + i + " of " + effectiveTries + " (seed " + effectiveSeed + "L, case seed " + caseSeed
          + "L)";
      runOne(name, where, caseSeed, effectiveSeed, genCase, body);
    }
  }

  /** Runs the single case whose case seed a failure printed. */
  public static <C> void replay(String name, long caseSeed, Function<Generator, C> genCase, Consumer<C> body) {
    runOne(name, "replayed case (case seed " + caseSeed + "L)", caseSeed, null, genCase, body);
  }

  /**
   * The seed of try {@code tryIndex}'s generator: a SplitMix64 mix of the property seed and the
   * index, so neighbouring tries and neighbouring seeds give unrelated cases.
   */
  public static long caseSeed(long seed, int tryIndex) {
    long z = seed + (tryIndex + 1L) * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The seed in use: {@code -Dtinytorch.seed} if set, else {@code seed}. */
  public static long effectiveSeed(long seed) {
    String s = System.getProperty(SEED_PROPERTY);
    return s == null || s.isBlank() ? seed : parseLong(SEED_PROPERTY, s);
  }

  /** The tries in use: {@code tries} times {@code -Dtinytorch.tries} if set, at least one. */
  public static int effectiveTries(int tries) {
    String s = System.getProperty(TRIES_PROPERTY);
    if (s == null || s.isBlank()) {
      return tries;
    }
    double factor;
    try {
      factor = Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + TRIES_PROPERTY + "=" + s + " is not a number; use a factor like 10 or 0.5", e);
    }
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("-D" + TRIES_PROPERTY + "=" + s + " must be a positive factor");
    }
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(tries * factor)));
  }

  private static <C> void runOne(String name, String where, long caseSeed, Long seed,
      Function<Generator, C> genCase, Consumer<C> body) {
    C testCase;
    try {
      testCase = genCase.apply(new Generator(caseSeed));
    } catch (RuntimeException | AssertionError e) {
      throw failure(name, where, caseSeed, seed, "<the case generator threw>", e);
    }
    try {
      body.accept(testCase);
    } catch (RuntimeException | AssertionError | StackOverflowError e) {
      throw failure(name, where, caseSeed, seed, describe(testCase), e);
    }
  }

  private static AssertionError failure(String name, String where, long caseSeed, Long seed, String testCase,
      Throwable cause) {
    StringBuilder msg = new StringBuilder()
        .append("Property '").append(name).append("' failed on ").append(where).append('\n')
        .append("case: ").append(testCase).append('\n')
        .append("failure: ").append(cause).append('\n')
        .append("replay this case: -D").append(CASE_PROPERTY).append('=').append(caseSeed)
        .append(" or Property.replay(\"").append(name).append("\", ").append(caseSeed).append("L, ...)");
    if (seed != null) {
      msg.append("; rerun all tries: -D").append(SEED_PROPERTY).append('=').append(seed);
    }
    return new AssertionError(msg.toString(), cause);
  }

  /** How a case is printed: arrays deeply, everything else by its toString. */
  static String describe(Object testCase) {
    if (testCase instanceof Object[] objects) {
      return Arrays.deepToString(objects);
    }
    if (testCase != null && testCase.getClass().isArray()) {
      return Arrays.deepToString(new Object[] {testCase}).replaceAll("^\\[|\\]$", "");
    }
    return String.valueOf(testCase);
  }

  private static long parseLong(String property, String s) {
    try {
      return Long.decode(s.trim().replaceAll("[lL]$", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("-D" + property + "=" + s + " is not a long; use a number like 42", e);
    }
  }
}
