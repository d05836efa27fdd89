package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.autograd.functions.LinearFunction;
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
    // Messages are built only on failure: formatting the shapes on every call was a tenth of a
    // batch-1 prediction.
    if (weight.dim() != 2) {
      throw new IllegalArgumentException(
          "linear: weight must be 2-D [in, out], got " + Arrays.toString(weight.shape()));
    }
    if (x.dim() < 1 || x.size(-1) != weight.size(0)) {
      throw new IllegalArgumentException(String.format(
          "linear: input %s does not end in the weight's in-features %s (weight %s is [in, out]); "
              + "reshape the input to [..., %s]", Arrays.toString(x.shape()), weight.size(0),
          Arrays.toString(weight.shape()), weight.size(0)));
    }
    if (bias != null && (bias.dim() != 1 || bias.size(0) != weight.size(1))) {
      throw new IllegalArgumentException(String.format("linear: bias %s must be [%s], the weight's out-features",
          Arrays.toString(bias.shape()), weight.size(1)));
    }
    if (bias != null && x.dim() == 2 && bias.dtype() == x.dtype() && weight.dtype() == x.dtype()
        && GradMode.isEnabled() && (x.requiresGrad() || weight.requiresGrad() || bias.requiresGrad())) {
      // One node for the layer (see LinearFunction): no broadcast add and no AddBackward.
      return new LinearFunction().apply(x, weight, bias);
    }
    Tensor y = x.matmul(weight);
    if (bias == null) {
      return y;
    }
    if (bias.dtype() == y.dtype() && !(GradMode.isEnabled() && (x.requiresGrad() || weight.requiresGrad()
        || bias.requiresGrad()))) {
      // Nothing to record (a prediction under GradMode.off()): add the bias into the product's
      // fresh result, the same sums as y.add(bias) without the broadcast and a second [.., out].
      return y.addInPlace(bias);
    }
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

  /**
   * 2-D convolution of NCHW {@code x} [N, C, H, W] with {@code weight} [out, C, kh, kw] (PyTorch's
   * layout), zero {@code padding} on every side and the same {@code stride} both ways; {@code bias}
   * [out] or null. Output [N, out, (H + 2p - kh) / s + 1, (W + 2p - kw) / s + 1], as
   * {@code torch.nn.functional.conv2d(x, weight, bias, stride, padding)}. Runs as im2col
   * ({@code Conv.unfold}) and one batched matrix product.
   */
  public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias, int stride, int padding) {
    return Convolution.conv2d(x, weight, bias, stride, padding);
  }

  /** {@link #conv2d(Tensor, Tensor, Tensor, int, int)} with stride 1 and no padding. */
  public static Tensor conv2d(Tensor x, Tensor weight, Tensor bias) {
    return Convolution.conv2d(x, weight, bias, 1, 0);
  }

  /**
   * Max pooling of NCHW {@code x} over {@code kernel x kernel} windows with stride {@code kernel}
   * (PyTorch's default), no padding, floor mode: [N, C, H, W] -> [N, C, (H - k) / k + 1, (W - k) / k + 1].
   * The gradient goes to each window's first maximal element, as in PyTorch.
   */
  public static Tensor maxPool2d(Tensor x, int kernel) {
    return Pooling.maxPool2d(x, kernel, kernel, kernel, kernel);
  }

  /** Max pooling with {@code kernel x kernel} windows moving {@code stride} both ways (overlapping when {@code stride < kernel}). */
  public static Tensor maxPool2d(Tensor x, int kernel, int stride) {
    return Pooling.maxPool2d(x, kernel, kernel, stride, stride);
  }

  /** Max pooling with a {@code kernelH x kernelW} window moving {@code strideH} rows and {@code strideW} columns. */
  public static Tensor maxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
    return Pooling.maxPool2d(x, kernelH, kernelW, strideH, strideW);
  }

  /**
   * {@code maxPool2d(relu(x), kernelH, kernelW, strideH, strideW)} with the same values and
   * gradients, in one pass and one recorded node for FLOAT32 (the ReLU's output is never made;
   * the backward is one scatter). {@link dev.tinytorch.nn.Sequential} uses it for a ReLU layer
   * followed by a MaxPool2d layer.
   */
  public static Tensor reluMaxPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
    return Pooling.reluMaxPool2d(x, kernelH, kernelW, strideH, strideW);
  }

  /**
   * Average pooling of NCHW {@code x} over {@code kernel x kernel} windows with stride {@code kernel}
   * (PyTorch's default), no padding, floor mode.
   */
  public static Tensor avgPool2d(Tensor x, int kernel) {
    return Pooling.avgPool2d(x, kernel, kernel, kernel, kernel);
  }

  /** Average pooling with {@code kernel x kernel} windows moving {@code stride} both ways. */
  public static Tensor avgPool2d(Tensor x, int kernel, int stride) {
    return Pooling.avgPool2d(x, kernel, kernel, stride, stride);
  }

  /** Average pooling with a {@code kernelH x kernelW} window moving {@code strideH} rows and {@code strideW} columns. */
  public static Tensor avgPool2d(Tensor x, int kernelH, int kernelW, int strideH, int strideW) {
    return Pooling.avgPool2d(x, kernelH, kernelW, strideH, strideW);
  }

  /**
   * Scaled dot-product attention, {@code softmax(q k^T / sqrt(d) + mask) v}, over queries [..., T, d],
   * keys [..., S, d] and values [..., S, dv] (leading dims broadcast); the result is [..., T, dv].
   * {@code mask} (null for none) is {@link MaskType#BOOLEAN}: nonzero = masked out, PyTorch
   * nn.MultiheadAttention's convention; it broadcasts to [..., T, S]. {@code causal} also masks every
   * key after its query (key j > query i, aligned at the top left when S != T). A query whose keys are
   * all masked gets NaN, as in PyTorch.
   *
   * <pre>{@code
   * Tensor out = F.scaledDotProductAttention(q, k, v, null, true);   // causal, [B, H, T, d]
   * }</pre>
   */
  public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
    return Attention.sdpa("scaledDotProductAttention", q, k, v, mask, MaskType.BOOLEAN, causal, 0, null);
  }

  /** {@link #scaledDotProductAttention(Tensor, Tensor, Tensor, Tensor, boolean)} with the mask read as {@code maskType}. */
  public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, MaskType maskType,
      boolean causal) {
    return Attention.sdpa("scaledDotProductAttention", q, k, v, mask, maskType, causal, 0, null);
  }

  /**
   * The same with inverted dropout of probability {@code dropout} on the attention weights, drawn from
   * {@code generator} (pass 0 in evaluation; the generator may be null then).
   */
  public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, Tensor mask, MaskType maskType,
      boolean causal, double dropout, dev.tinytorch.tensor.Generator generator) {
    return Attention.sdpa("scaledDotProductAttention", q, k, v, mask, maskType, causal, dropout, generator);
  }

  /** The attention weights {@code softmax(q k^T / sqrt(d) + mask)} [..., T, S] that scaledDotProductAttention applies to v. */
  public static Tensor attentionWeights(Tensor q, Tensor k, Tensor mask, MaskType maskType, boolean causal) {
    return Attention.weights("attentionWeights", q, k, mask, maskType, causal);
  }

  /**
   * Multi-head attention, PyTorch's {@code F.multi_head_attention_forward} batch first: query [B, T, E],
   * key and value [B, S, E]; {@code inProjWeight} [E, 3E] (our [in, out] layout, columns q | k | v;
   * PyTorch's {@code in_proj_weight} [3E, E] transposed), {@code inProjBias} [3E] or null,
   * {@code outProjWeight} [E, E] ([in, out]) and {@code outProjBias} [E] or null. {@code mask} (null for
   * none) is [T, S], [B*numHeads, T, S] (batch-major, as PyTorch's) or broadcastable to
   * [B, numHeads, T, S] ([B, 1, 1, S] masks padded keys), read as {@code maskType}. Returns [B, T, E].
   */
  public static Tensor multiHeadAttention(Tensor query, Tensor key, Tensor value, int numHeads, Tensor inProjWeight,
      Tensor inProjBias, Tensor outProjWeight, Tensor outProjBias, Tensor mask, MaskType maskType, boolean causal) {
    return Attention.multiHead("multiHeadAttention", query, key, value, numHeads, inProjWeight, inProjBias,
        outProjWeight, outProjBias, mask, maskType, causal, 0, null, false);
  }

  /** The same with dropout of probability {@code dropout} on the attention weights, drawn from {@code generator}. */
  public static Tensor multiHeadAttention(Tensor query, Tensor key, Tensor value, int numHeads, Tensor inProjWeight,
      Tensor inProjBias, Tensor outProjWeight, Tensor outProjBias, Tensor mask, MaskType maskType, boolean causal,
      double dropout, dev.tinytorch.tensor.Generator generator) {
    return Attention.multiHead("multiHeadAttention", query, key, value, numHeads, inProjWeight, inProjBias,
        outProjWeight, outProjBias, mask, maskType, causal, dropout, generator, false);
  }

  /**
   * The attention weights of {@link #multiHeadAttention} averaged over heads, [B, T, S] (PyTorch's
   * {@code need_weights=True, average_attn_weights=True}), without dropout.
   */
  public static Tensor multiHeadAttentionWeights(Tensor query, Tensor key, int numHeads, Tensor inProjWeight,
      Tensor inProjBias, Tensor mask, MaskType maskType, boolean causal) {
    return Attention.multiHead("multiHeadAttentionWeights", query, key, key, numHeads, inProjWeight, inProjBias,
        null, null, mask, maskType, causal, 0, null, true);
  }

  // ---------------------------------------------------------------- losses (LossFunctions)

  // Reduction is written out in full (dev.tinytorch.nn.Reduction) so this section needs no import
  // of its own: F is shared, and an import line outside the section would collide in merges.

  /**
   * For the {@code ignoreIndex} argument of {@code crossEntropy} and {@code nllLoss}: no target is
   * skipped, every one must be a class in [0, C). It is the default of every shorter overload and of
   * the loss objects. Unlike PyTorch's default {@code ignore_index=-100}, a stray -100 target is then an
   * error rather than silently skipped; pass {@code -100} for PyTorch's behaviour.
   */
  public static final int NO_IGNORE_INDEX = ClassTargets.NONE;

  /** Mean squared error, {@code mean((input - target)^2)}; input and target must have the same shape. */
  public static Tensor mseLoss(Tensor input, Tensor target) {
    return mseLoss(input, target, dev.tinytorch.nn.Reduction.MEAN);
  }

  /**
   * Squared error {@code (input - target)^2} per element, reduced. The shapes must be equal: PyTorch
   * broadcasts them with a warning, which pairs every prediction [N, 1] with every target [N]; here
   * that is an IllegalArgumentException that says how to reshape. Both arguments get gradients.
   */
  public static Tensor mseLoss(Tensor input, Tensor target, dev.tinytorch.nn.Reduction reduction) {
    return LossFunctions.mse("mseLoss", input, target, reduction);
  }

  /** Binary cross-entropy of probabilities, the mean of {@code -(t log p + (1 - t) log(1 - p))}. */
  public static Tensor binaryCrossEntropy(Tensor p, Tensor target) {
    return binaryCrossEntropy(p, target, null, dev.tinytorch.nn.Reduction.MEAN);
  }

  public static Tensor binaryCrossEntropy(Tensor p, Tensor target, dev.tinytorch.nn.Reduction reduction) {
    return binaryCrossEntropy(p, target, null, reduction);
  }

  /**
   * Binary cross-entropy {@code -weight (t log p + (1 - t) log(1 - p))} per element, reduced; as PyTorch's,
   * each log is clamped at -100 (so p = 0 or 1 gives at most 100, not inf), the gradient of p is
   * {@code (p - t) / max(p (1 - p), 1e-12)}, and p outside [0, 1] (or NaN) is refused. {@code weight} (or
   * null) broadcasts to p's shape; the target (same shape as p) gets a gradient too. For raw scores use
   * {@link #binaryCrossEntropyWithLogits}, which is stable where sigmoid then BCE saturates.
   */
  public static Tensor binaryCrossEntropy(
      Tensor p, Tensor target, Tensor weight, dev.tinytorch.nn.Reduction reduction) {
    return LossFunctions.binaryCrossEntropy("binaryCrossEntropy", p, target, weight, reduction);
  }

  /** {@code binaryCrossEntropy(sigmoid(logits), target)}, computed stably for any logit; the mean. */
  public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
    return binaryCrossEntropyWithLogits(logits, target, null, null, dev.tinytorch.nn.Reduction.MEAN);
  }

  public static Tensor binaryCrossEntropyWithLogits(
      Tensor logits, Tensor target, dev.tinytorch.nn.Reduction reduction) {
    return binaryCrossEntropyWithLogits(logits, target, null, null, reduction);
  }

  /**
   * {@code -weight (posWeight t log sigmoid(x) + (1 - t) log(1 - sigmoid(x)))} per element, reduced, as
   * PyTorch's {@code binary_cross_entropy_with_logits}: computed without overflow, so logits of
   * +-1000 give finite, exact losses and gradients ({@code sigmoid(x) - t} without weights).
   * {@code weight} and {@code posWeight} (the weight of positives, e.g. [C] for targets [N, C]; PyTorch's
   * {@code pos_weight}) may be null and broadcast to the logits' shape. The target gets a gradient too.
   */
  public static Tensor binaryCrossEntropyWithLogits(
      Tensor logits, Tensor target, Tensor weight, Tensor posWeight, dev.tinytorch.nn.Reduction reduction) {
    return LossFunctions.binaryCrossEntropyWithLogits(
        "binaryCrossEntropyWithLogits", logits, target, weight, posWeight, reduction);
  }

  /**
   * Cross-entropy of raw logits [N, C] against class indices [N] (whole numbers held as FLOAT32/FLOAT64),
   * {@code mean(-logSoftmax(logits)[i, t_i])}, stable for any logits. Also takes logits [C] with a 0-d
   * target and [N, C, d1, ...] with targets [N, d1, ...], as PyTorch's.
   */
  public static Tensor crossEntropy(Tensor logits, Tensor classIndices) {
    return crossEntropy(logits, classIndices, null, NO_IGNORE_INDEX, dev.tinytorch.nn.Reduction.MEAN, 0.0);
  }

  /**
   * Cross-entropy with label smoothing {@code eps} in [0, 1], PyTorch's:
   * {@code (1 - eps) * nll + eps * mean_c(-logSoftmax(logits)_c)}, i.e. against targets that put
   * {@code 1 - eps + eps / C} on the true class and {@code eps / C} on every other.
   */
  public static Tensor crossEntropy(Tensor logits, Tensor classIndices, double labelSmoothing) {
    return crossEntropy(
        logits, classIndices, null, NO_IGNORE_INDEX, dev.tinytorch.nn.Reduction.MEAN, labelSmoothing);
  }

  public static Tensor crossEntropy(Tensor logits, Tensor classIndices, dev.tinytorch.nn.Reduction reduction) {
    return crossEntropy(logits, classIndices, null, NO_IGNORE_INDEX, reduction, 0.0);
  }

  /** Cross-entropy with a reduction (NONE gives one loss per sample, the target's shape) and label smoothing. */
  public static Tensor crossEntropy(
      Tensor logits, Tensor classIndices, dev.tinytorch.nn.Reduction reduction, double labelSmoothing) {
    return crossEntropy(logits, classIndices, null, NO_IGNORE_INDEX, reduction, labelSmoothing);
  }

  /**
   * Cross-entropy with every option of PyTorch's {@code F.cross_entropy} for class indices:
   * {@code weight} [C] (or null) scales each sample's loss by its target's weight, and MEAN then divides
   * by the sum of those weights (PyTorch's weighted mean); targets equal to {@code ignoreIndex} add
   * nothing and are not counted ({@link #NO_IGNORE_INDEX} for none); label smoothing as
   * {@link #crossEntropy(Tensor, Tensor, double)}, its smoothing term weighted by {@code weight} too.
   * Class indices must be whole, in [0, C) (or the ignore index), of the logits' shape without the
   * class dim, and must not require grad; an error names the offending value and its position.
   */
  public static Tensor crossEntropy(Tensor logits, Tensor classIndices, Tensor weight, int ignoreIndex,
      dev.tinytorch.nn.Reduction reduction, double labelSmoothing) {
    return LossFunctions.crossEntropy("crossEntropy", logits, classIndices, weight, ignoreIndex, reduction,
        labelSmoothing);
  }

  /**
   * Negative log-likelihood of log-probabilities [N, C] (e.g. {@code logSoftmax(1)}'s output) against
   * class indices [N]: {@code mean(-logProbs[i, t_i])}. Only the picked entries count, so a -inf
   * log-probability of another class is harmless. Layouts as {@link #crossEntropy(Tensor, Tensor)}.
   */
  public static Tensor nllLoss(Tensor logProbs, Tensor classIndices) {
    return nllLoss(logProbs, classIndices, null, NO_IGNORE_INDEX, dev.tinytorch.nn.Reduction.MEAN);
  }

  public static Tensor nllLoss(Tensor logProbs, Tensor classIndices, dev.tinytorch.nn.Reduction reduction) {
    return nllLoss(logProbs, classIndices, null, NO_IGNORE_INDEX, reduction);
  }

  /** NLL with per-class {@code weight} and {@code ignoreIndex}, as the cross-entropy with every option. */
  public static Tensor nllLoss(Tensor logProbs, Tensor classIndices, Tensor weight, int ignoreIndex,
      dev.tinytorch.nn.Reduction reduction) {
    return LossFunctions.nllLoss("nllLoss", logProbs, classIndices, weight, ignoreIndex, reduction);
  }
}
