package dev.tinytorch.autograd.ops;

import static dev.tinytorch.autograd.ops.GradProperty.c;
import static dev.tinytorch.autograd.ops.GradProperty.x;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Gradient properties of indexSelect, indexAdd, where and maskedFill: random shapes of rank 1..3
 * (0..3 for where), index lists of length 0..5 drawn with repeats, in either dtype and sometimes
 * as a strided view, and all broadcasting corners for where. The ops are linear in the checked
 * inputs, so the second-order checks go through a square (or a softmax).
 */
class IndexGradientTest {
  @TestFactory
  Stream<DynamicTest> indexOps() {
    return GradProperty.tests(707,
        new Spec("indexSelect", g -> {
          int[] s = Gen.shape(g, 1, 3, 1, 3);
          int dim = Gen.dim(g, s.length);
          Tensor index = index(g, s[Math.floorMod(dim, s.length)]);
          return c("indexSelect(" + dim + ", " + Arrays.toString(index.toDoubleArray()) + ")",
              t -> t[0].indexSelect(dim, index).square(), x(g, s));
        }),
        new Spec("indexAdd", g -> {
          int[] s = Gen.shape(g, 1, 3, 1, 3);
          int dim = Gen.dim(g, s.length);
          int d = Math.floorMod(dim, s.length);
          Tensor index = index(g, s[d]);
          int[] src = s.clone();
          src[d] = index.numel();
          // Now and then one side is a constant, so needsInputGrad is false for it.
          Tensor self = Gen.chance(g, 0.2) ? Gen.tensor(g, DType.FLOAT64, s) : x(g, s);
          Tensor source = !self.requiresGrad() || !Gen.chance(g, 0.2) ? x(g, src) : Gen.tensor(g, DType.FLOAT64, src);
          return c("indexAdd(" + dim + ", " + Arrays.toString(index.toDoubleArray()) + ")",
              t -> t[0].indexAdd(dim, index, t[1].mul(t[1])).mul(t[0]), self, source);
        }),
        new Spec("where", g -> {
          int[] joint = GradProperty.shape(g);
          Tensor cond = condition(g, Gen.broadcastableTo(g, joint));
          return c("where(" + Arrays.toString(cond.shape()) + " " + Arrays.toString(cond.toDoubleArray()) + ", a, b)",
              t -> Tensor.where(cond, t[0], t[1]).square(),
              x(g, Gen.broadcastableTo(g, joint)), x(g, Gen.broadcastableTo(g, joint)));
        }),
        new Spec("where of products", g -> {
          int[] joint = GradProperty.shape(g);
          Tensor cond = condition(g, Gen.broadcastableTo(g, joint));
          return c("where(c, a * b, b.tanh())", t -> Tensor.where(cond, t[0].mul(t[1]), t[1].tanh()),
              x(g, Gen.broadcastableTo(g, joint)), x(g, Gen.broadcastableTo(g, joint)));
        }),
        new Spec("maskedFill before softmax", g -> {
          int[] s = Gen.shape(g, 1, 3, 1, 4);
          Tensor mask = keepOnePerRow(condition(g, s));
          return c("x.maskedFill(mask, -inf).softmax(-1) " + Arrays.toString(mask.toDoubleArray()),
              t -> t[0].maskedFill(mask, Double.NEGATIVE_INFINITY).softmax(-1), x(g, s));
        }));
  }

  @Test
  void repeatedIndicesAccumulateExactlyInBothDtypes() {
    for (DType dtype : DType.values()) {
      Tensor x = Tensor.zeros(dtype, 4, 2).requiresGrad(true);
      Tensor index = Tensor.of(new float[] {1, 3, 1, 1});
      Tensor y = x.indexSelect(0, index);
      assertEquals("IndexSelectBackward", y.gradFn().name());
      y.backward(Tensor.ones(dtype, 4, 2).mul(0.1));
      assertEquals(dtype, x.grad().dtype());
      float t = 0.1f;
      // Three adds of 0.1 into 0, in order, rounded in the dtype each time.
      double tenth = dtype == DType.FLOAT32 ? t : 0.1;
      double three = dtype == DType.FLOAT32 ? t + t + t : 0.1 + 0.1 + 0.1;
      assertArrayEquals(new double[] {0, 0, three, three, 0, 0, tenth, tenth}, x.grad().toDoubleArray());
    }
  }

  @Test
  void indexAddGradientsAreGradOutputAndItsSelection() {
    Tensor self = Tensor.zeros(DType.FLOAT64, 3).requiresGrad(true);
    Tensor source = Tensor.zeros(DType.FLOAT64, 4).requiresGrad(true);
    Tensor y = self.indexAdd(0, Tensor.of(new double[] {2, 0, 2, 2}), source);
    assertEquals("IndexAddBackward", y.gradFn().name());
    y.backward(Tensor.of(new double[] {10, 20, 30}));
    assertArrayEquals(new double[] {10, 20, 30}, self.grad().toDoubleArray());
    assertArrayEquals(new double[] {30, 10, 30, 30}, source.grad().toDoubleArray());
  }

  @Test
  void secondOrderThroughRepeatedIndices() {
    // f = sum(x[idx]^3) with idx = [0, 0, 1]: df/dx0 = 6 x0^2, d2f/dx0^2 = 12 x0.
    Tensor x = Tensor.of(new double[] {2, -1}).requiresGrad(true);
    Tensor f = x.indexSelect(0, Tensor.of(new double[] {0, 0, 1})).pow(3).sum();
    Tensor[] g = Autograd.grad(f, new Tensor[] {x}, null, true, true);
    assertArrayEquals(new double[] {24, 3}, g[0].toDoubleArray());
    g[0].sum().backward();
    assertArrayEquals(new double[] {24, -6}, x.grad().toDoubleArray());
  }

  @Test
  void anIndexThatRequiresGradIsRefusedBeforeAnyWork() {
    Tensor x = Tensor.zeros(DType.FLOAT64, 3).requiresGrad(true);
    Tensor index = Tensor.of(new double[] {0, 1}).requiresGrad(true);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.indexSelect(0, index));
    assertTrue(e.getMessage().startsWith("indexSelect: the index holds positions"), e.getMessage());
    assertTrue(e.getMessage().contains("index.detach()"), e.getMessage());
    IllegalArgumentException add = assertThrows(IllegalArgumentException.class,
        () -> x.indexAdd(0, index, Tensor.ones(DType.FLOAT64, 2)));
    assertTrue(add.getMessage().startsWith("indexAdd: the index holds positions"), add.getMessage());
    assertNull(x.grad());
    // The detached index works.
    assertArrayEquals(new double[] {0, 0}, x.indexSelect(0, index.detach()).toDoubleArray());
  }

  @Test
  void whereSendsNoGradientToTheConditionAndNoNaNThroughInfinities() {
    Tensor cond = Tensor.of(new double[] {1, 0, 1}).requiresGrad(true);
    Tensor a = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
    Tensor b = Tensor.of(new double[] {Double.POSITIVE_INFINITY});
    Tensor y = Tensor.where(cond, a.mul(2), b);
    assertEquals("WhereBackward", y.gradFn().name());
    y.sum().backward();
    assertArrayEquals(new double[] {2, 0, 2}, a.grad().toDoubleArray());
    assertNull(cond.grad(), "the condition is no input of the graph");
    Tensor scores = Tensor.of(new double[][] {{1, 2, 3}, {0, 5, 1}}).requiresGrad(true);
    Tensor mask = Tensor.of(new double[][] {{0, 1, 0}, {1, 0, 0}});
    Tensor p = scores.maskedFill(mask, Double.NEGATIVE_INFINITY).softmax(1);
    p.mul(Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}})).sum().backward();
    for (double v : p.toDoubleArray()) {
      assertFalse(Double.isNaN(v));
    }
    double[] grad = scores.grad().toDoubleArray();
    assertEquals(0.0, grad[1]);
    assertEquals(0.0, grad[3]);
    for (double v : grad) {
      assertFalse(Double.isNaN(v));
    }
  }

  @Test
  void noGraphWhenNothingRequiresGrad() {
    Tensor y = Tensor.where(Tensor.of(new double[] {1}).requiresGrad(true), Tensor.ones(2), Tensor.zeros(2));
    assertNull(y.gradFn(), "a condition that requires grad does not make where record");
    assertNull(Tensor.ones(3).indexSelect(0, Tensor.of(new double[] {0})).gradFn());
  }

  /** A 1-D index of length 0..5 into a dim of {@code size}, FLOAT32 or FLOAT64, sometimes a strided view. */
  static Tensor index(Generator g, int size) {
    int n = Gen.intIn(g, 0, 5);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = g.nextInt(size);
    }
    Tensor t = Gen.bool(g) ? Tensor.of(v) : Tensor.of(v).to(DType.FLOAT32);
    return Gen.bool(g) ? Gen.relayout(g, t) : t;
  }

  /** Zeros and nonzeros (1, -2.5 or NaN, all of which mean true) of {@code shape}, sometimes FLOAT32. */
  static Tensor condition(Generator g, int[] shape) {
    Tensor t = Gen.tensor(g, DType.FLOAT64, shape, Values.uniform(0, 1));
    double[] v = t.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = v[i] < 0.5 ? 0 : Gen.oneOf(g, 1.0, -2.5, Double.NaN);
    }
    Tensor c = Tensor.of(v, shape);
    return Gen.bool(g) ? c.to(DType.FLOAT32) : c;
  }

  /** {@code mask} with the first entry of every last-dim row cleared, so softmax has a finite entry per row. */
  private static Tensor keepOnePerRow(Tensor mask) {
    double[] v = mask.toDoubleArray();
    int last = mask.shape()[mask.dim() - 1];
    for (int i = 0; i < v.length; i += last) {
      v[i] = 0;
    }
    return Tensor.of(v, mask.shape());
  }
}
