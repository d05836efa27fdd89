package dev.tinytorch.nn.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A 1,000-layer MLP forward and backward (issue 15), with values known in closed form. */
@Timeout(30) // a super-linear walk would not finish; linear takes well under a second
class DeepMlpTest {
  @Test
  void thousandLayerMlpOfIdentitiesHasExactGradients() {
    int width = 4;
    List<Module> layers = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      layers.add(new Linear(width, width));
      layers.add(new ReLU());
    }
    Sequential mlp = new Sequential(layers.toArray(new Module[0]));
    mlp.to(DType.FLOAT64);
    try (var off = GradMode.off()) {
      for (Module m : layers) {
        if (m instanceof Linear) {
          ((Linear) m).weight().copyFrom(Tensor.eye(DType.FLOAT64, width, width));
          ((Linear) m).bias().fill(0);
        }
      }
    }
    assertEquals(1000 * (width * width + width), mlp.parameterCount());
    // positive inputs pass every ReLU, so the network is the identity
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 0.5, 0.25, 2, 8}, 2, width).to(DType.FLOAT64).requiresGrad(true);
    Tensor out = mlp.forward(x);
    assertArrayEquals(x.toDoubleArray(), out.toDoubleArray(), 0.0);
    out.sum().backward();
    assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1, 1, 1}, x.grad().toDoubleArray(), 0.0);
    // every layer sees the same input, so d sum / d W[i][j] = sum over the batch of x[b][i], and d b = 2
    double[] expectedW = new double[width * width];
    for (int i = 0; i < width; i++) {
      for (int j = 0; j < width; j++) {
        expectedW[i * width + j] = x.get(0, i) + x.get(1, i);
      }
    }
    for (Module m : layers) {
      if (m instanceof Linear) {
        assertArrayEquals(expectedW, ((Linear) m).weight().grad().toDoubleArray(), 0.0);
        assertArrayEquals(new double[] {2, 2, 2, 2}, ((Linear) m).bias().grad().toDoubleArray(), 0.0);
      }
    }
  }
}
