package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** createGraph: gradients that are themselves differentiable. */
class HigherOrderTest {
  @Test
  void secondDerivativeOfACube() {
    Tensor x = Tensor.of(new double[] {3.0}).requiresGrad(true);
    Tensor dy = Autograd.grad(x.pow(3).sum(), x, true)[0];
    assertEquals(27.0, dy.item(), 1e-12); // 3x^2
    assertTrue(dy.requiresGrad());
    Tensor d2y = Autograd.grad(dy.sum(), x, false)[0];
    assertEquals(18.0, d2y.item(), 1e-12); // 6x
  }

  @Test
  void backwardWithCreateGraphLeavesADifferentiableGrad() {
    Tensor x = Tensor.of(new double[] {0.5, -1.0}).requiresGrad(true);
    x.tanh().sum().backward(Tensor.scalar(1.0, x.dtype()), false, true);
    Tensor g = x.grad(); // 1 - tanh^2
    assertTrue(g.requiresGrad());
    x.zeroGrad();
    g.sum().backward();
    // d/dx (1 - tanh^2 x) = -2 tanh x (1 - tanh^2 x)
    double[] expected = new double[2];
    double[] xs = {0.5, -1.0};
    for (int i = 0; i < 2; i++) {
      double t = Math.tanh(xs[i]);
      expected[i] = -2 * t * (1 - t * t);
    }
    assertArrayEquals(expected, x.grad().toDoubleArray(), 1e-12);
  }

  @Test
  void hessianVectorProduct() {
    // f(x) = sum(x_i^2 * x_j) over a 2-vector: f = x0^2 x1 ... use f = x0^2 * x1 + x1^3
    Tensor x = Tensor.of(new double[] {1.0, 2.0}).requiresGrad(true);
    Tensor x0 = x.select(0, 0);
    Tensor x1 = x.select(0, 1);
    Tensor f = x0.square().mul(x1).add(x1.pow(3));
    Tensor grad = Autograd.grad(f, x, true)[0]; // [2 x0 x1, x0^2 + 3 x1^2] = [4, 13]
    assertArrayEquals(new double[] {4, 13}, grad.toDoubleArray(), 1e-12);
    Tensor v = Tensor.of(new double[] {1.0, -1.0});
    Tensor hv = Autograd.grad(grad.mul(v).sum(), x, false)[0];
    // H = [[2 x1, 2 x0], [2 x0, 6 x1]] = [[4, 2], [2, 12]]; H v = [2, -10]
    assertArrayEquals(new double[] {2, -10}, hv.toDoubleArray(), 1e-12);
  }
}
