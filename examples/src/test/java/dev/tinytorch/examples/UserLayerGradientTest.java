package dev.tinytorch.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.GradCheck;
import dev.tinytorch.nn.Module;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Copy this into your own suite: a random-input gradient property for a layer you wrote, once with the
 * project's seeded {@link Property} harness (from tinytorch-tensor's test-jar) and once with plain JUnit
 * {@code @ParameterizedTest}. Both hand {@link GradCheck} the layer's functional form, with the input AND the
 * parameters as FLOAT64 tensors that require grad, so every gradient the layer produces is proved against
 * finite differences. Replay a failing Property case with {@code -Dtinytorch.case=<case seed it printed>}.
 */
class UserLayerGradientTest {
  /** A gated linear unit, (x @ w + b) * sigmoid(x @ v): the kind of layer a user writes. */
  static final class GatedLinear extends Module {
    final Tensor w;
    final Tensor b;
    final Tensor v;

    GatedLinear(int in, int out, Generator g) {
      w = parameter("w", Tensor.randn(g, in, out).mul(1 / Math.sqrt(in)));
      b = parameter("b", Tensor.zeros(out));
      v = parameter("v", Tensor.randn(g, in, out).mul(1 / Math.sqrt(in)));
    }

    @Override
    public Tensor forward(Tensor x) {
      return apply(x, w, b, v);
    }

    /** The layer as a function of all its tensors: what GradCheck differentiates. */
    static Tensor apply(Tensor x, Tensor w, Tensor b, Tensor v) {
      return x.matmul(w).add(b).mul(x.matmul(v).sigmoid());
    }
  }

  /** One random case: the shapes drawn, then the tensors (as a record, so a failure prints it). */
  record Case(Tensor x, Tensor w, Tensor b, Tensor v) {}

  static Case draw(Generator g, int batch, int in, int out) {
    return new Case(Tensor.randn(g, DType.FLOAT64, batch, in).requiresGrad(true),
        Tensor.randn(g, DType.FLOAT64, in, out).requiresGrad(true),
        Tensor.randn(g, DType.FLOAT64, out).requiresGrad(true),
        Tensor.randn(g, DType.FLOAT64, in, out).requiresGrad(true));
  }

  static void assertGradientsMatch(Case c) {
    GradCheck.Result r = GradCheck.defaults()
        .check(in -> GatedLinear.apply(in[0], in[1], in[2], in[3]), c.x(), c.w(), c.b(), c.v());
    assertTrue(r.passed(), r.toString());
  }

  @Test
  void gradientsMatchFiniteDifferencesOnRandomShapes() {
    // 30 seeded cases; -Dtinytorch.seed=N explores others, -Dtinytorch.tries=10 runs ten times as many.
    Property.check("GatedLinear gradients", 30, 2026L,
        g -> draw(g, Gen.intIn(g, 1, 4), Gen.intIn(g, 1, 5), Gen.intIn(g, 1, 4)),
        UserLayerGradientTest::assertGradientsMatch);
  }

  @ParameterizedTest(name = "batch {0}, in {1}, out {2}, seed {3}")
  @CsvSource({"1, 1, 1, 1", "2, 3, 4, 2", "4, 5, 1, 3", "3, 2, 2, 4", "1, 5, 3, 5"})
  void gradientsMatchFiniteDifferences(int batch, int in, int out, long seed) {
    assertGradientsMatch(draw(new Generator(seed), batch, in, out));
  }

  @Test
  void theModuleUsesTheSameFunction() {
    GatedLinear layer = new GatedLinear(3, 2, new Generator(1));
    Tensor x = Tensor.randn(new Generator(2), 4, 3);
    assertTrue(layer.forward(x).equal(GatedLinear.apply(x, layer.w, layer.b, layer.v)));
  }
}
