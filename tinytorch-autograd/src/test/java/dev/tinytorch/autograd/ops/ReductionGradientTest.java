package dev.tinytorch.autograd.ops;

import static dev.tinytorch.autograd.ops.GradProperty.c;
import static dev.tinytorch.autograd.ops.GradProperty.shape;
import static dev.tinytorch.autograd.ops.GradProperty.x;

import dev.tinytorch.autograd.ops.GradProperty.Spec;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Gradient properties of reductions and softmax: single, several and all dims, with and without keepDim. */
class ReductionGradientTest {
  /** A reduction over random dims (or all of them) with random keepDim. */
  private static Spec reduction(String op, UnaryOperator<Tensor> all, Over over, boolean distinctValues, int minSize) {
    return new Spec(op, g -> {
      // var needs at least two elements per group (one is NaN with correction 1, as in PyTorch)
      int[] shape = Gen.shape(g, minSize > 1 ? 1 : 0, 3, minSize, 3);
      Tensor in = distinctValues
          ? Gen.distinct(g, DType.FLOAT64, shape, -2, 2).requiresGrad(true)
          : x(g, shape);
      boolean whole = Gen.chance(g, 0.25);
      int[] dims = Gen.dims(g, shape.length);
      boolean keepDim = Gen.bool(g);
      String what = op + (whole ? "()" : "(" + Arrays.toString(dims) + ", keepDim=" + keepDim + ")");
      return c(what, t -> whole ? all.apply(t[0]) : over.apply(t[0], dims, keepDim), in);
    });
  }

  /** A reduction over listed dims. */
  interface Over {
    Tensor apply(Tensor t, int[] dims, boolean keepDim);
  }

  private static Spec softmax(String op, boolean log) {
    return new Spec(op, g -> {
      int[] shape = Gen.shape(g, 1, 3, 1, 4);
      int dim = Gen.dim(g, shape.length);
      return c(op + "(" + dim + ")", t -> log ? t[0].logSoftmax(dim) : t[0].softmax(dim), x(g, shape));
    });
  }

  @TestFactory
  Stream<DynamicTest> reductions() {
    return GradProperty.tests(202,
        reduction("sum", t -> t.sum(), (t, d, k) -> t.sum(d, k), false, 1),
        reduction("mean", t -> t.mean(), (t, d, k) -> t.mean(d, k), false, 1),
        // Distinct values: max has no derivative at ties (see GradCheck's javadoc on kinks).
        reduction("max", t -> t.max(), (t, d, k) -> t.max(d, k), true, 1),
        reduction("min", t -> t.min(), (t, d, k) -> t.min(d, k), true, 1),
        reduction("var", t -> t.var(), (t, d, k) -> t.var(d, k ? 0 : 1, k), false, 2),
        softmax("softmax", false),
        softmax("logSoftmax", true),
        new Spec("sumToSize", g -> {
          int[] target = shape(g);
          int[] big = target.clone();
          for (int i = 0; i < big.length; i++) {
            if (big[i] == 1) {
              big[i] = Gen.intIn(g, 1, 3);
            }
          }
          int[] lead = Gen.shape(g, 0, 1, 1, 3);
          int[] full = new int[lead.length + big.length];
          System.arraycopy(lead, 0, full, 0, lead.length);
          System.arraycopy(big, 0, full, lead.length, big.length);
          return c("sumToSize " + Arrays.toString(full) + " -> " + Arrays.toString(target),
              t -> t[0].sumToSize(target), x(g, full));
        }));
  }
}
