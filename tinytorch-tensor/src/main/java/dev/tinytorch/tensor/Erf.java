package dev.tinytorch.tensor;

/**
 * The error function and its complement in double precision, from W. J. Cody's rational
 * Chebyshev approximations ("Rational Chebyshev Approximations for the Error Function", Math.
 * Comp. 23 (1969) 631-638), whose published coefficients carry more digits than a double holds.
 *
 * <p>Java has no {@code erf}. These approximations are accurate to about one ulp over the whole
 * real line and smooth across the three intervals (the pieces agree to ~1e-16 where they meet),
 * which matters because gradient checks difference exact GELU with a step of 1e-6.
 */
final class Erf {
  private Erf() {}

  /** Where the small-argument erf approximation hands over to the erfc ones. */
  private static final double SMALL = 0.46875;

  /** Below this, x^2 is negligible next to 1 and erf(x) = 2x/sqrt(pi) to double precision. */
  private static final double TINY = 1.11e-16;

  /**
   * From here on erfc(x) is below half the smallest subnormal double, so it rounds to 0 (and the
   * exp(-x^2) split would meet inf - inf at x = inf).
   */
  private static final double BIG = 27.3;

  private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;

  // erf(x) ~ x * A(x^2) / B(x^2) for |x| <= 0.46875; the last A is the leading coefficient.
  private static final double[] A = {
    3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
    3.20937758913846947e03, 1.85777706184603153e-1
  };
  private static final double[] B = {
    2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
    2.84423683343917062e03
  };

  // erfc(x) ~ exp(-x^2) * C(x) / D(x) for 0.46875 < x <= 4.
  private static final double[] C = {
    5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
    2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03,
    2.05107837782607147e03, 1.23033935479799725e03, 2.15311535474403846e-8
  };
  private static final double[] D = {
    1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
    1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03,
    3.43936767414372164e03, 1.23033935480374942e03
  };

  // erfc(x) ~ exp(-x^2) / x * (1/sqrt(pi) + z * P(z) / Q(z)) with z = 1/x^2, for x > 4.
  private static final double[] P = {
    3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
    1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2
  };
  private static final double[] Q = {
    2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
    6.05183413124413191e-2, 2.33520497626869185e-3
  };

  /** erf(x); odd, erf(+-inf) = +-1, NaN for NaN. */
  static double erf(double x) {
    double y = Math.abs(x);
    if (y <= SMALL) {
      return small(x);
    }
    if (Double.isNaN(x)) {
      return x;
    }
    // 1 - erfc; grouped as Cody does so the subtraction loses nothing once erfc < 1/2.
    double r = (0.5 - erfcPositive(y)) + 0.5;
    return x < 0 ? -r : r;
  }

  /**
   * erfc(x) = 1 - erf(x), computed directly so the tail keeps full relative precision (exact
   * GELU uses it: 1 + erf(t) = erfc(-t) does not cancel for very negative t).
   */
  static double erfc(double x) {
    double y = Math.abs(x);
    if (y <= SMALL) {
      return (0.5 - small(x)) + 0.5;
    }
    if (Double.isNaN(x)) {
      return x;
    }
    double r = erfcPositive(y);
    return x < 0 ? 2.0 - r : r;
  }

  /** erf for |x| <= 0.46875. */
  private static double small(double x) {
    double z = Math.abs(x) > TINY ? x * x : 0.0;
    double num = A[4] * z;
    double den = z;
    for (int i = 0; i < 3; i++) {
      num = (num + A[i]) * z;
      den = (den + B[i]) * z;
    }
    return x * (num + A[3]) / (den + B[3]);
  }

  /** erfc for y > 0.46875 (no NaN). */
  private static double erfcPositive(double y) {
    double r;
    if (y <= 4.0) {
      double num = C[8] * y;
      double den = y;
      for (int i = 0; i < 7; i++) {
        num = (num + C[i]) * y;
        den = (den + D[i]) * y;
      }
      r = (num + C[7]) / (den + D[7]);
    } else {
      if (y >= BIG) {
        return 0.0;
      }
      double z = 1.0 / (y * y);
      double num = P[5] * z;
      double den = z;
      for (int i = 0; i < 4; i++) {
        num = (num + P[i]) * z;
        den = (den + Q[i]) * z;
      }
      r = z * (num + P[4]) / (den + Q[4]);
      r = (ONE_OVER_SQRT_PI - r) / y;
    }
    return expMinusSquare(y) * r;
  }

  /**
   * exp(-y^2) without the error of rounding y^2 first (which exp would magnify by y^2): split y
   * into a part with four fraction bits, whose square is exact, and a small remainder.
   */
  private static double expMinusSquare(double y) {
    double head = Math.floor(y * 16.0) / 16.0;
    double del = (y - head) * (y + head);
    return Math.exp(-head * head) * Math.exp(-del);
  }
}
