package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The seed's own tests (../shared/seed/autograd_dev.txt: test_unit_function_classes,
 * test_unit_tensor_autograd, test_module), ported. Expected values are the seed's.
 */
class SeedAutogradTest {
  private static Tensor t(double... v) {
    return Tensor.of(v).requiresGrad(true);
  }

  private static Tensor[] rule(Tensor out, Tensor gradOutput) {
    return ((Function) out.gradFn()).backward(gradOutput);
  }

  @Test
  void functionClasses() {
    Tensor a = t(1, 2, 3);
    Tensor b = t(4, 5, 6);
    Tensor ones = Tensor.of(new double[] {1, 1, 1});

    Tensor[] add = rule(a.add(b), ones);
    assertArrayEquals(new double[] {1, 1, 1}, add[0].toDoubleArray());
    assertArrayEquals(new double[] {1, 1, 1}, add[1].toDoubleArray());

    Tensor[] mul = rule(a.mul(b), ones);
    assertArrayEquals(new double[] {4, 5, 6}, mul[0].toDoubleArray());
    assertArrayEquals(new double[] {1, 2, 3}, mul[1].toDoubleArray());

    Tensor am = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
    Tensor bm = Tensor.of(new double[][] {{5, 6}, {7, 8}}).requiresGrad(true);
    Tensor[] mm = rule(am.matmul(bm), Tensor.ones(2, 2).to(am.dtype()));
    assertArrayEquals(new int[] {2, 2}, mm[0].shape());
    assertArrayEquals(new int[] {2, 2}, mm[1].shape());
    // ones @ B^T and A^T @ ones, worked by hand
    assertArrayEquals(new double[] {11, 15, 11, 15}, mm[0].toDoubleArray());
    assertArrayEquals(new double[] {4, 4, 6, 6}, mm[1].toDoubleArray());
  }

  @Test
  void tensorAutograd() {
    Tensor x = t(2.0);
    Tensor z = x.mul(3).add(1); // z = 3x + 1
    z.backward();
    assertArrayEquals(new double[] {3.0}, x.grad().toDoubleArray());

    Tensor a = Tensor.of(new double[][] {{1.0, 2.0}}).requiresGrad(true);
    Tensor b = Tensor.of(new double[][] {{3.0}, {4.0}}).requiresGrad(true);
    Tensor c = a.matmul(b);
    assertEquals(11.0, c.item());
    c.backward();
    assertArrayEquals(new double[] {3.0, 4.0}, a.grad().toDoubleArray());
    assertArrayEquals(new double[] {1.0, 2.0}, b.grad().toDoubleArray());

    Tensor x2 = t(1.0, 2.0);
    x2.mul(2).sum().backward();
    assertArrayEquals(new double[] {2.0, 2.0}, x2.grad().toDoubleArray());
  }

  @Test
  void moduleIntegration() {
    Tensor x = Tensor.of(new double[][] {{1.0, 2.0}}).requiresGrad(true);
    Tensor w1 = Tensor.of(new double[][] {{0.5, 0.3, 0.1}, {0.2, 0.4, 0.6}}).requiresGrad(true);
    Tensor b1 = Tensor.of(new double[][] {{0.1, 0.2, 0.3}}).requiresGrad(true);
    Tensor h1 = x.matmul(w1).add(b1);
    assertArrayEquals(new int[] {1, 3}, h1.shape());
    assertTrue(h1.requiresGrad());
    Tensor w2 = Tensor.of(new double[][] {{0.1}, {0.2}, {0.3}}).requiresGrad(true);
    Tensor h2 = h1.matmul(w2);
    assertArrayEquals(new int[] {1, 1}, h2.shape());
    Tensor loss = h2.mul(h2);
    loss.backward();
    for (Tensor p : new Tensor[] {x, w1, b1, w2}) {
      assertNotNull(p.grad());
      assertArrayEquals(p.shape(), p.grad().shape());
    }
    // h1 = [1.0, 1.3, 1.6], h2 = 0.1 + 0.26 + 0.48 = 0.84, dloss/dh2 = 1.68
    assertArrayEquals(new double[] {1.68 * 0.1, 1.68 * 0.2, 1.68 * 0.3}, b1.grad().toDoubleArray(), 1e-12);
    assertArrayEquals(new double[] {1.68, 1.3 * 1.68, 1.6 * 1.68}, w2.grad().toDoubleArray(), 1e-12);

    // gradient accumulation
    Tensor y = t(2.0);
    y.mul(3).backward();
    double first = y.grad().item();
    y.mul(5).backward();
    assertEquals(first + 5.0, y.grad().item());

    // ((a @ b) + a) * b, summed
    Tensor a = Tensor.of(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
    Tensor bb = Tensor.of(new double[][] {{2, 1}, {1, 2}}).requiresGrad(true);
    a.matmul(bb).add(a).mul(bb).sum().backward();
    // Checked with PyTorch 1.13 (float64). The upstream gradient of (a@b + a) is b, so
    // grad_a = b @ b^T + b = [[5,4],[4,5]] + [[2,1],[1,2]]
    assertArrayEquals(new double[] {7, 5, 5, 7}, a.grad().toDoubleArray(), 1e-12);
    // grad_b = (a@b + a) + a^T @ b = [[5,7],[13,15]] + [[5,7],[8,10]]
    assertArrayEquals(new double[] {10, 14, 21, 25}, bb.grad().toDoubleArray(), 1e-12);
  }
}
