package dev.tinytorch.examples;

/**
 * The main job, run by the README's first command: the numbered lessons in order. (The nn work
 * turns this into training on the embedded TinyDigits data.)
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Lesson01Tensors.run();
    System.out.println();
    Lesson02Autograd.run();
    System.out.println();
    Lesson03Xor.run(2000, 1);
  }
}
