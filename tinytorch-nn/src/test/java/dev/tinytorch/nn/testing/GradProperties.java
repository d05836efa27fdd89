package dev.tinytorch.nn.testing;

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

/**
 * The gradient property of nn's layers and losses: for seeded random shapes and values, GradCheck
 * (analytical vs central differences in float64) passes for the input and every parameter.
 *
 * <pre>{@code
 * GradProperties.check("linear", 100, 7, g -> {
 *   int in = Gen.intIn(g, 1, 4), out = Gen.intIn(g, 1, 4);
 *   return GradProperties.of("linear " + in + "->" + out, t -> F.linear(t[0], t[1], t[2]),
 *       GradProperties.x(g, 2, in), GradProperties.x(g, in, out), GradProperties.x(g, out));
 * });
 * }</pre>
 */
public final class GradProperties {
  private GradProperties() {}

  /** One drawn case: what it computes, on which inputs (checked ones require grad). */
  public record Case(String what, TensorFunction f, List<Tensor> inputs) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(what);
      for (int i = 0; i < inputs.size(); i++) {
        Tensor t = inputs.get(i);
        sb.append("\n  input ").append(i).append(": shape ").append(Arrays.toString(t.shape()))
            .append(t.requiresGrad() ? " (checked) " : " (constant) ")
            .append(Arrays.toString(t.toDoubleArray()));
      }
      return sb.toString();
    }
  }

  public static Case of(String what, TensorFunction f, Tensor... inputs) {
    return new Case(what, f, List.of(inputs));
  }

  /** A checked FLOAT64 input with values in [-2, 2]. */
  public static Tensor x(Generator g, int... shape) {
    return x(g, Values.uniform(-2, 2), shape);
  }

  public static Tensor x(Generator g, Values values, int... shape) {
    return Gen.tensor(g, DType.FLOAT64, shape, values).requiresGrad(true);
  }

  /** First-order gradients over {@code tries} cases. */
  public static void check(String name, int tries, long seed, Function<Generator, Case> gen) {
    check(name, tries, seed, gen, GradCheck.defaults());
  }

  public static void check(String name, int tries, long seed, Function<Generator, Case> gen, GradCheck gc) {
    Property.check(name + " gradient", tries, seed, gen,
        c -> gc.assertGradients(c.f(), c.inputs().toArray(new Tensor[0])));
  }

  /** Second-order gradients (the gradient of the gradient) over {@code tries} cases. */
  public static void checkSecondOrder(String name, int tries, long seed, Function<Generator, Case> gen) {
    Property.check(name + " second-order gradient", tries, seed, gen,
        c -> GradCheck.defaults().assertSecondOrder(c.f(), c.inputs().toArray(new Tensor[0])));
  }
}
