package dev.tinytorch.autograd.ops;

import dev.tinytorch.autograd.GradCheck;
import dev.tinytorch.autograd.TensorFunction;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Property;
import dev.tinytorch.tensor.testing.Values;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The gradient property every op must have: for seeded random shapes, layouts and values,
 * GradCheck (analytical vs central differences in float64) passes, to first and second order.
 */
final class GradProperty {
  /** Tries per op for the first-order check, and for the (slower) second-order check. */
  static final int TRIES = 200;
  static final int SECOND_ORDER_TRIES = 40;

  private GradProperty() {}

  /** One drawn case: what it computes, on which inputs. */
  record Case(String what, List<Tensor> inputs, TensorFunction f) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(what);
      for (int i = 0; i < inputs.size(); i++) {
        Tensor t = inputs.get(i);
        sb.append("\n  input ").append(i).append(": shape ").append(Arrays.toString(t.shape()))
            .append(" strides ").append(Arrays.toString(t.stride()))
            .append(t.requiresGrad() ? " (checked) " : " (constant) ")
            .append(Arrays.toString(t.toDoubleArray()));
      }
      return sb.toString();
    }
  }

  /** A named op with its case generator and the GradCheck settings it needs. */
  record Spec(String op, Function<Generator, Case> gen, GradCheck check, boolean secondOrder) {
    Spec(String op, Function<Generator, Case> gen) {
      this(op, gen, GradCheck.defaults(), true);
    }

    Spec firstOrderOnly() {
      return new Spec(op, gen, check, false);
    }

    Spec with(GradCheck c) {
      return new Spec(op, gen, c, secondOrder);
    }
  }

  static Case c(String what, TensorFunction f, Tensor... inputs) {
    return new Case(what, List.of(inputs), f);
  }

  /** A checked FLOAT64 input, in a random memory layout half the time (so backward sees views too). */
  static Tensor x(Generator g, int[] shape, Values values) {
    Tensor t = Gen.tensor(g, DType.FLOAT64, shape, values);
    return (Gen.bool(g) ? Gen.relayout(g, t) : t).requiresGrad(true);
  }

  static Tensor x(Generator g, int[] shape) {
    return x(g, shape, Values.uniform(-2, 2));
  }

  /** Shapes of rank 0..3 with sizes 1..3: every broadcasting and rank-0 corner, few elements. */
  static int[] shape(Generator g) {
    return Gen.shape(g, 3, 3);
  }

  static Stream<DynamicTest> tests(long seed, Spec... specs) {
    return Arrays.stream(specs).flatMap(s -> {
      DynamicTest first = DynamicTest.dynamicTest(s.op() + " gradient", () ->
          Property.check(s.op() + " gradient", TRIES, seed, s.gen(),
              cs -> s.check().assertGradients(cs.f(), cs.inputs().toArray(new Tensor[0]))));
      if (!s.secondOrder()) {
        return Stream.of(first);
      }
      DynamicTest second = DynamicTest.dynamicTest(s.op() + " second-order gradient", () ->
          Property.check(s.op() + " second-order gradient", SECOND_ORDER_TRIES, seed + 1, s.gen(),
              cs -> s.check().assertSecondOrder(cs.f(), cs.inputs().toArray(new Tensor[0]))));
      return Stream.of(first, second);
    });
  }
}
