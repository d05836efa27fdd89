package dev.tinytorch.nn;

import static dev.tinytorch.nn.testing.GradProperties.of;
import static dev.tinytorch.nn.testing.GradProperties.x;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.testing.GradProperties;
import dev.tinytorch.tensor.GeluApproximation;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Values;
import org.junit.jupiter.api.Test;

/** Gradient properties of Linear (input, weight, bias; any leading dims) and the activation layers. */
class LayersGradientTest {
  private static final int TRIES = 100;

  private static int[] leading(dev.tinytorch.tensor.Generator g, int last) {
    int rank = Gen.intIn(g, 0, 2);
    int[] s = new int[rank + 1];
    for (int i = 0; i < rank; i++) {
      s[i] = Gen.intIn(g, 1, 3);
    }
    s[rank] = last;
    return s;
  }

  @Test
  void linearWithAndWithoutBias() {
    GradProperties.check("linear", TRIES, 11, g -> {
      int in = Gen.intIn(g, 1, 4);
      int out = Gen.intIn(g, 1, 4);
      int[] xs = leading(g, in);
      if (Gen.bool(g)) {
        return of("linear " + in + " -> " + out + " with bias", t -> F.linear(t[0], t[1], t[2]),
            x(g, xs), x(g, in, out), x(g, out));
      }
      return of("linear " + in + " -> " + out + " without bias", t -> F.linear(t[0], t[1], null),
          x(g, xs), x(g, in, out));
    });
    GradProperties.checkSecondOrder("linear", 30, 12, g -> {
      int in = Gen.intIn(g, 1, 3);
      int out = Gen.intIn(g, 1, 3);
      return of("tanh(linear) " + in + " -> " + out, t -> F.linear(t[0], t[1], t[2]).tanh(),
          x(g, leading(g, in)), x(g, in, out), x(g, out));
    });
  }

  @Test
  void activations() {
    Values awayFromKink = Values.uniform(-3, 3).awayFrom(0, 0.01);
    GradProperties.check("leakyRelu", TRIES, 21, g -> {
      double slope = Gen.oneOf(g, 0.01, 0.2, -0.5, 1.5);
      return of("leakyRelu slope " + slope, t -> F.leakyRelu(t[0], slope), x(g, awayFromKink, Gen.shape(g, 3, 3)));
    });
    GradProperties.check("activations", TRIES, 22, g -> {
      int which = g.nextInt(5);
      int[] s = Gen.shape(g, 3, 3);
      return switch (which) {
        case 0 -> of("sigmoid", t -> new Sigmoid().forward(t[0]), x(g, s));
        case 1 -> of("tanh", t -> new Tanh().forward(t[0]), x(g, s));
        case 2 -> of("gelu", t -> new GELU().forward(t[0]), x(g, s));
        case 3 -> of("gelu tanh", t -> new GELU(GeluApproximation.TANH).forward(t[0]), x(g, s));
        default -> of("relu", t -> new ReLU().forward(t[0]), x(g, awayFromKink, s));
      };
    });
    GradProperties.check("softmax layers", TRIES, 23, g -> {
      int[] s = Gen.shape(g, 1, 3, 1, 3);
      int dim = Gen.intIn(g, 0, s.length - 1);
      return Gen.bool(g)
          ? of("Softmax(" + dim + ")", t -> new Softmax(dim).forward(t[0]).mul(t[1]).sum(), x(g, s), x(g, s).detach())
          : of("LogSoftmax(" + dim + ")", t -> new LogSoftmax(dim).forward(t[0]).mul(t[1]).sum(), x(g, s), x(g, s).detach());
    });
  }

  @Test
  void leakyReluGradientAtZeroIsTheSlopeAsInPyTorch() {
    Tensor z = Tensor.of(new double[] {0.0}).requiresGrad(true);
    F.leakyRelu(z, 0.2).sum().backward();
    org.junit.jupiter.api.Assertions.assertEquals(0.2, z.grad().item(), 0.0);
  }
}
