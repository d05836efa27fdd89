package dev.tinytorch.nn;

import static dev.tinytorch.nn.testing.GradProperties.of;
import static dev.tinytorch.nn.testing.GradProperties.x;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.testing.GradProperties;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Values;
import org.junit.jupiter.api.Test;

/** Gradient properties of every loss and reduction over random shapes and values, and bad input. */
class LossesPropertyTest {
  private static final int TRIES = 80;

  private static Reduction reduction(Generator g) {
    return Gen.oneOf(g, Reduction.values());
  }

  /** NONE results are reduced with a fixed weighting so every element's gradient is exercised. */
  private static Tensor scalarise(Tensor loss) {
    return loss.dim() == 0 ? loss : loss.mul(Tensor.arange(loss.numel()).to(loss.dtype()).add(1).reshape(loss.shape())).sum();
  }

  private static Tensor classes(Generator g, int n, int c) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = g.nextInt(c);
    }
    return Tensor.of(t);
  }

  @Test
  void pointwiseLosses() {
    GradProperties.check("mse/bce/bceWithLogits", TRIES, 41, g -> {
      int[] s = Gen.shape(g, 1, 3, 1, 3);
      Reduction r = reduction(g);
      return switch (g.nextInt(3)) {
        case 0 -> of("mseLoss " + r, t -> scalarise(F.mseLoss(t[0], t[1], r)), x(g, s), x(g, s));
        case 1 -> of("binaryCrossEntropy " + r, t -> scalarise(F.binaryCrossEntropy(t[0], t[1], r)),
            x(g, Values.uniform(0.05, 0.95), s), x(g, Values.uniform(0, 1), s));
        default -> of("binaryCrossEntropyWithLogits " + r,
            t -> scalarise(F.binaryCrossEntropyWithLogits(t[0], t[1], r)), x(g, Values.uniform(-4, 4), s),
            x(g, Values.uniform(0, 1), s));
      };
    });
    GradProperties.checkSecondOrder("bceWithLogits", 20, 42, g -> {
      int[] s = Gen.shape(g, 1, 2, 1, 3);
      return of("binaryCrossEntropyWithLogits", t -> F.binaryCrossEntropyWithLogits(t[0], t[1]),
          x(g, Values.uniform(-3, 3), s), x(g, Values.uniform(0, 1), s));
    });
  }

  @Test
  void classLosses() {
    GradProperties.check("crossEntropy/nll", TRIES, 43, g -> {
      int n = Gen.intIn(g, 1, 4);
      int c = Gen.intIn(g, 1, 4);
      Tensor target = classes(g, n, c);
      Reduction r = reduction(g);
      double smoothing = Gen.oneOf(g, 0.0, 0.1, 0.4);
      return Gen.bool(g)
          ? of("crossEntropy " + r + " smoothing " + smoothing, t -> scalarise(F.crossEntropy(t[0], target, r, smoothing)),
              x(g, Values.uniform(-3, 3), n, c))
          : of("nllLoss " + r, t -> scalarise(F.nllLoss(t[0].logSoftmax(1), target, r)), x(g, n, c));
    });
    GradProperties.checkSecondOrder("crossEntropy smoothed", 20, 44, g -> {
      int n = Gen.intIn(g, 1, 3);
      int c = Gen.intIn(g, 2, 4);
      Tensor target = classes(g, n, c);
      return of("crossEntropy smoothing 0.1", t -> F.crossEntropy(t[0], target, 0.1), x(g, n, c));
    });
  }

  @Test
  void composedCrossEntropyEqualsTheFusedKernel() {
    Generator g = new Generator(45);
    Tensor z = Tensor.randn(g, dev.tinytorch.tensor.DType.FLOAT64, 6, 5).mul(3);
    Tensor t = classes(g, 6, 5);
    double fused = dev.tinytorch.tensor.Losses.crossEntropy(z, t).item();
    assertEquals(fused, F.crossEntropy(z, t, Reduction.SUM).item() / 6, 1e-14);
    assertEquals(fused, F.nllLoss(z.logSoftmax(1), t).item(), 1e-14);
  }

  @Test
  void extremeLogitsStayFinite() {
    Tensor z = Tensor.of(new double[][] {{1000, -1000}, {-1000, 1000}}).requiresGrad(true);
    Tensor loss = F.crossEntropy(z, Tensor.of(new double[] {1, 1}));
    loss.backward();
    assertEquals(1000.0, loss.item(), 1e-9);   // row 0: 2000 / 2, row 1: ~0
    for (double v : z.grad().toDoubleArray()) {
      assertTrue(Double.isFinite(v));
    }
  }

  @Test
  void badInputIsRefusedWithTheFix() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> F.mseLoss(Tensor.zeros(4, 1), Tensor.zeros(4)));
    assertTrue(e.getMessage().contains("[4, 1]") && e.getMessage().contains("[4]"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> F.binaryCrossEntropyWithLogits(Tensor.zeros(3), Tensor.zeros(3, 1)));
    assertThrows(IllegalArgumentException.class,
        () -> F.crossEntropy(Tensor.zeros(2, 3), Tensor.of(new double[] {0, 3})));
    assertThrows(IllegalArgumentException.class,
        () -> F.crossEntropy(Tensor.zeros(2, 3), Tensor.of(new double[] {0, 1.5})));
    assertThrows(IllegalArgumentException.class,
        () -> F.crossEntropy(Tensor.zeros(2, 3), Tensor.of(new double[] {-1, 0})));
    assertThrows(IllegalArgumentException.class,
        () -> F.nllLoss(Tensor.zeros(2, 3), Tensor.of(new double[] {0, 1, 2})));
    assertThrows(IllegalArgumentException.class,
        () -> F.binaryCrossEntropy(Tensor.of(new double[] {1.5}), Tensor.of(new double[] {1})));
    IllegalArgumentException loss = assertThrows(IllegalArgumentException.class,
        () -> new CrossEntropyLoss().forward(Tensor.zeros(2, 3), Tensor.of(new double[] {0, 7})));
    assertTrue(loss.getMessage().contains("7"), loss.getMessage());
  }
}
