package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** LayerNorm's defaults, dtypes and refusals; its values and gradients are in NormalizationGoldenTest and NormLayersGoldenTest. */
class LayerNormTest {
  @Test
  void defaultsArePyTorchs() {
    LayerNorm ln = new LayerNorm(4);
    assertEquals(List.of("weight", "bias"), List.copyOf(ln.namedParameters().keySet()));
    assertArrayEquals(new double[] {1, 1, 1, 1}, ln.weight().toDoubleArray());
    assertArrayEquals(new double[] {0, 0, 0, 0}, ln.bias().toDoubleArray());
    assertEquals(DType.FLOAT32, ln.weight().dtype());
    assertEquals(1e-5, ln.eps());
    assertEquals("LayerNorm((4,), eps=1.0E-5, elementwise_affine=true)", ln.toString());
    assertEquals("LayerNorm((2, 3), eps=1.0E-5, elementwise_affine=true)", new LayerNorm(new int[] {2, 3}).toString());
  }

  @Test
  void rowsComeOutWithMeanZeroAndVarianceOneInEitherDtype() {
    Tensor x = Tensor.randn(new Generator(4), DType.FLOAT64, 5, 16).mul(3).add(2);
    LayerNorm ln = new LayerNorm(16);
    Tensor y32 = ln.forward(x.to(DType.FLOAT32));
    assertEquals(DType.FLOAT32, y32.dtype());
    ln.to(DType.FLOAT64);
    Tensor y = ln.forward(x);
    assertEquals(DType.FLOAT64, y.dtype());
    double[] mean = y.mean(1, false).toDoubleArray();
    double[] var = y.var(new int[] {1}, 0, false).toDoubleArray();
    for (int i = 0; i < 5; i++) {
      assertEquals(0, mean[i], 1e-12);
      assertEquals(1, var[i], 1e-5);
    }
    assertArrayEquals(y.toDoubleArray(), y32.toDoubleArray(), 1e-5);
  }

  @Test
  void aWrongInputNamesTheLayerAndTheShapes() {
    Sequential model = new Sequential(new Linear(3, 4), new LayerNorm(4));
    var e = assertThrows(IllegalArgumentException.class, () -> model.get(1).forward(Tensor.zeros(2, 5)));
    assertTrue(e.getMessage().contains("1 (LayerNorm [4])"), e.getMessage());
    assertTrue(e.getMessage().contains("[2, 5]") && e.getMessage().contains("[..., 4]"), e.getMessage());
    var f = assertThrows(IllegalArgumentException.class,
        () -> F.layerNorm(Tensor.zeros(2, 3), new int[] {3, 2}, null, null, 1e-5));
    assertTrue(f.getMessage().startsWith("layerNorm:"), f.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> F.layerNorm(Tensor.zeros(2, 3), new int[] {3}, Tensor.ones(4), null, 1e-5));
    assertThrows(IllegalArgumentException.class, () -> new LayerNorm(0));
    assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[0]));
    assertThrows(IllegalArgumentException.class, () -> new LayerNorm(new int[] {3}, -1, true));
    assertThrows(NullPointerException.class, () -> new LayerNorm(3).forward(null));
  }

  @Test
  void withoutAffineItHasNoParameters() {
    LayerNorm ln = new LayerNorm(new int[] {2, 2}, 1e-5, false);
    assertEquals(0, ln.parameterCount());
    assertEquals(null, ln.weight());
    Tensor y = ln.forward(Tensor.of(new double[] {1, 2, 3, 4}, 1, 2, 2));
    assertEquals(0, y.mean().item(), 1e-12);
  }
}
