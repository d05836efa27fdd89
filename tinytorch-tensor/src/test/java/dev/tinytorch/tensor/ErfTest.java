package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Cody's erf/erfc against PyTorch float64, plus the symmetry, limits and smoothness autograd relies on. */
class ErfTest {

  // tools/golden/elementwise.py, "erf": torch.erf in float64.
  private static final double[] ERF_X = {0.0, 1e-300, 1e-10, -1e-10, 0.001, 0.1, -0.3, 0.46875, 0.4688, -0.5,
    0.5, 0.75, -1.0, 1.0, 1.5, -2.0, 2.0, 3.0, 3.999, 4.0, 4.001, -4.0, 5.0, -6.0, 6.0, 10.0, -30.0, 30.0};
  private static final double[] ERF = {0.0, 1.1283791670955126e-300, 1.1283791670955126e-10,
    -1.1283791670955126e-10, 0.0011283787909692365, 0.1124629160182849, -0.3286267594591274,
    0.49261347321793797, 0.4926587618132793, -0.5204998778130465, 0.5204998778130465, 0.7111556336535151,
    -0.8427007929497149, 0.8427007929497149, 0.9661051464753108, -0.9953222650189527, 0.9953222650189527,
    0.9999779095030014, 0.9999999844552505, 0.9999999845827421, 0.9999999847092178, -0.9999999845827421,
    0.9999999999984626, -1.0, 1.0, 1.0, -1.0, 1.0};

  // "erfc": torch.special.erfc in float64. The last point is subnormal.
  private static final double[] ERFC_X = {-6.0, -2.0, -0.5, 0.0, 0.2, 0.46875, 0.5, 1.0, 2.0, 3.0, 4.0, 4.5,
    6.0, 10.0, 20.0, 26.0, 27.0};
  private static final double[] ERFC = {2.0, 1.9953222650189528, 1.5204998778130465, 1.0, 0.7772974107895215,
    0.507386526782062, 0.4795001221869535, 0.15729920705028513, 0.004677734981047265, 2.209049699858544e-05,
    1.541725790028002e-08, 1.9661604415428876e-10, 2.1519736712498913e-17, 2.088487583762545e-45,
    5.395865611607901e-176, 5.663192408856143e-296, 5.23705e-319};

  private static void assertRelative(double want, double got, double rtol, String what) {
    if (want == 0 || Double.isInfinite(want)) {
      assertEquals(want, got, 0.0, what);
    } else {
      assertTrue(Math.abs(got - want) <= rtol * Math.abs(want),
          what + ": got " + got + ", want " + want + " (relative error " + Math.abs(got - want) / Math.abs(want) + ")");
    }
  }

  @Test
  void erfMatchesPyTorchToDoublePrecision() {
    for (int i = 0; i < ERF_X.length; i++) {
      assertRelative(ERF[i], Erf.erf(ERF_X[i]), 1e-15, "erf(" + ERF_X[i] + ")");
    }
  }

  @Test
  void erfcMatchesPyTorchToDoublePrecision() {
    for (int i = 0; i < ERFC_X.length - 1; i++) {
      assertRelative(ERFC[i], Erf.erfc(ERFC_X[i]), 1.5e-15, "erfc(" + ERFC_X[i] + ")");
    }
    // In the subnormal range only the absolute value is meaningful.
    assertEquals(ERFC[ERFC.length - 1], Erf.erfc(27.0), 1e-321);
  }

  @Test
  void erfOfTheTensorUsesTheSameFunction() {
    double[] got = Tensor.of(ERF_X).erf().toDoubleArray();
    for (int i = 0; i < ERF_X.length; i++) {
      assertEquals(Erf.erf(ERF_X[i]), got[i], 0.0);
    }
  }

  @Test
  void limitsZeroSignAndNaN() {
    assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY));
    assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
    assertEquals(-0.0, Erf.erf(-0.0)); // assertEquals(double, double) tells -0.0 from 0.0
    assertEquals(0.0, Erf.erf(0.0));
    assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
    assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
    assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
    assertEquals(0.0, Erf.erfc(40.0));
    assertEquals(0.0, Erf.erfc(1e300));
    assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
  }

  @Test
  void erfIsOddAndErfcComplementsIt() {
    for (double x = -7; x <= 7; x += 0.01) {
      assertEquals(-Erf.erf(x), Erf.erf(-x), 0.0, "odd at " + x);
      assertEquals(1.0, Erf.erf(x) + Erf.erfc(x), 2.3e-16, "erf + erfc at " + x);
    }
  }

  /**
   * The three rational pieces meet at 0.46875 and 4; they must not step there, or central
   * differences with eps 1e-6 (GradCheck's) would see a kink. Checks the derivative
   * 2/sqrt(pi) e^(-x^2) by central differences over the whole working range, boundaries included.
   */
  @Test
  void centralDifferencesMatchTheDerivativeEverywhere() {
    double eps = 1e-6;
    double[] special = {0.46875, -0.46875, 4.0, -4.0};
    for (double x = -6; x <= 6; x += 0.0625) {
      checkSlope(x, eps);
    }
    for (double x : special) {
      checkSlope(x, eps);
      checkSlope(x + 0.5 * eps, eps);
      checkSlope(x - 0.5 * eps, eps);
    }
  }

  private static void checkSlope(double x, double eps) {
    double numeric = (Erf.erf(x + eps) - Erf.erf(x - eps)) / (2 * eps);
    double exact = 2 / Math.sqrt(Math.PI) * Math.exp(-x * x);
    // the difference quotient's own rounding is ~1e-16 / 1e-6 = 1e-10 absolute
    assertEquals(exact, numeric, 1e-9 + 1e-8 * exact, "slope of erf at " + x);
    double numericC = (Erf.erfc(x + eps) - Erf.erfc(x - eps)) / (2 * eps);
    assertEquals(-exact, numericC, 1e-9 + 1e-8 * exact, "slope of erfc at " + x);
  }

  /**
   * Where the pieces meet, stepping to the neighbouring double changes the value by the slope
   * times the step, up to the functions' accuracy (1e-15 relative): no jump.
   */
  @Test
  void noJumpBetweenNeighbouringArgumentsAtTheBoundaries() {
    for (double b : new double[] {0.46875, 4.0, -0.46875, -4.0}) {
      double x = b;
      for (int i = 0; i < 20; i++) {
        x = Math.nextDown(x);
      }
      for (int i = 0; i < 40; i++) {
        double next = Math.nextUp(x);
        double change = 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * (next - x);
        assertEquals(Erf.erf(x) + change, Erf.erf(next), 1e-15 * Math.abs(Erf.erf(x)),
            "erf between " + x + " and " + next);
        assertEquals(Erf.erfc(x) - change, Erf.erfc(next), 1e-15 * Math.abs(Erf.erfc(x)),
            "erfc between " + x + " and " + next);
        x = next;
      }
    }
  }
}
