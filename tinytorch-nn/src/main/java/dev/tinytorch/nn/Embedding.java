package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * A lookup table of {@code numEmbeddings} vectors of size {@code dim}, PyTorch's {@code nn.Embedding}:
 * indices of any shape give {@code [...indices.shape, dim]}. The weight [numEmbeddings, dim] starts from
 * N(0, 1) as PyTorch's. With a {@code paddingIdx} that row starts at zero and never gets a gradient (a
 * negative one counts from the end, as PyTorch's).
 *
 * <pre>{@code
 * Embedding tokens = new Embedding(1000, 64);
 * Tensor ids = Tensor.of(new double[][] {{5, 17, 5}, {0, 999, 3}});   // whole numbers, [B, T]
 * Tensor h = tokens.forward(ids);                                      // [2, 3, 64]
 * }</pre>
 *
 * <p>Indices are FLOAT32 or FLOAT64 tensors of whole numbers (there is no integer dtype); FLOAT32 holds
 * every index exactly up to 2^24.
 */
public final class Embedding extends Module {
  private final int numEmbeddings;
  private final int dim;
  private final Integer paddingIdx;
  private final Tensor weight;

  public Embedding(int numEmbeddings, int dim) {
    this(numEmbeddings, dim, null, Init.defaultGenerator());
  }

  public Embedding(int numEmbeddings, int dim, Generator generator) {
    this(numEmbeddings, dim, null, generator);
  }

  public Embedding(int numEmbeddings, int dim, int paddingIdx) {
    this(numEmbeddings, dim, paddingIdx, Init.defaultGenerator());
  }

  public Embedding(int numEmbeddings, int dim, int paddingIdx, Generator generator) {
    this(numEmbeddings, dim, Integer.valueOf(paddingIdx), generator);
  }

  private Embedding(int numEmbeddings, int dim, Integer paddingIdx, Generator generator) {
    checkArgument(numEmbeddings > 0 && dim > 0,
        "Embedding: numEmbeddings and dim must be positive, got %s x %s", numEmbeddings, dim);
    checkNotNull(generator, "Embedding: generator is null");
    if (paddingIdx != null) {
      checkArgument(paddingIdx >= -numEmbeddings && paddingIdx < numEmbeddings,
          "Embedding: paddingIdx %s is out of range for %s embeddings; pass one in [-%s, %s)",
          paddingIdx, numEmbeddings, numEmbeddings, numEmbeddings);
      paddingIdx = paddingIdx < 0 ? paddingIdx + numEmbeddings : paddingIdx;
    }
    this.numEmbeddings = numEmbeddings;
    this.dim = dim;
    this.paddingIdx = paddingIdx;
    Tensor w = Init.normal(Tensor.zeros(numEmbeddings, dim), 0, 1, generator);
    if (paddingIdx != null) {
      try (var off = GradMode.off()) {
        w.select(0, paddingIdx).fill(0);
      }
    }
    this.weight = parameter("weight", w);
  }

  /** The table [numEmbeddings, dim]. */
  public Tensor weight() {
    return weight;
  }

  public int numEmbeddings() {
    return numEmbeddings;
  }

  public int embeddingDim() {
    return dim;
  }

  /** The padding row (non-negative), or null without one. */
  public Integer paddingIdx() {
    return paddingIdx;
  }

  @Override
  public Tensor forward(Tensor indices) {
    checkNotNull(indices, "%s: indices are null", describe());
    double[] v = indices.toDoubleArray();
    for (int i = 0; i < v.length; i++) {
      double x = v[i];
      boolean whole = x == Math.rint(x);
      if (!whole || x < 0 || x >= numEmbeddings) {
        throw new IllegalArgumentException(describe() + ": index " + (whole && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x))
            + " at position " + position(i, indices.shape()) + " of the input " + Arrays.toString(indices.shape())
            + (whole ? " is out of range" : " is not a whole number") + "; indices must be whole numbers in [0, "
            + numEmbeddings + ")");
      }
    }
    return paddingIdx == null ? F.embedding(indices, weight) : F.embedding(indices, weight, paddingIdx);
  }

  private static String position(int flat, int[] shape) {
    int[] at = new int[shape.length];
    for (int d = shape.length - 1; d >= 0; d--) {
      at[d] = flat % shape[d];
      flat /= shape[d];
    }
    return Arrays.toString(at);
  }

  @Override
  protected String summary() {
    return "Embedding " + numEmbeddings + " x " + dim;
  }

  @Override
  protected String extraRepr() {
    return numEmbeddings + ", " + dim + (paddingIdx == null ? "" : ", padding_idx=" + paddingIdx);
  }
}
