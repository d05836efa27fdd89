package dev.tinytorch.autograd.ops;

import static dev.tinytorch.autograd.ops.GradProperty.c;
import static dev.tinytorch.autograd.ops.GradProperty.shape;
import static dev.tinytorch.autograd.ops.GradProperty.x;

import dev.tinytorch.autograd.ops.GradProperty.Spec;
import dev.tinytorch.tensor.Losses;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Values;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Gradient properties of matmul (every rank combination, broadcast batches) and the fused losses. */
class LossAndMatmulGradientTest {
  @TestFactory
  Stream<DynamicTest> matmulAndLosses() {
    return GradProperty.tests(404,
        new Spec("matmul", g -> {
          Gen.ShapePair p = Gen.matmulPair(g, 2, 3);
          return c("matmul " + p, t -> t[0].matmul(t[1]), x(g, p.a()), x(g, p.b()));
        }),
        new Spec("mseLoss", g -> {
          int[] s = shape(g);
          return c("mseLoss", t -> Losses.mse(t[0], t[1]), x(g, s), x(g, s));
        }),
        new Spec("binaryCrossEntropy", g -> {
          int[] s = shape(g);
          return c("binaryCrossEntropy", t -> Losses.binaryCrossEntropy(t[0], t[1]),
              x(g, s, Values.uniform(0.05, 0.95)), x(g, s, Values.uniform(0, 1)));
        }),
        new Spec("crossEntropy", g -> {
          int n = Gen.intIn(g, 1, 4);
          int classes = Gen.intIn(g, 1, 4);
          double[] target = new double[n];
          for (int i = 0; i < n; i++) {
            target[i] = g.nextInt(classes);
          }
          Tensor t = Tensor.of(target);
          return c("crossEntropy [" + n + ", " + classes + "]", in -> Losses.crossEntropy(in[0], in[1]),
              x(g, new int[] {n, classes}, Values.uniform(-3, 3)), t);
        }),
        new Spec("two-layer network", g -> {
          int batch = Gen.intIn(g, 1, 3);
          return c("relu(x @ W1 + b1) @ W2, mean squared",
              t -> t[0].matmul(t[1]).add(t[2]).tanh().matmul(t[3]).square().mean(),
              x(g, new int[] {batch, 3}), x(g, new int[] {3, 4}), x(g, new int[] {4}), x(g, new int[] {4, 2}));
        }));
  }
}
