package dev.tinytorch.autograd.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinytorch.autograd.Autograd;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deep and wide graphs stay linear (issue 15): each node runs once whatever the number of paths,
 * and nothing recurses. The asserts are on values; a quadratic or exponential walk would not finish
 * inside the suite's timeout (2^40 paths are 10^12 visits).
 */
@Timeout(30) // a super-linear walk would not finish; linear takes well under a second
class GraphScaleTest {
  @Test
  void hundredThousandChainedAddsGiveExactValueAndGradient() {
    Tensor x = Tensor.scalar(0.5, DType.FLOAT64).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 100_000; i++) {
      y = y.add(1.0);
    }
    assertEquals(100_000.5, y.item(), 0.0);
    y.backward();
    assertEquals(1.0, x.grad().item(), 0.0);
  }

  @Test
  void hundredThousandMixedOpsThroughAutogradGrad() {
    // y = x * (1 + 1e-5)^n computed one multiply at a time, then Autograd.grad (the other entry point)
    Tensor x = Tensor.of(new double[] {1, 2}).to(DType.FLOAT64).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 50_000; i++) {
      y = y.mul(1.00001).neg();
    }
    double scale = Math.pow(1.00001, 50_000);
    assertEquals(scale * 2, y.get(1), 1e-9 * scale);
    Tensor g = Autograd.grad(y.sum(), x, false)[0];
    assertEquals(scale, g.get(0), 1e-9 * scale);
    assertEquals(scale, g.get(1), 1e-9 * scale);
  }

  @Test
  void twoToTheFortyPathsThroughSharedNodes() {
    // 40 doublings of y = y + y: 2^40 paths from y to x, 40 nodes; a per-path walk would take hours.
    Tensor x = Tensor.scalar(1.0, DType.FLOAT64).requiresGrad(true);
    Tensor y = x;
    for (int i = 0; i < 40; i++) {
      y = y.add(y);
    }
    assertEquals(0x1p40, y.item(), 0.0);
    y.backward();
    assertEquals(0x1p40, x.grad().item(), 0.0);
  }

  @Test
  void twoToTheFortyPathsWithSecondOrderGradients() {
    // y = x^2, then 40 doublings; dy/dx = 2^41 x, d2y/dx2 = 2^41, through createGraph.
    Tensor x = Tensor.scalar(3.0, DType.FLOAT64).requiresGrad(true);
    Tensor y = x.square();
    for (int i = 0; i < 40; i++) {
      y = y.add(y);
    }
    Tensor dy = Autograd.grad(y, x, true)[0];
    assertEquals(0x1p41 * 3, dy.item(), 0.0);
    Tensor d2y = Autograd.grad(dy, x, false)[0];
    assertEquals(0x1p41, d2y.item(), 0.0);
  }

  @Test
  void wideFanOutAndFanIn() {
    // one leaf used by 100,000 ops whose results are summed: the leaf's gradient is their count
    Tensor x = Tensor.scalar(2.0, DType.FLOAT64).requiresGrad(true);
    Tensor[] parts = new Tensor[100_000];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = x.mul((double) (i % 3));
    }
    Tensor total = Tensor.stack(parts, 0).sum();
    assertEquals(2.0 * 99_999, total.item(), 0.0); // sum of i % 3 over 0..99999 is 99,999
    total.backward();
    assertEquals(99_999, x.grad().item(), 0.0);
  }
}
