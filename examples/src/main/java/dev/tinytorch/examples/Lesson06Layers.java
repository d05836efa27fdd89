package dev.tinytorch.examples;

import dev.tinytorch.nn.Dropout;
import dev.tinytorch.nn.LayerNorm;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * Lesson 6: layers and modules. A model of your own subclasses {@link Module}, registers its parameters and
 * children in the constructor and writes {@code forward}; the rest (parameters, state dict with PyTorch's
 * dotted names, train/eval, describe, dtype conversion) comes with it.
 *
 * <pre>{@code
 * Module block = new Lesson06Layers.ResidualBlock(16, new Generator(0));
 * Tensor y = block.forward(x);   // x + mlp(norm(x))
 * }</pre>
 */
public final class Lesson06Layers {
  private Lesson06Layers() {}

  /** A pre-norm residual block, x + Linear(ReLU(Linear(LayerNorm(x)))), with a learned output scale. */
  static final class ResidualBlock extends Module {
    private final LayerNorm norm;
    private final Sequential mlp;
    private final Tensor scale;

    ResidualBlock(int dim, Generator g) {
      norm = module("norm", new LayerNorm(dim));
      mlp = module("mlp", new Sequential(new Linear(dim, 4 * dim, true, g), new ReLU(), new Dropout(0.1, g),
          new Linear(4 * dim, dim, true, g)));
      // A parameter of the block itself, next to its children's.
      scale = parameter("scale", Tensor.ones(dim));
    }

    @Override
    public Tensor forward(Tensor x) {
      return x.add(mlp.forward(norm.forward(x)).mul(scale));
    }
  }

  public static void main(String[] args) {
    run();
  }

  static void run() {
    System.out.println("== Lesson 6: layers and your own Module ==");
    ResidualBlock block = new ResidualBlock(8, new Generator(0));
    System.out.println(block);
    System.out.println(block.parameterCount() + " parameters, named as PyTorch names them:");
    block.namedParameters().forEach((name, p) -> System.out.println("  " + name + " " + java.util.Arrays.toString(
        p.shape())));
    Tensor x = Tensor.randn(new Generator(1), 2, 8);
    // Dropout is random in training mode and the identity in eval mode.
    Tensor a = block.forward(x);
    Tensor b = block.forward(x);
    block.eval();
    Tensor c = block.forward(x);
    Tensor d = block.forward(x);
    System.out.println("train mode, two calls equal: " + a.equal(b) + "; eval mode, two calls equal: " + c.equal(d));
    System.out.println("output shape " + java.util.Arrays.toString(c.shape()) + ", dtype " + c.dtype());
    block.to(dev.tinytorch.tensor.DType.FLOAT64);
    System.out.println("after to(FLOAT64): " + block.forward(x.to(dev.tinytorch.tensor.DType.FLOAT64)).dtype());
  }
}
