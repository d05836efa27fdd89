package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Losses reaches the kernels through the op table (the plain one in this module). */
class LossesTest {
  @Test
  void dispatchesToTheKernels() {
    Tensor p = Tensor.of(new double[] {1.0, 2.0, -0.5});
    Tensor t = Tensor.of(new double[] {0.5, 2.5, 0.0});
    assertEquals(0.25, Losses.mse(p, t).item(), 1e-15); // (0.25 + 0.25 + 0.25) / 3
    Tensor logits = Tensor.of(new double[][] {{0.0, 0.0}});
    assertEquals(Math.log(2), Losses.crossEntropy(logits, Tensor.of(new double[] {1})).item(), 1e-15);
    Tensor prob = Tensor.of(new double[] {0.5});
    assertEquals(Math.log(2), Losses.binaryCrossEntropy(prob, Tensor.of(new double[] {1.0})).item(), 1e-15);
  }
}
