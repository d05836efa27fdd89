package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every loss, reduction and option against PyTorch 1.13 in float64: forward values and the gradients of
 * the input (and of the target where PyTorch has one). Constants: {@link LossesGolden}, printed by
 * tools/golden/losses.py; each case here calls the same function the script's case does.
 */
class LossesGoldenTest {
  private static final double TOL = 1e-12;

  interface Loss2 {
    Tensor apply(Tensor input, Tensor target, Reduction r);
  }

  /** Equal to 1e-12 relative to max(1, |expected|): BCE's clamped gradients reach 1e12. */
  private static void close(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " length");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], TOL * Math.max(1, Math.abs(expected[i])), what + " at " + i);
    }
  }

  private static Object constant(String name) {
    try {
      java.lang.reflect.Field f = LossesGolden.class.getDeclaredField(name);
      f.setAccessible(true);
      return f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError("LossesGolden has no " + name + "; rerun tools/golden/losses.py", e);
    }
  }

  private static Tensor input(String c, int i, boolean grad) {
    Tensor t = Tensor.of(((double[]) constant(c + "_IN" + i)).clone(), (int[]) constant(c + "_SHAPE" + i));
    return grad ? t.requiresGrad(true) : t;
  }

  /** Runs case {@code c} for every reduction, checking the value and the gradients of {@code grads}. */
  private static void check(String c, Loss2 loss, int... grads) {
    for (Reduction r : Reduction.values()) {
      String tag = c + "_" + r.name();
      List<Integer> g = new ArrayList<>();
      for (int i : grads) {
        g.add(i);
      }
      Tensor x = input(c, 0, g.contains(0));
      Tensor y = input(c, 1, g.contains(1));
      Tensor out = loss.apply(x, y, r);
      close((double[]) constant(tag), out.toDoubleArray(), tag);
      if (r == Reduction.NONE) {
        out.backward(Tensor.of((double[]) constant(c + "_NONE_UP"), out.shape()));
      } else {
        assertEquals(0, out.dim(), tag + " is 0-d");
        out.backward();
      }
      Tensor[] ins = {x, y};
      for (int i : grads) {
        close((double[]) constant(tag + "_GRAD" + i), ins[i].grad().toDoubleArray(), tag + " grad " + i);
      }
    }
  }

  private static Tensor w(String name) {
    return Tensor.of((double[]) constant(name));
  }

  @Test
  void mse() {
    check("MSE", F::mseLoss, 0, 1);
  }

  @Test
  void binaryCrossEntropy() {
    check("BCE", F::binaryCrossEntropy, 0);
    check("BCE_T", F::binaryCrossEntropy, 1);
    check("BCE_EDGE", F::binaryCrossEntropy, 0);
    check("BCE_W", (p, t, r) -> F.binaryCrossEntropy(p, t, w("W3"), r), 0);
  }

  @Test
  void binaryCrossEntropyWithLogitsIsFiniteAtPlusMinus1000() {
    check("BCEL", F::binaryCrossEntropyWithLogits, 0, 1);
    check("BCEL_PW", (x, t, r) -> F.binaryCrossEntropyWithLogits(x, t, w("W3"), w("PW"), r), 0, 1);
    for (double v : F.binaryCrossEntropyWithLogits(input("BCEL", 0, false), input("BCEL", 1, false), Reduction.NONE)
        .toDoubleArray()) {
      assertTrue(Double.isFinite(v));
    }
  }

  @Test
  void crossEntropyWithSmoothingWeightsAndIgnoredTargets() {
    check("CE", (z, t, r) -> F.crossEntropy(z, t, r, 0.0), 0);
    check("CE_LS", (z, t, r) -> F.crossEntropy(z, t, r, 0.1), 0);
    check("CE_LS35", (z, t, r) -> F.crossEntropy(z, t, r, 0.35), 0);
    check("CE_W", (z, t, r) -> F.crossEntropy(z, t, w("WC"), F.NO_IGNORE_INDEX, r, 0.0), 0);
    check("CE_IGN", (z, t, r) -> F.crossEntropy(z, t, null, -100, r, 0.0), 0);
    check("CE_W_IGN_LS", (z, t, r) -> F.crossEntropy(z, t, w("WC"), -100, r, 0.2), 0);
    check("CE_4D", (z, t, r) -> F.crossEntropy(z, t, r, 0.1), 0);
    check("CE_1D", (z, t, r) -> F.crossEntropy(z, t, r, 0.1), 0);
  }

  @Test
  void nllPicksTheTargetEvenNextToMinusInfinity() {
    check("NLL", F::nllLoss, 0);
    check("NLL_W_IGN", (z, t, r) -> F.nllLoss(z, t, w("WC"), 1, r), 0);
  }

  @Test
  void lossObjectsWrapTheFunctions() {
    Tensor z = input("CE", 0, false);
    Tensor t = input("CE", 1, false);
    assertArrayEquals((double[]) constant("CE_LS_MEAN"), new CrossEntropyLoss(0.1).forward(z, t).toDoubleArray(), TOL);
    assertArrayEquals((double[]) constant("CE_SUM"),
        CrossEntropyLoss.builder().reduction(Reduction.SUM).build().forward(z, t).toDoubleArray(), TOL);
    assertArrayEquals((double[]) constant("MSE_MEAN"),
        new MSELoss().forward(input("MSE", 0, false), input("MSE", 1, false)).toDoubleArray(), TOL);
    assertArrayEquals((double[]) constant("BCE_SUM"),
        new BCELoss(Reduction.SUM).forward(input("BCE", 0, false), input("BCE", 1, false)).toDoubleArray(), TOL);
    assertArrayEquals((double[]) constant("BCEL_NONE"),
        new BCEWithLogitsLoss(Reduction.NONE).forward(input("BCEL", 0, false), input("BCEL", 1, false)).toDoubleArray(), TOL);
    assertArrayEquals((double[]) constant("NLL_MEAN"),
        new NLLLoss().forward(input("NLL", 0, false), input("NLL", 1, false)).toDoubleArray(), TOL);
  }
}
