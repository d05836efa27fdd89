package dev.tinytorch.autograd.ops;

import static dev.tinytorch.autograd.ops.GradProperty.c;
import static dev.tinytorch.autograd.ops.GradProperty.x;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tinytorch.autograd.Autograd;
import dev.tinytorch.autograd.ops.GradProperty.Spec;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Values;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Gradient properties of maxPool2d and avgPool2d: N, C in 1..2, H, W in 1..5, kernels up to the
 * plane, strides 1..3 (so windows overlap, tile, or skip entries). Max pooling is checked on
 * distinct values, since at a tie it has no derivative; both ops are piecewise linear, so their
 * second-order checks go through a square.
 */
class PoolGradientTest {
  record Geometry(int[] shape, int kh, int kw, int sh, int sw) {
    @Override
    public String toString() {
      return Arrays.toString(shape) + " kernel (" + kh + ", " + kw + ") stride (" + sh + ", " + sw + ")";
    }
  }

  static Geometry geometry(Generator g) {
    int h = Gen.intIn(g, 1, 5);
    int w = Gen.intIn(g, 1, 5);
    int[] shape = {Gen.intIn(g, 1, 2), Gen.intIn(g, 1, 2), h, w};
    return new Geometry(shape, Gen.intIn(g, 1, h), Gen.intIn(g, 1, w), Gen.intIn(g, 1, 3), Gen.intIn(g, 1, 3));
  }

  /** A checked FLOAT64 input without ties, half the time in a strided layout. */
  static Tensor distinct(Generator g, int[] shape) {
    Tensor t = Gen.distinct(g, DType.FLOAT64, shape, -2, 2);
    return (Gen.bool(g) ? Gen.relayout(g, t) : t).requiresGrad(true);
  }

  @TestFactory
  Stream<DynamicTest> pooling() {
    return GradProperty.tests(808,
        new Spec("maxPool2d", g -> {
          Geometry p = geometry(g);
          return c("maxPool2d " + p, t -> t[0].maxPool2d(p.kh(), p.kw(), p.sh(), p.sw()), distinct(g, p.shape()));
        }).firstOrderOnly(),
        new Spec("maxPool2d, squared", g -> {
          Geometry p = geometry(g);
          return c("maxPool2d(x).square() " + p, t -> t[0].maxPool2d(p.kh(), p.kw(), p.sh(), p.sw()).square(),
              distinct(g, p.shape()));
        }),
        new Spec("avgPool2d", g -> {
          Geometry p = geometry(g);
          return c("avgPool2d " + p, t -> t[0].avgPool2d(p.kh(), p.kw(), p.sh(), p.sw()), x(g, p.shape()));
        }).firstOrderOnly(),
        new Spec("avgPool2d, squared", g -> {
          Geometry p = geometry(g);
          return c("avgPool2d(x).square() " + p, t -> t[0].avgPool2d(p.kh(), p.kw(), p.sh(), p.sw()).square(),
              x(g, p.shape()));
        }),
        new Spec("scale, maxPool2d, tanh, avgPool2d", g -> {
          Geometry p = geometry(g);
          return c("avgPool2d(maxPool2d(x * w).tanh(), 1x1) with w [C, 1, 1] > 0 " + p,
              t -> t[0].mul(t[1]).maxPool2d(p.kh(), p.kw(), p.sh(), p.sw()).tanh().avgPool2d(1, 1, 1, 1),
              distinct(g, p.shape()), x(g, new int[] {p.shape()[1], 1, 1}, Values.uniform(0.5, 2)));
        }));
  }

  @Test
  void overlappingWindowsSharingAMaximumAddTheirGradients() {
    Tensor x = Tensor.of(new double[] {0, 1, 0, 1, 9, 1, 0, 1, 0}, 1, 1, 3, 3).requiresGrad(true);
    Tensor y = x.maxPool2d(2, 2, 1, 1);
    assertEquals("MaxPool2dBackward", y.gradFn().name());
    y.backward(Tensor.of(new double[] {1, 2, 3, 4}, 1, 1, 2, 2));
    assertArrayEquals(new double[] {0, 0, 0, 0, 10, 0, 0, 0, 0}, x.grad().toDoubleArray());
  }

  @Test
  void tiesSendTheGradientToTheFirstMaximum() {
    for (DType dtype : DType.values()) {
      Tensor x = Tensor.ones(dtype, 1, 1, 2, 4).requiresGrad(true);
      x.maxPool2d(2, 2, 2, 2).sum().backward();
      assertEquals(dtype, x.grad().dtype());
      assertArrayEquals(new double[] {1, 0, 1, 0, 0, 0, 0, 0}, x.grad().toDoubleArray());
    }
  }

  @Test
  void avgPoolGradientSpreadsOverWindowsAndSkipsUncoveredEntries() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 1, 1, 3, 3).requiresGrad(true);
    Tensor y = x.avgPool2d(2, 2, 1, 1);
    assertEquals("AvgPool2dBackward", y.gradFn().name());
    y.sum().backward();
    assertArrayEquals(new double[] {0.25, 0.5, 0.25, 0.5, 1, 0.5, 0.25, 0.5, 0.25}, x.grad().toDoubleArray());
    Tensor z = Tensor.zeros(DType.FLOAT32, 1, 1, 3, 3).requiresGrad(true);
    z.avgPool2d(2, 2, 2, 2).sum().backward();
    assertArrayEquals(new double[] {0.25, 0.25, 0, 0.25, 0.25, 0, 0, 0, 0}, z.grad().toDoubleArray());
  }

  @Test
  void secondOrderOfSquaredPoolsByHand() {
    // f = sum(maxPool(x)^2): df/dx = 2 max at each argmax; d/dx of sum(df/dx) = 2 there.
    Tensor x = Tensor.of(new double[] {1, 3, 2, -1}, 1, 1, 1, 4).requiresGrad(true);
    Tensor f = x.maxPool2d(1, 2, 1, 2).square().sum();
    Tensor[] g = Autograd.grad(f, new Tensor[] {x}, null, true, true);
    assertArrayEquals(new double[] {0, 6, 4, 0}, g[0].toDoubleArray());
    g[0].sum().backward();
    assertArrayEquals(new double[] {0, 2, 2, 0}, x.grad().toDoubleArray());
    // f = sum(avgPool(x)^2) with one 2x2 window: df/dx = 2 mean / 4 = 1.5, every Hessian entry 1/8.
    Tensor a = Tensor.of(new double[] {1, 2, 3, 6}, 1, 1, 2, 2).requiresGrad(true);
    Tensor[] ga = Autograd.grad(a.avgPool2d(2, 2, 2, 2).square().sum(), new Tensor[] {a}, null, true, true);
    assertArrayEquals(new double[] {1.5, 1.5, 1.5, 1.5}, ga[0].toDoubleArray());
    ga[0].sum().backward();
    assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, a.grad().toDoubleArray());
  }

  @Test
  void noGraphWithoutGrad() {
    assertNull(Tensor.ones(1, 1, 2, 2).maxPool2d(2, 2, 1, 1).gradFn());
    assertNull(Tensor.ones(1, 1, 2, 2).avgPool2d(2, 2, 1, 1).gradFn());
  }
}
