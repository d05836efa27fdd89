package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.Init;
import dev.tinytorch.tensor.GeluApproximation;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Every layer as a function, PyTorch's {@code torch.nn.functional}: what a layer's {@code forward}
 * calls, for users who hold their own weights.
 *
 * <pre>{@code
 * Tensor h = F.relu(F.linear(x, w1, b1));            // w1 is [in, out]
 * Tensor loss = F.crossEntropy(F.linear(h, w2, b2), labels);
 * loss.backward();
 * }</pre>
 *
 * <p>Each function is composed from differentiable tensor ops (or one fused op where that is stable
 * or fast), so gradients, second-order ones included, come from the ops' backward rules.
 */
public final class F {
  private F() {}

  // ---------------------------------------------------------------- linear and activations

  /**
   * {@code x @ weight + bias} with weight [in, out] (TinyTorch's and DL4J's layout; PyTorch's is [out, in])
   * over any leading dims of x; bias [out] or null.
   */
  public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
    checkNotNull(x, "linear: input is null");
    checkNotNull(weight, "linear: weight is null");
    checkArgument(weight.dim() == 2, "linear: weight must be 2-D [in, out], got %s", Arrays.toString(weight.shape()));
    checkArgument(x.dim() >= 1 && x.size(-1) == weight.size(0),
        "linear: input %s does not end in the weight's in-features %s (weight %s is [in, out]); "
            + "reshape the input to [..., %s]", Arrays.toString(x.shape()), weight.size(0),
        Arrays.toString(weight.shape()), weight.size(0));
    Tensor y = x.matmul(weight);
    if (bias == null) {
      return y;
    }
    checkArgument(bias.dim() == 1 && bias.size(0) == weight.size(1),
        "linear: bias %s must be [%s], the weight's out-features", Arrays.toString(bias.shape()), weight.size(1));
    return y.add(bias);
  }

  public static Tensor relu(Tensor x) {
    return checkNotNull(x, "relu: input is null").relu();
  }

  /** {@code x} where positive, {@code slope * x} elsewhere; the gradient at 0 is {@code slope}, as PyTorch's. */
  public static Tensor leakyRelu(Tensor x, double slope) {
    checkNotNull(x, "leakyRelu: input is null");
    // The factor is a constant of x's sign, so the gradient is exactly 1 or slope.
    Tensor factor = x.gt(0).mul(1 - slope).add(slope);
    return x.mul(factor.to(x.dtype()));
  }

  public static Tensor sigmoid(Tensor x) {
    return checkNotNull(x, "sigmoid: input is null").sigmoid();
  }

  public static Tensor tanh(Tensor x) {
    return checkNotNull(x, "tanh: input is null").tanh();
  }

  /** The exact GELU, {@code x * Phi(x)} with the erf form, PyTorch's default. */
  public static Tensor gelu(Tensor x) {
    return checkNotNull(x, "gelu: input is null").gelu();
  }

  /** GELU in the exact (NONE) or tanh form. */
  public static Tensor gelu(Tensor x, GeluApproximation approximation) {
    return checkNotNull(x, "gelu: input is null").gelu(approximation);
  }

  public static Tensor softmax(Tensor x, int dim) {
    return checkNotNull(x, "softmax: input is null").softmax(dim);
  }

  /** {@code log(softmax(x))} computed stably in one op. */
  public static Tensor logSoftmax(Tensor x, int dim) {
    return checkNotNull(x, "logSoftmax: input is null").logSoftmax(dim);
  }

  // ---------------------------------------------------------------- dropout, normalisation, embedding (Normalization)

  /**
   * Inverted dropout, PyTorch's {@code F.dropout}: in training each element is zeroed with probability
   * {@code p} and the kept ones are scaled by {@code 1/(1-p)}, so the expected value is unchanged; with
   * {@code training} false or {@code p} 0 it returns {@code x} itself; {@code p} 1 gives zeros (NaN stays
   * NaN, as PyTorch's {@code x * 0}). The mask is drawn from {@code generator}, so a seed fixes it (PyTorch's
   * generator differs, so its masks are not reproduced).
   */
  public static Tensor dropout(Tensor x, double p, boolean training, Generator generator) {
    checkNotNull(x, "dropout: input is null");
    checkNotNull(generator, "dropout: generator is null");
    checkArgument(p >= 0 && p <= 1, "dropout: probability p must be in [0, 1], got %s", p);
    if (!training || p == 0) {
      return x;
    }
    if (p == 1) {
      return x.mul(0.0);
    }
    return Dropouts.apply(x, p, generator);
  }

  /** {@link #dropout(Tensor, double, boolean, Generator)} drawing from {@link Init#defaultGenerator()}. */
  public static Tensor dropout(Tensor x, double p, boolean training) {
    return dropout(x, p, training, Init.defaultGenerator());
  }

  /**
   * Layer normalisation over the trailing dims {@code normalizedShape}, PyTorch's {@code F.layer_norm}:
   * {@code (x - mean) / sqrt(var + eps) * weight + bias} with the biased variance; weight and bias have
   * shape {@code normalizedShape} and may be null (no affine step). PyTorch's eps is 1e-5.
   */
  public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
    checkNotNull(x, "layerNorm: input is null");
    checkNotNull(normalizedShape, "layerNorm: normalizedShape is null");
    return Normalization.layerNorm(x, normalizedShape.clone(), weight, bias, eps);
  }

  /**
   * Batch normalisation over dim 1 of {@code x} [N, C, ...], PyTorch's {@code F.batch_norm} with its argument
   * order. Training: normalise with the batch's mean and biased variance, and when the running statistics
   * are given update them in place, {@code running = (1 - momentum) * running + momentum * batch}, with the
   * UNBIASED batch variance (PyTorch's rule); at least 2 values per channel are needed. Evaluation:
   * normalise with the running statistics, which must then be given. Weight, bias and the running
   * statistics are [C] or null. PyTorch's defaults: momentum 0.1, eps 1e-5.
   */
  public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
      boolean training, double momentum, double eps) {
    checkNotNull(x, "batchNorm: input is null");
    return Normalization.batchNorm(x, runningMean, runningVar, weight, bias, training, momentum, eps);
  }

  /**
   * The rows of {@code weight} [numEmbeddings, dim] at {@code indices}, PyTorch's {@code F.embedding}:
   * indices of any shape (whole numbers, FLOAT32 or FLOAT64; there is no integer dtype) give
   * {@code [...indices.shape, dim]}. The weight's gradient sums the gradients of repeated indices. An
   * index that is negative, not whole or not below numEmbeddings is refused, naming its value and position.
   */
  public static Tensor embedding(Tensor indices, Tensor weight) {
    checkNotNull(indices, "embedding: indices is null");
    checkNotNull(weight, "embedding: weight is null");
    return Embeddings.lookup(indices, weight, null);
  }

  /**
   * {@link #embedding(Tensor, Tensor)} where the row {@code paddingIdx} (negative counts from the end, as
   * PyTorch's) is looked up as it is but gets no gradient.
   */
  public static Tensor embedding(Tensor indices, Tensor weight, int paddingIdx) {
    checkNotNull(indices, "embedding: indices is null");
    checkNotNull(weight, "embedding: weight is null");
    return Embeddings.lookup(indices, weight, paddingIdx);
  }

  // ---------------------------------------------------------------- convolution, pooling, attention (Spatial, Attention)

  // ---------------------------------------------------------------- losses (LossFunctions)
}
