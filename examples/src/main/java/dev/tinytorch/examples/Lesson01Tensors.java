package dev.tinytorch.examples;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/** Lesson 1: tensors, broadcasting, views and reductions, printed as PyTorch would. */
public final class Lesson01Tensors {
  private Lesson01Tensors() {}

  public static void main(String[] args) {
    run();
  }

  static void run() {
    System.out.println("== Lesson 1: tensors ==");
    Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    System.out.println("x = " + x);
    System.out.println("x.shape() = " + java.util.Arrays.toString(x.shape()) + ", dtype " + x.dtype());

    Tensor bias = Tensor.of(new double[] {10, 20, 30});
    System.out.println("x + bias (broadcast [2,3] + [3]) = " + x.add(bias));

    Tensor xt = x.transpose(0, 1);
    System.out.println("x.transpose(0, 1) is a view, contiguous? " + xt.isContiguous() + " -> " + xt);
    System.out.println("x @ x^T = " + x.matmul(xt));
    System.out.println("x.sum(1) = " + x.sum(1) + ", x.mean() = " + x.mean().item());
    System.out.println("softmax of [1000, 0, -1000] stays finite: "
        + Tensor.of(new double[] {1000, 0, -1000}).softmax(0));

    Tensor r = Tensor.randn(new Generator(42), DType.FLOAT32, 2, 2);
    System.out.println("randn with seed 42 (the same on every machine) = " + r);
  }
}
