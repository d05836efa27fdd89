package dev.tinytorch.nn;

import static dev.tinytorch.nn.testing.GradProperties.of;
import static dev.tinytorch.nn.testing.GradProperties.x;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.testing.GradProperties;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Values;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Gradient properties of dropout, layer norm, batch norm and embedding over random shapes and values: the
 * input and every parameter, through F (GradCheck perturbs copies of its inputs, so the parameters are
 * passed in). Layer and batch norm in train mode are checked to second order too.
 */
class NormalizationGradientTest {
  private static final int TRIES = 100;

  /** Pairwise-distinct values, so no normalised group is near-constant (where 1/std blows up the differences). */
  private static Tensor spread(Generator g, int... shape) {
    return Gen.distinct(g, DType.FLOAT64, shape, -2, 2).requiresGrad(true);
  }

  private static Tensor around1(Generator g, int... shape) {
    return x(g, Values.uniform(0.5, 1.5), shape);
  }

  @Test
  void layerNorm() {
    GradProperties.check("layerNorm", TRIES, 31, g -> {
      int[] s = Gen.shape(g, 1, 3, 1, 4);
      int k = Gen.intIn(g, 1, s.length);
      int[] norm = Arrays.copyOfRange(s, s.length - k, s.length);
      double eps = Gen.oneOf(g, 1e-5, 1e-3, 0.1);
      String what = "layerNorm over " + Arrays.toString(norm) + " of " + Arrays.toString(s) + " eps " + eps;
      return switch (g.nextInt(3)) {
        case 0 -> of(what + " affine", t -> F.layerNorm(t[0], norm, t[1], t[2], eps),
            spread(g, s), around1(g, norm), x(g, norm));
        case 1 -> of(what + " weight only", t -> F.layerNorm(t[0], norm, t[1], null, eps),
            spread(g, s), around1(g, norm));
        default -> of(what + " no affine", t -> F.layerNorm(t[0], norm, null, null, eps), spread(g, s));
      };
    });
    GradProperties.checkSecondOrder("layerNorm", 30, 32, g -> {
      int[] s = Gen.shape(g, 1, 2, 2, 3);
      int[] norm = {s[s.length - 1]};
      return of("layerNorm over " + Arrays.toString(norm) + " of " + Arrays.toString(s),
          t -> F.layerNorm(t[0], norm, t[1], t[2], 1e-5), spread(g, s), around1(g, norm), x(g, norm));
    });
  }

  /** [N, C, spatial...] with at least 2 values per channel. */
  private static int[] batchShape(Generator g, int maxSpatial) {
    int rank = 2 + Gen.intIn(g, 0, maxSpatial);
    int[] s = new int[rank];
    for (int i = 0; i < rank; i++) {
      s[i] = Gen.intIn(g, 1, 3);
    }
    if (s[0] == 1 && Arrays.stream(s, 2, rank).allMatch(d -> d == 1)) {
      s[0] = 2;
    }
    return s;
  }

  @Test
  void batchNormTrain() {
    GradProperties.check("batchNorm train", TRIES, 41, g -> {
      int[] s = batchShape(g, 2);
      int c = s[1];
      String what = "batchNorm train " + Arrays.toString(s);
      if (Gen.bool(g)) {
        // The running statistics are updated on every evaluation; the output must not depend on them.
        Tensor rm = Tensor.zeros(DType.FLOAT64, c);
        Tensor rv = Tensor.ones(DType.FLOAT64, c);
        return of(what + " with running stats", t -> F.batchNorm(t[0], rm, rv, t[1], t[2], true, 0.1, 1e-5),
            spread(g, s), around1(g, c), x(g, c));
      }
      return of(what + " without running stats or affine",
          t -> F.batchNorm(t[0], null, null, null, null, true, 0.1, 1e-5), spread(g, s));
    });
    GradProperties.checkSecondOrder("batchNorm train", 30, 42, g -> {
      int[] s = batchShape(g, 1);
      if (Arrays.stream(s).reduce(1, (a, b) -> a * b) > 12) {
        s = new int[] {3, 2};
      }
      int c = s[1];
      return of("batchNorm train " + Arrays.toString(s),
          t -> F.batchNorm(t[0], null, null, t[1], t[2], true, 0.1, 1e-5), spread(g, s), around1(g, c), x(g, c));
    });
  }

  @Test
  void batchNormEval() {
    GradProperties.check("batchNorm eval", TRIES, 43, g -> {
      int[] s = batchShape(g, 2);
      int c = s[1];
      Tensor rm = Gen.tensor(g, DType.FLOAT64, new int[] {c}, Values.uniform(-1, 1));
      Tensor rv = Gen.tensor(g, DType.FLOAT64, new int[] {c}, Values.uniform(0.2, 2));
      return of("batchNorm eval " + Arrays.toString(s), t -> F.batchNorm(t[0], rm, rv, t[1], t[2], false, 0.1, 1e-5),
          x(g, s), x(g, c), x(g, c));
    });
  }

  @Test
  void dropoutWithAFixedMask() {
    GradProperties.check("dropout", TRIES, 51, g -> {
      int[] s = Gen.shape(g, 1, 3, 1, 4);
      double p = Gen.oneOf(g, 0.0, 0.2, 0.5, 0.9, 1.0);
      long seed = g.nextLong();
      // A fresh generator of the same seed on every evaluation: the same mask, so dropout is a fixed linear map.
      return of("dropout p " + p + " " + Arrays.toString(s), t -> F.dropout(t[0], p, true, new Generator(seed)),
          x(g, s));
    });
    GradProperties.checkSecondOrder("dropout", 20, 52, g -> {
      long seed = g.nextLong();
      return of("tanh(dropout)", t -> F.dropout(t[0], 0.4, true, new Generator(seed)).tanh(), x(g, 2, 3));
    });
  }

  @Test
  void embeddingWeight() {
    GradProperties.check("embedding", TRIES, 61, g -> {
      int num = Gen.intIn(g, 1, 5);
      int dim = Gen.intIn(g, 1, 3);
      int[] is = Gen.shape(g, 0, 2, 1, 4);
      double[] idx = new double[Arrays.stream(is).reduce(1, (a, b) -> a * b)];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = g.nextInt(num);
      }
      Tensor indices = Tensor.of(idx, is);
      if (Gen.bool(g)) {
        int pad = g.nextInt(num);
        // The padding row's zero gradient is a rule, not a derivative: with that row held at zero (as the
        // layer initialises it) the lookup no longer depends on it and GradCheck can check the rest.
        Tensor keep = Tensor.ones(DType.FLOAT64, num, 1);
        keep.select(0, pad).fill(0);
        return of("embedding " + num + " x " + dim + " padding " + pad + " at " + Arrays.toString(idx),
            t -> F.embedding(indices, t[0].mul(keep), pad), x(g, num, dim));
      }
      return of("embedding " + num + " x " + dim + " at " + Arrays.toString(idx),
          t -> F.embedding(indices, t[0]), x(g, num, dim));
    });
  }
}
