package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * A lookup table: indices of any shape (whole numbers in a FLOAT32/FLOAT64 tensor) to rows of
 * {@code weight} [numEmbeddings, dim], giving [..., dim]. PyTorch's default init: N(0, 1).
 *
 * <pre>{@code
 * Embedding tokens = new Embedding(1000, 64);
 * Tensor e = tokens.forward(Tensor.of(new double[][] {{3, 14, 15}}));   // [1, 3, 64]
 * }</pre>
 */
public final class Embedding extends Module {
  private final int numEmbeddings;
  private final int dim;
  private final Tensor weight;

  public Embedding(int numEmbeddings, int dim) {
    this(numEmbeddings, dim, Init.defaultGenerator());
  }

  public Embedding(int numEmbeddings, int dim, Generator generator) {
    checkArgument(numEmbeddings > 0 && dim > 0, "Embedding: sizes must be positive, got %s x %s", numEmbeddings, dim);
    checkNotNull(generator, "Embedding: generator is null");
    this.numEmbeddings = numEmbeddings;
    this.dim = dim;
    this.weight = parameter("weight", Init.normal(Tensor.zeros(numEmbeddings, dim), 0, 1, generator));
  }

  public Tensor weight() {
    return weight;
  }

  @Override
  public Tensor forward(Tensor indices) {
    checkNotNull(indices, "%s: indices is null", describe());
    double[] v = indices.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      checkArgument(v[i] >= 0 && v[i] < numEmbeddings && v[i] == Math.rint(v[i]),
          "%s: index %s at flat position %s of indices %s is out of range; indices must be whole numbers in [0, %s)",
          describe(), v[i], i, Arrays.toString(indices.shape()), numEmbeddings);
    }
    return F.embedding(indices.detach(), weight);
  }

  @Override
  protected String summary() {
    return "Embedding " + numEmbeddings + " x " + dim;
  }

  @Override
  protected String extraRepr() {
    return numEmbeddings + ", " + dim;
  }
}
