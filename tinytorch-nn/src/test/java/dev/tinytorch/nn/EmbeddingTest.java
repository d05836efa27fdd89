package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Embedding's shapes, initialisation and refusals; values and gradients are in NormalizationGoldenTest and NormLayersGoldenTest. */
class EmbeddingTest {
  @Test
  void indicesOfAnyShapeGainADim() {
    Embedding emb = new Embedding(10, 4, new Generator(1));
    assertArrayEquals(new int[] {4}, emb.forward(Tensor.scalar(3)).shape());
    assertArrayEquals(new int[] {5, 4}, emb.forward(Tensor.of(new double[] {0, 1, 2, 3, 9})).shape());
    Tensor ids = Tensor.of(new float[] {1, 7, 7, 0, 2, 9}, 2, 1, 3);
    Tensor y = emb.forward(ids);
    assertArrayEquals(new int[] {2, 1, 3, 4}, y.shape());
    assertEquals(DType.FLOAT32, y.dtype());
    assertArrayEquals(emb.weight().select(0, 7).toDoubleArray(), y.select(0, 0).select(0, 0).select(0, 2).toDoubleArray());
    assertEquals("Embedding(10, 4)", emb.toString());
  }

  @Test
  void weightIsStandardNormalAndSeeded() {
    Embedding emb = new Embedding(1000, 100, new Generator(2));
    assertEquals(0, emb.weight().mean().item(), 0.01);
    assertEquals(1, emb.weight().var().item(), 0.02);
    assertArrayEquals(emb.weight().toDoubleArray(), new Embedding(1000, 100, new Generator(2)).weight().toDoubleArray());
    assertEquals(DType.FLOAT32, emb.weight().dtype());
  }

  @Test
  void paddingRowStartsAtZeroAndGetsNoGradient() {
    Embedding emb = new Embedding(5, 3, -1, new Generator(3));
    assertEquals(4, emb.paddingIdx());
    assertArrayEquals(new double[] {0, 0, 0}, emb.weight().select(0, 4).toDoubleArray(), 0.0);
    assertEquals("Embedding(5, 3, padding_idx=4)", emb.toString());
    Tensor y = emb.forward(Tensor.of(new double[] {4, 1, 4}));
    y.sum().backward();
    assertArrayEquals(new double[] {0, 0, 0}, emb.weight().grad().select(0, 4).toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {1, 1, 1}, emb.weight().grad().select(0, 1).toDoubleArray(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 3, 5));
    assertThrows(IllegalArgumentException.class, () -> new Embedding(5, 3, -6));
  }

  private static String refused(Module m, Tensor indices) {
    return assertThrows(IllegalArgumentException.class, () -> m.forward(indices)).getMessage();
  }

  @Test
  void badIndicesNameTheLayerTheValueThePositionAndTheRange() {
    final class Net extends Module {
      final Embedding tok = module("tok", new Embedding(10, 3));

      @Override
      public Tensor forward(Tensor x) {
        return tok.forward(x);
      }
    }
    Net net = new Net();
    String m = refused(net, Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 12}}));
    for (String s : new String[] {"tok (Embedding 10 x 3)", "index 12", "position [1, 2]", "out of range", "[0, 10)"}) {
      assertTrue(m.contains(s), "'" + s + "' in: " + m);
    }
    m = refused(net, Tensor.of(new double[] {0, -1}));
    assertTrue(m.contains("index -1") && m.contains("position [1]"), m);
    m = refused(net, Tensor.of(new double[] {2.5}));
    assertTrue(m.contains("index 2.5") && m.contains("not a whole number"), m);
    m = refused(net, Tensor.of(new double[] {Double.NaN}));
    assertTrue(m.contains("NaN"), m);
    m = refused(net, Tensor.of(new double[] {Double.POSITIVE_INFINITY}));
    assertTrue(m.contains("Infinity"), m);
    var f = assertThrows(IllegalArgumentException.class, () -> F.embedding(Tensor.of(new double[] {10}), Tensor.zeros(10, 2)));
    assertTrue(f.getMessage().startsWith("embedding: index 10 at position [0]"), f.getMessage());
    assertThrows(IllegalArgumentException.class, () -> F.embedding(Tensor.of(new double[] {0}), Tensor.zeros(10)));
    assertThrows(NullPointerException.class, () -> F.embedding(null, Tensor.zeros(10, 2)));
    assertThrows(IllegalArgumentException.class, () -> new Embedding(0, 3));
  }
}
