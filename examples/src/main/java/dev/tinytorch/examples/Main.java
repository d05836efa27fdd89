package dev.tinytorch.examples;

/**
 * The main job, run by the README's first command: the numbered lessons, then TinyTorch's milestones
 * built from tinytorch-nn's layers (perceptron, XOR, and an MLP and a CNN on the embedded TinyDigits).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Lesson01Tensors.run();
    System.out.println();
    Lesson02Autograd.run();
    System.out.println();
    Lesson03Xor.run(2000, 1);
    System.out.println();
    Milestone01Perceptron.run(1);
    System.out.println();
    Milestone02Xor.run(1);
    System.out.println();
    Milestone03DigitsMlp.runSeeds(1, 2, 3, 4, 5);
    System.out.println();
    Milestone04DigitsCnn.runSeeds(1, 2, 3);
  }
}
