package dev.tinytorch.autograd.ops;

import static dev.tinytorch.autograd.ops.GradProperty.c;
import static dev.tinytorch.autograd.ops.GradProperty.shape;
import static dev.tinytorch.autograd.ops.GradProperty.x;

import dev.tinytorch.autograd.ops.GradProperty.Spec;
import dev.tinytorch.tensor.GeluApproximation;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Values;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Gradient properties of the elementwise ops, broadcasting pairs included. */
class ElementwiseGradientTest {
  private static Spec binary(String op, java.util.function.BinaryOperator<dev.tinytorch.tensor.Tensor> f, Values bValues) {
    return new Spec(op, g -> {
      Gen.ShapePair p = Gen.broadcastPair(g, 3, 3);
      return c(op + " " + p, in -> f.apply(in[0], in[1]), x(g, p.a()), x(g, p.b(), bValues));
    });
  }

  private static Spec unary(String op, java.util.function.UnaryOperator<dev.tinytorch.tensor.Tensor> f, Values values) {
    return new Spec(op, g -> c(op, in -> f.apply(in[0]), x(g, shape(g), values)));
  }

  @TestFactory
  Stream<DynamicTest> elementwise() {
    Values any = Values.uniform(-2, 2);
    Values positive = Values.positive();
    Values nonZero = Values.uniform(-3, 3).awayFrom(0, 0.3);
    return GradProperty.tests(101,
        binary("add", (a, b) -> a.add(b), any),
        binary("sub", (a, b) -> a.sub(b), any),
        binary("mul", (a, b) -> a.mul(b), any),
        binary("div", (a, b) -> a.div(b), nonZero),
        // Random reals almost never come within eps of each other, so no ties in maximum/minimum.
        binary("maximum", (a, b) -> a.maximum(b), any),
        binary("minimum", (a, b) -> a.minimum(b), any),
        unary("add scalar", a -> a.add(1.5), any),
        unary("mul scalar", a -> a.mul(-2.5), any),
        unary("rsub scalar", a -> a.rsub(3.0), any),
        unary("div scalar", a -> a.div(4.0), any),
        unary("neg", a -> a.neg(), any),
        unary("pow 2", a -> a.pow(2), any),
        unary("pow 3", a -> a.pow(3), any),
        unary("pow 0.5", a -> a.pow(0.5), positive),
        unary("pow -1.5", a -> a.pow(-1.5), positive),
        unary("pow 1.7", a -> a.pow(1.7), positive),
        unary("square", a -> a.square(), any),
        unary("exp", a -> a.exp(), any),
        unary("log", a -> a.log(), positive),
        unary("sqrt", a -> a.sqrt(), positive),
        unary("abs", a -> a.abs(), nonZero),
        unary("tanh", a -> a.tanh(), any),
        unary("sigmoid", a -> a.sigmoid(), Values.uniform(-6, 6)),
        unary("relu", a -> a.relu(), nonZero),
        unary("gelu", a -> a.gelu(), Values.uniform(-4, 4)),
        unary("gelu tanh", a -> a.gelu(GeluApproximation.TANH), Values.uniform(-4, 4)),
        unary("erf", a -> a.erf(), Values.uniform(-3, 3)),
        unary("clamp", a -> a.clamp(-0.5, 0.7), any.awayFrom(-0.5, 0.05).awayFrom(0.7, 0.05)),
        unary("clampMin", a -> a.clampMin(0.25), any.awayFrom(0.25, 0.05)),
        unary("clampMax", a -> a.clampMax(-0.25), any.awayFrom(-0.25, 0.05)));
  }
}
