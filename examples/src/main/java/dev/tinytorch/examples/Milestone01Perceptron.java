package dev.tinytorch.examples;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.Sigmoid;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * Milestone 1 (1957, Rosenblatt): a perceptron, one Linear(2, 1) and a sigmoid, separates two clouds of
 * points with a straight line, trained on binary cross-entropy with SGD (lr 0.5, full batch).
 */
public final class Milestone01Perceptron {
  private Milestone01Perceptron() {}

  public static void main(String[] args) {
    run(1);
  }

  /** Trains and returns the training accuracy. */
  static double run(long seed) {
    System.out.println("== Milestone 1: the perceptron (1957), Linear(2, 1) + Sigmoid ==");
    Generator g = new Generator(seed);
    int n = 100;
    // Two Gaussian clouds around (-1, -1) and (1, 1); labels 0 and 1.
    Tensor noise = Tensor.randn(g, n * 2, 2).mul(0.5);
    Tensor centres = Tensor.cat(new Tensor[] {Tensor.full(-1.0, n, 2), Tensor.full(1.0, n, 2)}, 0);
    Tensor x = centres.add(noise);
    Tensor y = Tensor.cat(new Tensor[] {Tensor.zeros(n, 1), Tensor.ones(n, 1)}, 0);
    Sequential perceptron = new Sequential(new Linear(2, 1, true, g), new Sigmoid());
    System.out.println(perceptron);
    Optimizer opt = new SGD(perceptron.parameters(), 0.5);
    long t0 = System.nanoTime();
    for (int epoch = 0; epoch <= 100; epoch++) {
      opt.zeroGrad();
      Tensor loss = F.binaryCrossEntropy(perceptron.forward(x), y);
      loss.backward();
      opt.step();
      if (epoch % 25 == 0) {
        System.out.printf("epoch %3d  loss %.4f%n", epoch, loss.item());
      }
    }
    double accuracy;
    try (var off = GradMode.off()) {
      accuracy = perceptron.forward(x).gt(0.5).eq(y).mean().item();
    }
    System.out.printf("seed %d: accuracy %.1f %% on %d points, 101 full-batch SGD steps in %.2f s%n", seed,
        100 * accuracy, 2 * n, (System.nanoTime() - t0) / 1e9);
    return accuracy;
  }
}
