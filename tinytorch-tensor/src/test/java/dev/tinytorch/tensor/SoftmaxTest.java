package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** softmax and logSoftmax against PyTorch float64 goldens, including logits of +-1000. */
class SoftmaxTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  // Golden values from tools/golden/reductions.py (torch.softmax / torch.log_softmax, float64) for
  // x = [[1, 2, 3], [1000, 0, -1000], [-1000, -1000, -999]].
  static final double[] SOFTMAX_ROWS = {0.09003057317038045, 0.2447284710547976, 0.6652409557748218, 1.0, 0.0, 0.0, 0.21194155761708547, 0.21194155761708547, 0.5761168847658291};
  static final double[] LOG_SOFTMAX_ROWS = {-2.4076059644443806, -1.4076059644443804, -0.4076059644443804, 0.0, -1000.0, -2000.0, -1.551444713932051, -1.551444713932051, -0.5514447139320511};
  static final double[] SOFTMAX_COLS = {0.0, 0.8807970779778823, 1.0, 1.0, 0.11920292202211755, 0.0, 0.0, 0.0, 0.0};
  static final double[] LOG_SOFTMAX_COLS = {-999.0, -0.1269280110429726, 0.0, 0.0, -2.1269280110429727, -1003.0, -2000.0, -1002.126928011043, -1002.0};
  // y = [[[0.5, -1], [2, 3], [-0.25, 4]], [[1, 1], [7, -2], [0, 0.125]]], shape [2, 3, 2].
  static final double[] SOFTMAX_3D_DIM1 = {0.16795274738848678, 0.00490168904967292, 0.7527119923042312, 0.2676231541498623, 0.07933526030728197, 0.7274751568004647, 0.0024703760353368214, 0.6818263537953955, 0.9966208234093002, 0.03394613529142275, 0.0009088005553630332, 0.28422751091318177};
  static final double[] LOG_SOFTMAX_3D_DIM1 = {-1.7840726046861715, -5.318175429247455, -0.28407260468617146, -1.3181754292474541, -2.5340726046861715, -0.3181754292474542, -6.003384898902687, -0.38298026676135205, -0.0033848989026871025, -3.382980266761352, -7.003384898902687, -1.257980266761352};
  static final double[] SOFTMAX_3D_DIM0 = {0.37754066879814546, 0.11920292202211755, 0.006692850924284856, 0.9933071490757153, 0.4378234991142019, 0.9796676466573412, 0.6224593312018546, 0.8807970779778823, 0.9933071490757153, 0.006692850924284856, 0.5621765008857981, 0.020332353342658753};

  private static final double[] X = {1, 2, 3, 1000, 0, -1000, -1000, -1000, -999};
  private static final double[] Y = {0.5, -1, 2, 3, -0.25, 4, 1, 1, 7, -2, 0, 0.125};

  private static Tensor x64() {
    return Tensor.of(X, 3, 3);
  }

  private static Tensor x32() {
    float[] f = new float[X.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) X[i];
    }
    return Tensor.of(f, 3, 3);
  }

  private static void assertClose(double[] expected, Tensor actual, DType dtype, int[] shape, double tol) {
    assertEquals(dtype, actual.dtype());
    assertArrayEquals(shape, actual.shape());
    assertTrue(actual.isContiguous());
    double[] got = actual.toDoubleArray();
    for (int i = 0; i < expected.length; i++) {
      // relative for the large log-probabilities (-2000), absolute near 0
      assertEquals(expected[i], got[i], tol * Math.max(1, Math.abs(expected[i])), "element " + i);
    }
  }

  @Test
  void lastDimFloat64MatchesTorchIncludingPlusMinus1000() {
    assertClose(SOFTMAX_ROWS, x64().softmax(1), DType.FLOAT64, new int[] {3, 3}, 1e-15);
    assertClose(LOG_SOFTMAX_ROWS, x64().logSoftmax(-1), DType.FLOAT64, new int[] {3, 3}, 1e-15);
  }

  @Test
  void outerDimFloat64MatchesTorch() {
    assertClose(SOFTMAX_COLS, x64().softmax(0), DType.FLOAT64, new int[] {3, 3}, 1e-15);
    assertClose(LOG_SOFTMAX_COLS, x64().logSoftmax(0), DType.FLOAT64, new int[] {3, 3}, 1e-15);
  }

  @Test
  void middleDimOf3dTensorMatchesTorch() {
    Tensor y = Tensor.of(Y, 2, 3, 2);
    assertClose(SOFTMAX_3D_DIM1, y.softmax(1), DType.FLOAT64, new int[] {2, 3, 2}, 1e-15);
    assertClose(LOG_SOFTMAX_3D_DIM1, y.logSoftmax(1), DType.FLOAT64, new int[] {2, 3, 2}, 1e-15);
    assertClose(SOFTMAX_3D_DIM0, y.softmax(0), DType.FLOAT64, new int[] {2, 3, 2}, 1e-15);
  }

  @Test
  void float32IsComputedInDoubleAndRoundedOnce() {
    assertClose(SOFTMAX_ROWS, x32().softmax(1), DType.FLOAT32, new int[] {3, 3}, 1e-7);
    assertClose(LOG_SOFTMAX_ROWS, x32().logSoftmax(1), DType.FLOAT32, new int[] {3, 3}, 1e-7);
    assertClose(LOG_SOFTMAX_COLS, x32().logSoftmax(0), DType.FLOAT32, new int[] {3, 3}, 1e-7);
    double[] s = x32().softmax(1).toDoubleArray();
    for (int i = 0; i < s.length; i++) {
      assertEquals((float) SOFTMAX_ROWS[i], s[i], 0.0, "float32 softmax must be the rounded float64 value");
    }
  }

  @Test
  void viewsGiveTheValuesOfTheirContiguousCopy() {
    Tensor t = x64().t(); // softmax over dim 0 of the transpose = softmax over dim 1 of x, transposed
    assertArrayEquals(x64().softmax(1).t().contiguous().toDoubleArray(), t.softmax(0).toDoubleArray(), 0.0);
    assertArrayEquals(t.contiguous().logSoftmax(1).toDoubleArray(), t.logSoftmax(1).toDoubleArray(), 0.0);
    Tensor n = Tensor.of(Y, 2, 3, 2).narrow(1, 1, 2); // offset and gaps
    assertArrayEquals(n.contiguous().softmax(2).toDoubleArray(), n.softmax(2).toDoubleArray(), 0.0);
    assertArrayEquals(n.contiguous().logSoftmax(0).toDoubleArray(), n.logSoftmax(0).toDoubleArray(), 0.0);
    Tensor e = Tensor.of(new double[] {1, 2}, 2, 1).expand(2, 3); // each row constant
    assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 3.0, 1 / 3.0},
        e.softmax(1).toDoubleArray(), 1e-16);
  }

  @Test
  void rowsOfAllMinusInfinityOrWithNanGiveNanAsTorch() {
    Tensor x = Tensor.of(new double[] {-INF, -INF, -INF, 0, NAN, 1}, 2, 3);
    assertArrayEquals(new double[] {NAN, NAN, NAN, NAN, NAN, NAN}, x.softmax(1).toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {NAN, NAN, NAN, NAN, NAN, NAN}, x.logSoftmax(1).toDoubleArray(), 0.0);
    // a single -inf among finite logits is just probability 0 (log-probability -inf)
    Tensor y = Tensor.of(new double[] {-INF, 0});
    assertArrayEquals(new double[] {0, 1}, y.softmax(0).toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {-INF, 0}, y.logSoftmax(0).toDoubleArray(), 0.0);
  }

  @Test
  void zeroDimensionalAndEmptyInputs() {
    Tensor s = Tensor.scalar(3.0, DType.FLOAT64);
    assertEquals(1.0, s.softmax(0).item());
    assertEquals(0.0, s.logSoftmax(-1).item());
    assertArrayEquals(new int[0], s.softmax(0).shape());
    Tensor z = Tensor.zeros(0, 4);
    assertArrayEquals(new int[] {0, 4}, z.softmax(1).shape());
    assertArrayEquals(new int[] {0, 4}, z.logSoftmax(0).shape());
    assertEquals(DType.FLOAT32, z.softmax(1).dtype());
  }

  @Test
  void largeRowSumsToOne() {
    Generator g = new Generator(7);
    Tensor x = Tensor.randn(g, DType.FLOAT64, 5, 1000);
    double[] s = x.softmax(1).sum(1).toDoubleArray();
    for (double v : s) {
      assertEquals(1.0, v, 1e-14);
    }
  }
}
