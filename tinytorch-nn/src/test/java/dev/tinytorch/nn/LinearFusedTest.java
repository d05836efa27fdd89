package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * F.linear on a 2-D input with a bias records one LinearFunction node; its output and its three
 * gradients must be bit for bit those of the two-op composition {@code x.matmul(w).add(b)} it
 * replaced, on the shapes of the benchmarks' small models and a ragged one.
 */
class LinearFusedTest {
  @Test
  void fusedLinearEqualsMatmulPlusBiasBitForBit() {
    int[][] shapes = {{32, 64, 256}, {32, 256, 10}, {1, 784, 128}, {7, 13, 5}};
    for (int[] s : shapes) {
      Generator g = new Generator(s[0] * 31 + s[1]);
      Tensor x0 = Tensor.randn(g, DType.FLOAT32, s[0], s[1]);
      Tensor w0 = Tensor.randn(g, DType.FLOAT32, s[1], s[2]);
      Tensor b0 = Tensor.randn(g, DType.FLOAT32, s[2]);
      Tensor up = Tensor.randn(g, DType.FLOAT32, s[0], s[2]);
      Tensor[] fused = leaves(x0, w0, b0);
      Tensor yf = F.linear(fused[0], fused[1], fused[2]);
      assertEquals("LinearFunction", yf.gradFn().name());
      yf.mul(up).sum().backward();
      Tensor[] plain = leaves(x0, w0, b0);
      Tensor yp = plain[0].matmul(plain[1]).add(plain[2]);
      yp.mul(up).sum().backward();
      String what = java.util.Arrays.toString(s);
      assertArrayEquals(yp.toFloatArray(), yf.toFloatArray(), what + " output");
      for (int i = 0; i < 3; i++) {
        assertArrayEquals(plain[i].grad().toFloatArray(), fused[i].grad().toFloatArray(), what + " gradient " + i);
      }
    }
  }

  private static Tensor[] leaves(Tensor... ts) {
    Tensor[] out = new Tensor[ts.length];
    for (int i = 0; i < ts.length; i++) {
      out[i] = ts[i].clone().requiresGrad(true);
    }
    return out;
  }
}
