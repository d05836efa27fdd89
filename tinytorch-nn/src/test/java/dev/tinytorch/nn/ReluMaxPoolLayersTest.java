package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.Autograd;
import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.autograd.functions.ReluMaxPool2dFunction;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import org.junit.jupiter.api.Test;

/**
 * A ReLU layer followed by a MaxPool2d layer in a Sequential, which runs as one node
 * ({@link F#reluMaxPool2d}), against the two layers applied one after the other: outputs and
 * gradients bit for bit (through a conv, as in the CNN), second-order gradients under createGraph,
 * the composition for FLOAT64, and the same refusals.
 */
class ReluMaxPoolLayersTest {
  /** Values with many ties and zeros, so that windows whose maximum is 0 are common. */
  private static Tensor input(Generator g, int... shape) {
    float[] v = Tensor.randn(g, shape).toFloatArray();
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.round(v[i] * 2) * 0.5f;
    }
    return Tensor.of(v, shape);
  }

  private static Tensor[] layered(Tensor x0, Tensor r, int kernel, int stride, boolean fused) {
    Tensor x = x0.detach().requiresGrad(true);
    Tensor y = fused ? new Sequential(new ReLU(), new MaxPool2d(kernel, stride)).forward(x)
        : new MaxPool2d(kernel, stride).forward(new ReLU().forward(x));
    y.mul(r).sum().backward();
    return new Tensor[] {y.detach(), x.grad()};
  }

  @Test
  void sequentialMatchesTheTwoLayersBitForBit() {
    Generator g = new Generator(404);
    for (int trial = 0; trial < 40; trial++) {
      int kernel = Gen.intIn(g, 1, 3);
      int stride = trial % 2 == 0 ? kernel : Gen.intIn(g, 1, 3);
      Tensor x = input(g, Gen.intIn(g, 1, 3), Gen.intIn(g, 1, 3), Gen.intIn(g, kernel, 9), Gen.intIn(g, kernel, 9));
      Tensor r = input(g, x.relu().maxPool2d(kernel, kernel, stride, stride).shape());
      Tensor[] fused = layered(x, r, kernel, stride, true);
      Tensor[] ref = layered(x, r, kernel, stride, false);
      assertTrue(fused[0].equal(ref[0]), "trial " + trial + ": output");
      assertTrue(fused[1].equal(ref[1]), "trial " + trial + ": gradient");
    }
  }

  @Test
  void recordsOneNodeAndMatchesThroughAConv() {
    Generator g = new Generator(7);
    Conv2d conv = new Conv2d(2, 4, 3, 1, 1, true, g);
    Tensor x = Tensor.randn(g, 3, 2, 8, 8);
    Sequential fused = new Sequential(conv, new ReLU(), new MaxPool2d(2));
    Tensor y = fused.forward(x);
    assertTrue(y.gradFn() instanceof ReluMaxPool2dFunction, String.valueOf(y.gradFn()));
    Tensor r = Tensor.randn(g, y.shape());
    y.mul(r).sum().backward();
    Tensor gw = conv.weight().grad().clone();
    Tensor gb = conv.bias().grad().clone();
    conv.zeroGrad();
    Tensor y2 = new MaxPool2d(2).forward(new ReLU().forward(conv.forward(x)));
    y2.mul(r).sum().backward();
    assertTrue(y.detach().equal(y2.detach()));
    assertTrue(gw.equal(conv.weight().grad()));
    assertTrue(gb.equal(conv.bias().grad()));
  }

  /** d/dx of sum((dL/dx)^2) with L = sum(pool(relu(x * s))^2) / 2; s a parameter so the second derivative is not zero. */
  private static Tensor[] secondOrder(Tensor x0, Tensor s0, boolean fused) {
    Tensor x = x0.detach().requiresGrad(true);
    Tensor s = s0.detach().requiresGrad(true);
    Tensor h = x.mul(s);
    Tensor y = fused ? F.reluMaxPool2d(h, 2, 2, 2, 2) : F.maxPool2d(F.relu(h), 2);
    Tensor loss = y.mul(y).sum().mul(0.5);
    Tensor[] g1 = Autograd.grad(loss, new Tensor[] {x}, null, true, true);
    Tensor z = g1[0].mul(g1[0]).sum();
    Tensor[] g2 = Autograd.grad(z, new Tensor[] {x, s}, null, false, false);
    return new Tensor[] {g1[0].detach(), g2[0], g2[1]};
  }

  @Test
  void secondOrderUnderCreateGraphMatchesTheComposition() {
    Generator g = new Generator(31);
    for (int trial = 0; trial < 10; trial++) {
      Tensor x = input(g, 2, 3, 6, 5);
      Tensor s = Tensor.randn(g, 1).add(1.5);
      Tensor[] fused = secondOrder(x, s, true);
      Tensor[] ref = secondOrder(x, s, false);
      for (int i = 0; i < fused.length; i++) {
        assertTrue(fused[i].equal(ref[i]), "trial " + trial + " gradient " + i);
      }
    }
  }

  @Test
  void otherDtypesAndNoGradTakeTheComposition() {
    Generator g = new Generator(2);
    Tensor x = input(g, 2, 2, 6, 6).to(DType.FLOAT64).requiresGrad(true);
    Tensor y = new Sequential(new ReLU(), new MaxPool2d(2)).forward(x);
    assertEquals(DType.FLOAT64, y.dtype());
    assertTrue(y.equal(x.relu().maxPool2d(2, 2, 2, 2)));
    Tensor f = input(g, 2, 2, 7, 5);
    try (var off = GradMode.off()) {
      Tensor p = new Sequential(new ReLU(), new MaxPool2d(3, 2)).forward(f.requiresGrad(true));
      assertTrue(p.equal(f.relu().maxPool2d(3, 3, 2, 2)));
      assertTrue(p.gradFn() == null);
    }
  }

  @Test
  void refusalsAreTheLayersOwn() {
    Sequential s = new Sequential(new ReLU(), new MaxPool2d(2));
    MaxPool2d pool = new MaxPool2d(2);
    Tensor flat = Tensor.zeros(2, 8, 8);
    IllegalArgumentException fused = assertThrows(IllegalArgumentException.class, () -> s.forward(flat));
    IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> pool.forward(flat));
    // The same text but for the layer's name, which in the Sequential carries its index.
    assertEquals(alone.getMessage().substring(alone.getMessage().indexOf(": expects")),
        fused.getMessage().substring(fused.getMessage().indexOf(": expects")));
    assertThrows(NullPointerException.class, () -> s.forward(null));
    assertThrows(IllegalArgumentException.class, () -> s.forward(Tensor.zeros(1, 1, 1, 1)));
  }
}
