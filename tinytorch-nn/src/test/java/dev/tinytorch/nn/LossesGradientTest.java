package dev.tinytorch.nn;

import static dev.tinytorch.nn.testing.GradProperties.x;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.testing.GradProperties;
import dev.tinytorch.nn.testing.GradProperties.Case;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Property;
import dev.tinytorch.tensor.testing.Values;
import java.util.Arrays;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The gradient property of every loss under every reduction: over seeded random shapes, layouts
 * (class dim in [C], [N, C], [N, C, d]), values and options (weights, posWeight, ignore index, label
 * smoothing), GradCheck passes for the input, and for the target where PyTorch defines a gradient
 * (MSE, BCE, BCE with logits); to second order as well. The MEAN cases without options run the fused
 * kernels, the others the composed forms; both are checked.
 */
class LossesGradientTest {
  private static final int TRIES = 100;
  private static final int SECOND_ORDER_TRIES = 30;

  @Test
  void mse() {
    both("mseLoss", 101, (g, r) -> {
      int[] shape = Gen.shape(g, 3, 4);
      return GradProperties.of("mseLoss " + Arrays.toString(shape) + " " + r,
          in -> F.mseLoss(in[0], in[1], r), x(g, shape), x(g, shape));
    });
  }

  @Test
  void binaryCrossEntropy() {
    both("binaryCrossEntropy", 102, (g, r) -> {
      int[] shape = Gen.shape(g, 3, 4);
      Tensor weight = Gen.chance(g, 0.4) ? positive(g, Gen.broadcastableTo(g, shape)) : null;
      return GradProperties.of("binaryCrossEntropy " + Arrays.toString(shape) + " " + r + weightText(weight),
          in -> F.binaryCrossEntropy(in[0], in[1], weight, r),
          x(g, Values.uniform(0.05, 0.95), shape), x(g, Values.uniform(0, 1), shape));
    });
  }

  @Test
  void binaryCrossEntropyWithLogits() {
    both("binaryCrossEntropyWithLogits", 103, (g, r) -> {
      int[] shape = Gen.shape(g, 3, 4);
      Tensor weight = Gen.chance(g, 0.3) ? positive(g, Gen.broadcastableTo(g, shape)) : null;
      Tensor posWeight = Gen.chance(g, 0.4) ? positive(g, Gen.broadcastableTo(g, shape)) : null;
      return GradProperties.of("binaryCrossEntropyWithLogits " + Arrays.toString(shape) + " " + r
              + weightText(weight) + (posWeight == null ? "" : " posWeight " + Arrays.toString(posWeight.shape())),
          in -> F.binaryCrossEntropyWithLogits(in[0], in[1], weight, posWeight, r),
          x(g, Values.uniform(-4, 4), shape), x(g, Values.uniform(0, 1), shape));
    });
  }

  @Test
  void crossEntropy() {
    both("crossEntropy", 104, (g, r) -> classCase(g, r, true));
  }

  @Test
  void nllLoss() {
    both("nllLoss", 105, (g, r) -> classCase(g, r, false));
  }

  /**
   * Logits of +-1000 mixed with ordinary ones: the loss and every gradient are finite, and the
   * gradients pass GradCheck (the softmax and sigmoid saturate to exact 0 and 1, which is correct).
   */
  @Test
  void logitsOfPlusMinus1000() {
    Function<Generator, Tensor> extreme = g -> {
      int[] shape = {Gen.intIn(g, 1, 4), Gen.intIn(g, 2, 4)};
      double[] v = new double[shape[0] * shape[1]];
      for (int i = 0; i < v.length; i++) {
        v[i] = Gen.oneOf(g, -1000.0, 1000.0, 4 * g.nextDouble() - 2);
      }
      return Tensor.of(v, shape).requiresGrad(true);
    };
    for (Reduction r : Reduction.values()) {
      GradProperties.check("binaryCrossEntropyWithLogits +-1000 " + r, TRIES, 106, g -> {
        Tensor logits = extreme.apply(g);
        return GradProperties.of("bceWithLogits " + r, in -> finite(F.binaryCrossEntropyWithLogits(in[0], in[1], r)),
            logits, x(g, Values.uniform(0, 1), logits.shape()));
      });
      GradProperties.check("crossEntropy +-1000 " + r, TRIES, 107, g -> {
        Tensor logits = extreme.apply(g);
        Tensor target = classIndices(g, logits.size(1), logits.size(0));
        double eps = Gen.oneOf(g, 0.0, 0.1);
        return GradProperties.of("crossEntropy " + r + " eps " + eps,
            in -> finite(F.crossEntropy(in[0], in[1], r, eps)), logits, target);
      });
    }
    Property.check("+-1000 gradients are finite", TRIES, 108, extreme, logits -> {
      Tensor y = Tensor.rand(new Generator(1), DType.FLOAT64, logits.shape());
      F.binaryCrossEntropyWithLogits(logits, y).add(F.crossEntropy(logits,
          classIndices(new Generator(2), logits.size(1), logits.size(0)), 0.1)).backward();
      finite(logits.grad());
    });
  }

  /** Float32 through every loss: the same values as float64 to float precision. */
  @Test
  void float32AgreesWithFloat64() {
    Property.check("losses in float32", TRIES, 109, g -> g, g -> {
      int n = Gen.intIn(g, 1, 5);
      int c = Gen.intIn(g, 2, 5);
      Tensor z = Gen.tensor(g, DType.FLOAT64, new int[] {n, c}, Values.uniform(-3, 3));
      Tensor p = Gen.tensor(g, DType.FLOAT64, new int[] {n, c}, Values.uniform(0.05, 0.95));
      Tensor y = Gen.tensor(g, DType.FLOAT64, new int[] {n, c}, Values.uniform(0, 1));
      Tensor t = classIndices(g, c, n);
      for (Reduction r : Reduction.values()) {
        assertAgree(F.mseLoss(z, y, r), F.mseLoss(z.to(DType.FLOAT32), y.to(DType.FLOAT32), r));
        assertAgree(F.binaryCrossEntropy(p, y, r), F.binaryCrossEntropy(p.to(DType.FLOAT32), y.to(DType.FLOAT32), r));
        assertAgree(F.binaryCrossEntropyWithLogits(z, y, r),
            F.binaryCrossEntropyWithLogits(z.to(DType.FLOAT32), y.to(DType.FLOAT32), r));
        assertAgree(F.crossEntropy(z, t, r, 0.1), F.crossEntropy(z.to(DType.FLOAT32), t, r, 0.1));
        assertAgree(F.crossEntropy(z, t, r), F.crossEntropy(z.to(DType.FLOAT32), t.to(DType.FLOAT32), r));
        assertAgree(F.nllLoss(z, t, r), F.nllLoss(z.to(DType.FLOAT32), t, r));
      }
    });
  }

  // ---------------------------------------------------------------- cases

  /** Scores in one of PyTorch's layouts with valid targets, and random weight, ignore index and smoothing. */
  private static Case classCase(Generator g, Reduction r, boolean logits) {
    int classes = Gen.intIn(g, 1, 4);
    int layout = g.nextInt(3);
    int[] scores;
    int[] targets;
    if (layout == 0) {
      scores = new int[] {classes};
      targets = new int[0];
    } else if (layout == 1) {
      int n = Gen.intIn(g, 1, 4);
      scores = new int[] {n, classes};
      targets = new int[] {n};
    } else {
      int n = Gen.intIn(g, 1, 3);
      int d = Gen.intIn(g, 1, 3);
      scores = new int[] {n, classes, d};
      targets = new int[] {n, d};
    }
    Tensor target = classIndices(g, classes, targets);
    int ignore = F.NO_IGNORE_INDEX;
    if (target.numel() > 1 && Gen.chance(g, 0.4)) {
      // Ignore some targets, but never the first, so MEAN always has one to divide by.
      ignore = Gen.bool(g) ? -100 : g.nextInt(classes);
      double[] v = target.toDoubleArray();
      for (int i = 1; i < v.length; i++) {
        if (v[i] == ignore || Gen.chance(g, 0.3)) {
          v[i] = ignore;
        }
      }
      if (v[0] == ignore) {
        v[0] = (ignore + 1) % classes;
        if (v[0] == ignore) {
          ignore = -100; // one class only: no other class to keep the first target on
        }
      }
      target = Tensor.of(v, targets);
    }
    Tensor weight = Gen.chance(g, 0.4) ? positive(g, classes) : null;
    double eps = logits && Gen.bool(g) ? Gen.oneOf(g, 0.1, g.nextDouble()) : 0.0;
    int ig = ignore;
    String what = (logits ? "crossEntropy " : "nllLoss ") + Arrays.toString(scores) + " " + r + weightText(weight)
        + (ig == F.NO_IGNORE_INDEX ? "" : " ignoreIndex " + ig) + (eps == 0 ? "" : " eps " + eps);
    return GradProperties.of(what,
        in -> logits ? F.crossEntropy(in[0], in[1], weight, ig, r, eps) : F.nllLoss(in[0], in[1], weight, ig, r),
        x(g, scores), target);
  }

  private static void both(String name, long seed, BiFunction<Generator, Reduction, Case> gen) {
    for (Reduction r : Reduction.values()) {
      GradProperties.check(name + " " + r, TRIES, seed, g -> gen.apply(g, r));
      GradProperties.checkSecondOrder(name + " " + r, SECOND_ORDER_TRIES, seed + 1000, g -> gen.apply(g, r));
    }
  }

  static Tensor classIndices(Generator g, int classes, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = g.nextInt(classes);
    }
    return Tensor.of(v, shape);
  }

  private static Tensor positive(Generator g, int... shape) {
    return Gen.tensor(g, DType.FLOAT64, shape, Values.uniform(0.25, 2.5));
  }

  private static String weightText(Tensor weight) {
    return weight == null ? "" : " weight " + Arrays.toString(weight.shape());
  }

  private static Tensor finite(Tensor t) {
    for (double v : t.toDoubleArray()) {
      assertTrue(Double.isFinite(v), () -> "not finite: " + Arrays.toString(t.toDoubleArray()));
    }
    return t;
  }

  private static void assertAgree(Tensor f64, Tensor f32) {
    assertTrue(f32.dtype() == DType.FLOAT32, "float32 in, float32 out; got " + f32.dtype());
    assertTrue(Arrays.equals(f64.shape(), f32.shape()));
    assertTrue(f64.allClose(f32.to(DType.FLOAT64), 1e-4, 1e-5),
        () -> "float64 " + Arrays.toString(f64.toDoubleArray()) + " vs float32 " + Arrays.toString(f32.toDoubleArray()));
  }
}
