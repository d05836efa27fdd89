package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Dropout's statistics and modes. PyTorch's random numbers are not ours, so there is no golden mask: the
 * test checks what any correct inverted dropout must do.
 */
class DropoutTest {
  private static final int N = 200_000;

  @Test
  void keepsTheMeanAndZeroesAboutAFractionP() {
    for (double p : new double[] {0.1, 0.3, 0.5, 0.8}) {
      Tensor y = F.dropout(Tensor.ones(DType.FLOAT64, N), p, true, new Generator(11));
      double[] v = y.toDoubleArray();
      long zeros = Arrays.stream(v).filter(d -> d == 0).count();
      double scale = 1 / (1 - p);
      assertTrue(Arrays.stream(v).allMatch(d -> d == 0 || d == scale), "kept values are exactly 1/(1-p)");
      // Five standard deviations of a binomial fraction and of the mean of the scaled mask.
      double fraction = (double) zeros / N;
      assertEquals(p, fraction, 5 * Math.sqrt(p * (1 - p) / N), "fraction zeroed for p " + p);
      assertEquals(1.0, y.mean().item(), 5 * Math.sqrt(p / (1 - p) / N), "mean for p " + p);
    }
  }

  @Test
  void theGradientIsTheMask() {
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8}).requiresGrad(true);
    Tensor y = F.dropout(x, 0.5, true, new Generator(3));
    y.sum().backward();
    double[] yv = y.toDoubleArray();
    double[] g = x.grad().toDoubleArray();
    for (int i = 0; i < yv.length; i++) {
      assertEquals(yv[i] == 0 ? 0 : 2, g[i]);
    }
  }

  @Test
  void evalAndPZeroAreTheIdentity() {
    Tensor x = Tensor.randn(new Generator(1), 3, 4);
    Dropout drop = new Dropout(0.5, new Generator(2));
    drop.eval();
    assertSame(x, drop.forward(x));
    assertSame(x, F.dropout(x, 0.5, false, new Generator(2)));
    assertSame(x, new Dropout(0.0).forward(x));
  }

  @Test
  void pOneGivesZerosAndAZeroGradient() {
    Tensor x = Tensor.of(new double[] {1, -2, 3}).requiresGrad(true);
    Tensor y = new Dropout(1.0).forward(x);
    assertArrayEquals(new double[] {0, 0, 0}, y.toDoubleArray(), 0.0);
    y.sum().backward();
    assertArrayEquals(new double[] {0, 0, 0}, x.grad().toDoubleArray());
  }

  @Test
  void theSameSeedGivesTheSameMaskInEitherDtype() {
    Tensor x = Tensor.ones(DType.FLOAT64, 1000);
    double[] a = new Dropout(0.4, new Generator(9)).forward(x).toDoubleArray();
    double[] b = new Dropout(0.4, new Generator(9)).forward(x).toDoubleArray();
    double[] c = new Dropout(0.4, new Generator(10)).forward(x).toDoubleArray();
    assertArrayEquals(a, b);
    assertFalse(Arrays.equals(a, c), "another seed, another mask");
    Tensor y32 = new Dropout(0.4, new Generator(9)).forward(x.to(DType.FLOAT32));
    assertEquals(DType.FLOAT32, y32.dtype());
    assertArrayEquals(a, y32.toDoubleArray(), 1e-6);
    Dropout drop = new Dropout(0.4, new Generator(9));
    drop.forward(x);
    assertFalse(Arrays.equals(a, drop.forward(x).toDoubleArray()), "each call draws a new mask");
  }

  @Test
  void withoutAGeneratorItDrawsFromTheDefaultOneAsSeeded() {
    Tensor x = Tensor.ones(DType.FLOAT64, 100);
    Dropout drop = new Dropout(0.5);
    Init.manualSeed(21);
    double[] a = drop.forward(x).toDoubleArray();
    Init.manualSeed(21);
    assertArrayEquals(a, drop.forward(x).toDoubleArray());
  }

  @Test
  void refusesAProbabilityOutsideZeroOne() {
    for (double p : new double[] {-0.1, 1.5, Double.NaN}) {
      var e = assertThrows(IllegalArgumentException.class, () -> new Dropout(p));
      assertTrue(e.getMessage().contains("[0, 1]"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> F.dropout(Tensor.ones(2), p, true, new Generator(0)));
    }
    assertThrows(NullPointerException.class, () -> new Dropout(0.5, null));
    assertThrows(NullPointerException.class, () -> F.dropout(Tensor.ones(2), 0.5, true, null));
    assertEquals("Dropout(p=0.5)", new Dropout().toString());
  }
}
