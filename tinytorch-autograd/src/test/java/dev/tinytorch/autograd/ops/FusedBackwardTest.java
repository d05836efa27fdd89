package dev.tinytorch.autograd.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ReLU's and max pooling's backward take a fused kernel (GradKernels) when nothing is recorded and the
 * composed, differentiable form under createGraph; both must give the same gradient bit for bit.
 */
class FusedBackwardTest {
  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void reluFusedEqualsComposed(DType dtype) {
    // Exact zeros in the input exercise the subgradient choice at 0.
    assertSameGradients(dtype, new int[] {3, 5, 7}, Tensor::relu, true);
  }

  @ParameterizedTest
  @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
  void maxPoolFusedEqualsComposed(DType dtype) {
    // 3x3 windows at stride 2 overlap, so shared maxima add; ties come from the rounded inputs.
    assertSameGradients(dtype, new int[] {2, 3, 9, 11}, x -> x.maxPool2d(3, 3, 2, 2), true);
    assertSameGradients(dtype, new int[] {4, 2, 8, 6}, x -> x.relu().maxPool2d(2, 2, 2, 2), false);
  }

  private static void assertSameGradients(DType dtype, int[] shape, UnaryOperator<Tensor> f, boolean rounded) {
    Generator g = new Generator(17);
    Tensor base = Tensor.randn(g, shape).to(dtype);
    if (rounded) {   // whole numbers in [-2, 2]: many exact ties and zeros
      double[] v = new double[base.numel()];
      for (int i = 0; i < v.length; i++) {
        v[i] = g.nextInt(5) - 2;
      }
      base = Tensor.of(v, shape).to(dtype);
    }
    Tensor weights = Tensor.randn(g, f.apply(base).shape()).to(dtype);
    Tensor fusedX = base.clone().requiresGrad(true);
    f.apply(fusedX).mul(weights).sum().backward();
    Tensor composedX = base.clone().requiresGrad(true);
    Tensor loss = f.apply(composedX).mul(weights).sum();
    loss.backward(Tensor.ones(loss.dtype(), loss.shape()), false, true);
    assertArrayEquals(composedX.grad().toDoubleArray(), fusedX.grad().toDoubleArray(), 0.0);
  }
}
