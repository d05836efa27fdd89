package dev.tinytorch.examples;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/** Lesson 3: a 2-16-1 network learns XOR with tensor ops, autograd and hand-written SGD. */
public final class Lesson03Xor {
  private Lesson03Xor() {}

  public static void main(String[] args) {
    run(2000, 1);
  }

  /** Trains and returns the final loss. */
  static double run(int steps, long seed) {
    System.out.println("== Lesson 3: XOR, 2-16-1, SGD ==");
    Generator g = new Generator(seed);
    Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
    Tensor w1 = Tensor.randn(g, DType.FLOAT32, 2, 16).mul(Math.sqrt(2.0 / 2)).requiresGrad(true);
    Tensor b1 = Tensor.zeros(16).requiresGrad(true);
    Tensor w2 = Tensor.randn(g, DType.FLOAT32, 16, 1).mul(Math.sqrt(1.0 / 16)).requiresGrad(true);
    Tensor b2 = Tensor.zeros(1).requiresGrad(true);
    Tensor[] params = {w1, b1, w2, b2};
    double lr = 0.5;
    double loss = Double.NaN;
    long t0 = System.nanoTime();
    for (int step = 0; step <= steps; step++) {
      Tensor hidden = x.matmul(w1).add(b1).relu();
      Tensor p = hidden.matmul(w2).add(b2).sigmoid();
      Tensor l = p.sub(y).square().mean();
      for (Tensor t : params) {
        t.zeroGrad();
      }
      l.backward();
      try (var off = GradMode.off()) {
        for (Tensor t : params) {
          t.addInPlace(t.grad(), -lr);
        }
      }
      loss = l.item();
      if (step % (steps / 4) == 0) {
        System.out.printf("step %5d  loss %.6f%n", step, loss);
      }
    }
    long us = (System.nanoTime() - t0) / 1000;
    System.out.printf("%d steps in %d ms (%.1f us/step)%n", steps, us / 1000, us / (double) steps);
    try (var off = GradMode.off()) {
      Tensor p = x.matmul(w1).add(b1).relu().matmul(w2).add(b2).sigmoid();
      System.out.println("predictions for 00, 01, 10, 11: " + p.reshape(-1));
    }
    return loss;
  }
}
