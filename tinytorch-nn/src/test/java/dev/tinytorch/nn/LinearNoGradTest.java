package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * F.linear adds its bias in place into the product when nothing is recorded (GradMode.off(), or
 * no input requiring grad); the output must be bit for bit the recorded path's, for a batch of one
 * (the one-row GEMM path) and of several, and a bias of another dtype still promotes.
 */
class LinearNoGradTest {
  @Test
  @SuppressWarnings("try")
  void noGradOutputEqualsTheRecordedOne() {
    for (int batch : new int[] {1, 5}) {
      Linear layer = new Linear(784, 128, true, new Generator(5));
      Tensor x = Tensor.randn(new Generator(6), DType.FLOAT32, batch, 784);
      Tensor recorded = layer.forward(x);
      assertNotNull(recorded.gradFn(), "the parameters require grad");
      Tensor plain;
      try (var off = GradMode.off()) {
        plain = layer.forward(x);
      }
      assertNull(plain.gradFn());
      assertArrayEquals(recorded.toFloatArray(), plain.toFloatArray(), "batch " + batch);
      assertArrayEquals(new int[] {batch, 128}, plain.shape());
    }
  }

  @Test
  void biasOfAWiderDtypePromotes() {
    Tensor x = Tensor.of(new double[] {1, 2}, 1, 2).to(DType.FLOAT32);
    Tensor w = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2).to(DType.FLOAT32);
    Tensor b = Tensor.of(new double[] {0.1, 0.2});
    Tensor y = dev.tinytorch.nn.functional.F.linear(x, w, b);
    assertEquals(DType.FLOAT64, y.dtype());
    assertArrayEquals(new double[] {1 + (double) 0.1, 2 + (double) 0.2}, y.toDoubleArray(), 1e-7);
  }
}
