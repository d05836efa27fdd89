package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.Autograd;
import dev.tinytorch.autograd.TensorFunction;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Property;
import dev.tinytorch.tensor.testing.Values;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The composed forms (what SUM, NONE and the options run) against the fused MEAN kernels of
 * tinytorch-tensor's {@code Losses}, which the plain MEAN calls use: the mean of the NONE losses, and
 * the weighted path with unit weights, must give the fused value, gradient and gradient of the
 * gradient, in FLOAT64 to rounding and in FLOAT32 to float precision.
 */
class LossesComposedTest {
  private static final int TRIES = 100;

  @Test
  void mseComposedEqualsFused() {
    Property.check("mse composed vs fused", TRIES, 201, g -> g, g -> {
      DType dtype = Gen.dtype(g);
      int[] shape = Gen.shape(g, 3, 4);
      Tensor x = Gen.tensor(g, dtype, shape);
      Tensor y = Gen.tensor(g, dtype, shape);
      same(dtype, in -> F.mseLoss(in[0], in[1]), in -> F.mseLoss(in[0], in[1], Reduction.NONE).mean(), x, y);
    });
  }

  /** Probabilities include exact 0 and 1 and a value under e^-100, where both clamp their logs and floor the gradient. */
  @Test
  void binaryCrossEntropyComposedEqualsFused() {
    Property.check("binaryCrossEntropy composed vs fused", TRIES, 202, g -> g, g -> {
      DType dtype = Gen.dtype(g);
      int[] shape = Gen.shape(g, 1, 3, 1, 4);
      Tensor p = Gen.tensor(g, DType.FLOAT64, shape, Values.uniform(0, 1));
      double[] v = p.toDoubleArray();
      for (int i = 0; i < v.length; i++) {
        if (Gen.chance(g, 0.3)) {
          v[i] = Gen.oneOf(g, 0.0, 1.0, 1e-50);
        }
      }
      p = Tensor.of(v, shape).to(dtype);
      Tensor y = Gen.tensor(g, dtype, shape, Values.uniform(0, 1));
      same(dtype, in -> F.binaryCrossEntropy(in[0], in[1]),
          in -> F.binaryCrossEntropy(in[0], in[1], Reduction.NONE).mean(), p, y);
      same(dtype, in -> F.binaryCrossEntropy(in[0], in[1]),
          in -> F.binaryCrossEntropy(in[0], in[1], Tensor.ones(dtype, 1), Reduction.MEAN), p, y);
    });
  }

  @Test
  void crossEntropyComposedEqualsFused() {
    Property.check("crossEntropy composed vs fused", TRIES, 203, g -> g, g -> {
      DType dtype = Gen.dtype(g);
      int n = Gen.intIn(g, 1, 5);
      int c = Gen.intIn(g, 1, 5);
      double scale = Gen.oneOf(g, 1.0, 10.0, 1000.0);
      Tensor z = Gen.tensor(g, dtype, new int[] {n, c}, Values.uniform(-scale, scale));
      Tensor t = LossesGradientTest.classIndices(g, c, n);
      TensorFunction fused = in -> F.crossEntropy(in[0], t);
      same(dtype, fused, in -> F.crossEntropy(in[0], t, Reduction.NONE, 0.0).mean(), z);
      same(dtype, fused, in -> F.crossEntropy(in[0], t, Tensor.ones(c), F.NO_IGNORE_INDEX, Reduction.MEAN, 0.0), z);
      same(dtype, fused, in -> F.nllLoss(in[0].logSoftmax(1), t), z);
      // Smoothing eps is the same as the unsmoothed loss against targets (1 - eps) onehot + eps / C.
      double eps = g.nextDouble();
      Tensor soft = Tensor.full(DType.FLOAT64, eps / c, n, c);
      for (int i = 0; i < n; i++) {
        soft.select(0, i).select(0, (int) t.get(i)).fill(1 - eps + eps / c);
      }
      same(dtype, in -> in[0].logSoftmax(1).mul(soft.to(dtype)).sum().neg().div(n),
          in -> F.crossEntropy(in[0], t, eps), z);
    });
  }

  /** Spatial [N, C, d1, d2] logits are the [N * d1 * d2, C] rows with C moved last. */
  @Test
  void crossEntropySpatialIsRowsWithClassesLast() {
    Property.check("crossEntropy spatial vs rows", TRIES, 204, g -> g, g -> {
      int n = Gen.intIn(g, 1, 3);
      int c = Gen.intIn(g, 1, 4);
      int h = Gen.intIn(g, 1, 3);
      int w = Gen.intIn(g, 1, 3);
      Tensor z = Gen.tensor(g, DType.FLOAT64, new int[] {n, c, h, w});
      Tensor t = LossesGradientTest.classIndices(g, c, n, h, w);
      for (Reduction r : Reduction.values()) {
        Tensor spatial = F.crossEntropy(z, t, r, 0.2);
        Tensor rows = F.crossEntropy(z.permute(0, 2, 3, 1).reshape(-1, c), t.reshape(-1), r, 0.2);
        assertClose(rows.reshape(spatial.shape()), spatial, 1e-12);
      }
    });
  }

  // ---------------------------------------------------------------- harness

  /** Value, first and second derivatives of {@code expected} and {@code actual} agree at {@code inputs}. */
  private static void same(DType dtype, TensorFunction expected, TensorFunction actual, Tensor... inputs) {
    double tol = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
    Tensor[] a = leaves(inputs);
    Tensor[] b = leaves(inputs);
    Tensor ya = expected.apply(a);
    Tensor yb = actual.apply(b);
    assertEquals(ya.dtype(), yb.dtype(), "dtype");
    assertClose(ya, yb, tol);
    Tensor[] ga = Autograd.grad(ya, a, null, true, true);
    Tensor[] gb = Autograd.grad(yb, b, null, true, true);
    Generator vg = new Generator(5);
    Tensor hvA = Tensor.scalar(0.0, DType.FLOAT64);
    Tensor hvB = Tensor.scalar(0.0, DType.FLOAT64);
    for (int i = 0; i < a.length; i++) {
      assertClose(ga[i], gb[i], tol);
      Tensor v = Tensor.randn(vg, dtype, a[i].shape());
      hvA = hvA.add(ga[i].mul(v).sum().to(DType.FLOAT64));
      hvB = hvB.add(gb[i].mul(v).sum().to(DType.FLOAT64));
    }
    if (!hvA.requiresGrad() && !hvB.requiresGrad()) {
      return;
    }
    Tensor[] hA = hvA.requiresGrad() ? Autograd.grad(hvA, a, null, false, false) : new Tensor[a.length];
    Tensor[] hB = hvB.requiresGrad() ? Autograd.grad(hvB, b, null, false, false) : new Tensor[b.length];
    for (int i = 0; i < a.length; i++) {
      Tensor x = hA[i] == null ? Tensor.zerosLike(a[i]) : hA[i];
      Tensor y = hB[i] == null ? Tensor.zerosLike(b[i]) : hB[i];
      // Where p (1 - p) hits the 1e-12 floor the second derivatives are 1e24-sized: compare relatively.
      assertClose(x, y, Math.max(tol, 1e-9));
    }
  }

  private static Tensor[] leaves(Tensor[] inputs) {
    Tensor[] out = new Tensor[inputs.length];
    for (int i = 0; i < inputs.length; i++) {
      out[i] = inputs[i].detach().clone().requiresGrad(true);
    }
    return out;
  }

  private static void assertClose(Tensor expected, Tensor actual, double tol) {
    assertTrue(Arrays.equals(expected.shape(), actual.shape()),
        () -> "shape " + Arrays.toString(expected.shape()) + " vs " + Arrays.toString(actual.shape()));
    double[] e = expected.toDoubleArray();
    double[] a = actual.toDoubleArray();
    for (int i = 0; i < e.length; i++) {
      double ei = e[i];
      double ai = a[i];
      assertTrue(ei == ai || Math.abs(ei - ai) <= tol * Math.max(1, Math.abs(ei)),
          () -> "expected " + Arrays.toString(e) + " but got " + Arrays.toString(a));
    }
  }
}
