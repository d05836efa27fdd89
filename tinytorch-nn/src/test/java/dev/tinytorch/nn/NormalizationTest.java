package dev.tinytorch.nn;

import static dev.tinytorch.nn.testing.GradProperties.of;
import static dev.tinytorch.nn.testing.GradProperties.x;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.testing.GradProperties;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LayerNorm, BatchNorm, Embedding and Dropout: gradient properties (input and every parameter), state
 * dicts, modes and bad input. Their PyTorch parity in training is TrainingParityTest's.
 */
class NormalizationTest {
  private static final int TRIES = 60;

  @Test
  void layerNormGradients() {
    GradProperties.check("layerNorm", TRIES, 31, g -> {
      int rows = Gen.intIn(g, 1, 3);
      int[] norm = Gen.bool(g) ? new int[] {Gen.intIn(g, 2, 4)} : new int[] {2, Gen.intIn(g, 1, 3)};
      int[] xs = norm.length == 1 ? new int[] {rows, norm[0]} : new int[] {rows, norm[0], norm[1]};
      return of("layerNorm " + java.util.Arrays.toString(xs), t -> F.layerNorm(t[0], norm, t[1], t[2], 1e-5),
          x(g, xs), x(g, norm), x(g, norm));
    });
    GradProperties.checkSecondOrder("layerNorm", 15, 32, g -> {
      int n = Gen.intIn(g, 2, 4);
      return of("layerNorm [2, " + n + "]", t -> F.layerNorm(t[0], new int[] {n}, t[1], null, 1e-5).tanh(),
          x(g, 2, n), x(g, n));
    });
  }

  @Test
  void batchNormGradientsInTrainingAndEval() {
    GradProperties.check("batchNorm train", TRIES, 33, g -> {
      int c = Gen.intIn(g, 1, 3);
      int[] xs = Gen.bool(g) ? new int[] {Gen.intIn(g, 2, 4), c} : new int[] {2, c, Gen.intIn(g, 1, 3), 2};
      return of("batchNorm train " + java.util.Arrays.toString(xs),
          t -> F.batchNorm(t[0], null, null, t[1], t[2], true, 0.1, 1e-5), x(g, xs), x(g, c), x(g, c));
    });
    GradProperties.checkSecondOrder("batchNorm train", 15, 34, g ->
        of("batchNorm train [3, 2]", t -> F.batchNorm(t[0], null, null, t[1], null, true, 0.1, 1e-5).tanh(),
            x(g, 3, 2), x(g, 2)));
    GradProperties.check("batchNorm eval", TRIES, 35, g -> {
      Tensor mean = Tensor.of(new double[] {0.5, -0.25});
      Tensor var = Tensor.of(new double[] {2.0, 0.5});
      return of("batchNorm eval", t -> F.batchNorm(t[0], mean, var, t[1], t[2], false, 0.1, 1e-5),
          x(g, 3, 2), x(g, 2), x(g, 2));
    });
  }

  @Test
  void embeddingGradientSumsRepeatedIndices() {
    GradProperties.check("embedding", TRIES, 36, g -> {
      int num = Gen.intIn(g, 1, 4);
      int n = Gen.intIn(g, 1, 5);
      double[] idx = new double[n];
      for (int i = 0; i < n; i++) {
        idx[i] = g.nextInt(num);
      }
      Tensor indices = Tensor.of(idx, Gen.bool(g) ? new int[] {n} : new int[] {1, n});
      return of("embedding " + java.util.Arrays.toString(idx), t -> F.embedding(indices, t[0]), x(g, num, 3));
    });
    Embedding e = new Embedding(4, 2, new Generator(1));
    e.to(DType.FLOAT64);
    Tensor out = e.forward(Tensor.of(new double[][] {{1, 3, 1}}));
    assertArrayEquals(new int[] {1, 3, 2}, out.shape());
    out.sum().backward();
    assertArrayEquals(new double[] {0, 0, 2, 2, 0, 0, 1, 1}, e.weight().grad().toDoubleArray(), 0.0);
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> e.forward(Tensor.of(new double[] {0, 4})));
    assertTrue(bad.getMessage().startsWith("Embedding 4 x 2: index 4 at position [1] of the input [2] is out of range"),
        bad.getMessage());
    assertThrows(IllegalArgumentException.class, () -> e.forward(Tensor.of(new double[] {0.5})));
    assertThrows(IllegalArgumentException.class, () -> e.forward(Tensor.of(new double[] {-1})));
  }

  @Test
  void batchNormStateDictModesAndDtypes() {
    BatchNorm2d bn = new BatchNorm2d(3);
    assertEquals(List.of("weight", "bias", "running_mean", "running_var", "num_batches_tracked"),
        List.copyOf(bn.stateDict().keySet()));
    assertEquals(0, bn.numBatchesTracked().dim());
    bn.to(DType.FLOAT64);
    assertEquals(DType.FLOAT64, bn.runningMean().dtype());
    bn.to(DType.FLOAT32);
    assertEquals(DType.FLOAT32, bn.runningMean().dtype());
    assertEquals(DType.FLOAT64, bn.numBatchesTracked().dtype(), "a count stays FLOAT64, as PyTorch's long");
    Tensor x = Tensor.randn(new Generator(2), 4, 3, 2, 2).mul(3).add(1);
    bn.forward(x);
    assertEquals(1.0, bn.numBatchesTracked().item(), 0.0);
    double[] meanAfterOne = bn.runningMean().toDoubleArray();
    bn.eval();
    bn.forward(x);
    assertArrayEquals(meanAfterOne, bn.runningMean().toDoubleArray(), 0.0, "eval leaves running stats alone");
    assertEquals(1.0, bn.numBatchesTracked().item(), 0.0);
  }

  @Test
  void refusedCallsNameTheLayerAndChangeNothing() {
    Sequential model = new Sequential(new Linear(4, 3), new BatchNorm1d(3));
    model.forward(Tensor.ones(2, 4));
    double[] mean = ((BatchNorm1d) model.get(1)).runningMean().toDoubleArray();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> model.get(1).forward(Tensor.ones(2, 5)));
    assertEquals("1 (BatchNorm1d 3): expects 3 channels in dim 1, got 5 in input [2, 5]; the layer was built for 3 features",
        e.getMessage());
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> model.forward(Tensor.ones(1, 4)));
    assertTrue(one.getMessage().contains("more than 1 value per channel"), one.getMessage());
    assertArrayEquals(mean, ((BatchNorm1d) model.get(1)).runningMean().toDoubleArray(), 0.0);
    assertEquals(1.0, ((BatchNorm1d) model.get(1)).numBatchesTracked().item(), 0.0);
    IllegalArgumentException ln = assertThrows(IllegalArgumentException.class,
        () -> new LayerNorm(4).forward(Tensor.ones(2, 3)));
    assertTrue(ln.getMessage().startsWith("LayerNorm [4]: expects input [..., 4], got [2, 3]"), ln.getMessage());
  }

  @Test
  void dropoutIsInvertedSeededAndIdentityInEval() {
    Tensor x = Tensor.ones(DType.FLOAT64, 200, 100);
    Dropout d = new Dropout(0.3, new Generator(4));
    Tensor y = d.forward(x);
    double zeros = y.eq(0).mean().item();
    assertEquals(0.3, zeros, 0.02);
    assertEquals(1.0, y.mean().item(), 0.03, "inverted scaling keeps the mean");
    for (double v : y.toDoubleArray()) {
      assertTrue(v == 0 || Math.abs(v - 1 / 0.7) < 1e-12, "kept values are scaled by 1/(1-p): " + v);
    }
    assertTrue(y.equal(new Dropout(0.3, new Generator(4)).forward(x)), "the same seed gives the same mask");
    d.eval();
    assertSame(x, d.forward(x));
    assertEquals(0.0, F.dropout(x, 1.0, true, new Generator(1)).abs().sum().item(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5));
    Tensor leaf = Tensor.ones(DType.FLOAT64, 50).requiresGrad(true);
    Tensor out = F.dropout(leaf, 0.5, true, new Generator(3));
    out.sum().backward();
    assertArrayEquals(out.toDoubleArray(), leaf.grad().toDoubleArray(), 0.0, "gradient is the mask");
  }
}
