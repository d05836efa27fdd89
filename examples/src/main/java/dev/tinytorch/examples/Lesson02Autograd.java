package dev.tinytorch.examples;

import dev.tinytorch.tensor.Tensor;

/** Lesson 2: the seed's chain-rule example, L = (x*y + 5)^2, differentiated by the engine. */
public final class Lesson02Autograd {
  private Lesson02Autograd() {}

  public static void main(String[] args) {
    run();
  }

  static void run() {
    System.out.println("== Lesson 2: autograd ==");
    Tensor x = Tensor.of(new double[] {2.0}).requiresGrad(true);
    Tensor y = Tensor.of(new double[] {3.0}).requiresGrad(true);
    Tensor loss = x.mul(y).add(5).pow(2).sum();
    System.out.println("L = (x*y + 5)^2 = " + loss.item() + "  (grad_fn " + loss.gradFn().name() + ")");
    loss.backward();
    System.out.println("dL/dx = 2(xy+5) * y = " + x.grad().item() + "   (seed: 66)");
    System.out.println("dL/dy = 2(xy+5) * x = " + y.grad().item() + "   (seed: 44)");
  }
}
