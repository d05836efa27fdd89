package dev.tinytorch.examples;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.Sigmoid;
import dev.tinytorch.nn.Tanh;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * Milestone 2 (1969, Minsky and Papert's objection, and its answer): no single line separates XOR, but a
 * hidden layer does. Linear(2, 4) - Tanh - Linear(4, 1) - Sigmoid, binary cross-entropy, plain SGD.
 */
public final class Milestone02Xor {
  private Milestone02Xor() {}

  public static void main(String[] args) {
    run(1);
  }

  /** Trains and returns the accuracy on the four XOR points. */
  static double run(long seed) {
    System.out.println("== Milestone 2: XOR (1969) with one hidden layer ==");
    Generator g = new Generator(seed);
    Tensor x = Tensor.of(new float[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
    Tensor y = Tensor.of(new float[][] {{0}, {1}, {1}, {0}});
    Sequential mlp = new Sequential(new Linear(2, 4, true, g), new Tanh(), new Linear(4, 1, true, g), new Sigmoid());
    System.out.println(mlp);
    Tensor p = null;
    for (int step = 0; step <= 2000; step++) {
      p = mlp.forward(x);
      Tensor loss = F.binaryCrossEntropy(p, y);
      mlp.zeroGrad();
      loss.backward();
      try (var off = GradMode.off()) {
        for (Tensor t : mlp.parameters()) {
          t.addInPlace(t.grad(), -1.0);
        }
      }
      if (step % 500 == 0) {
        System.out.printf("step %4d  loss %.4f%n", step, loss.item());
      }
    }
    double accuracy;
    try (var off = GradMode.off()) {
      p = mlp.forward(x);
      accuracy = p.gt(0.5).eq(y).mean().item();
    }
    System.out.println("predictions " + java.util.Arrays.toString(p.toFloatArray()) + " for targets [0, 1, 1, 0]");
    System.out.printf("accuracy %.0f %%%n", 100 * accuracy);
    return accuracy;
  }
}
