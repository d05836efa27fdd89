package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.functional.MaskType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Multi-head attention, PyTorch's {@code nn.MultiheadAttention(embedDim, numHeads, batch_first=True)}:
 * inputs and output are batch first, query [B, T, E], key and value [B, S, E], output [B, T, E].
 *
 * <p>Parameters carry PyTorch's names in our [in, out] layout: {@code in_proj_weight} [E, 3E] (PyTorch's
 * [3E, E] transposed; columns are the q | k | v projections), {@code in_proj_bias} [3E], and the child
 * {@code out_proj}, a {@link Linear}(E, E), so {@code out_proj.weight} [E, E] and {@code out_proj.bias}.
 * Initialisation is PyTorch's: {@code in_proj_weight} xavier-uniform, both biases zero, {@code out_proj.weight}
 * a Linear's default U(-1/sqrt(E), 1/sqrt(E)). Defaults as PyTorch: bias on, dropout 0, not causal.
 *
 * <p>Masks are FLOAT32/FLOAT64 tensors of shape [T, S], [B*numHeads, T, S] (batch-major, as PyTorch's)
 * or any shape broadcastable to [B, numHeads, T, S]; a key-padding mask is [B, 1, 1, S]. The 4-argument
 * {@link #forward(Tensor, Tensor, Tensor, Tensor)} reads the mask as {@link MaskType#BOOLEAN}: nonzero =
 * masked out (PyTorch's bool {@code attn_mask}, True = not allowed; a 0/-inf float mask means the same);
 * pass {@link MaskType#ADDITIVE} to add arbitrary float biases to the scores. A query whose keys are all
 * masked gets NaN, as in PyTorch.
 *
 * <pre>{@code
 * MultiHeadAttention attn = new MultiHeadAttention(64, 8);
 * Tensor y = attn.forward(x);                                   // self-attention, [B, T, 64]
 * MultiHeadAttention decoder = MultiHeadAttention.builder(64, 8).causal(true).dropout(0.1).build();
 * Tensor z = decoder.forward(x);                                // key j > query i masked
 * Tensor pad = padded.reshape(b, 1, 1, s);                      // 1 where a key is padding
 * Tensor c = attn.forward(queries, memory, memory, pad);        // cross-attention, [B, T, 64]
 * }</pre>
 */
public class MultiHeadAttention extends Module {
  private final int embedDim;
  private final int numHeads;
  private final boolean causal;
  private final double dropout;
  private final Generator generator;
  private final Tensor inProjWeight;
  private final Tensor inProjBias;
  private final Linear outProj;

  public MultiHeadAttention(int embedDim, int numHeads) {
    this(embedDim, numHeads, true, false, 0, null);
  }

  public MultiHeadAttention(int embedDim, int numHeads, boolean bias) {
    this(embedDim, numHeads, bias, false, 0, null);
  }

  public MultiHeadAttention(int embedDim, int numHeads, boolean bias, Generator generator) {
    this(embedDim, numHeads, bias, false, 0, checkNotNull(generator, "MultiHeadAttention: generator is null"));
  }

  /** Every option: bias, causal masking, dropout on the attention weights, the generator. */
  public static Builder builder(int embedDim, int numHeads) {
    return new Builder(embedDim, numHeads);
  }

  private MultiHeadAttention(int embedDim, int numHeads, boolean bias, boolean causal, double dropout,
      Generator generator) {
    checkArgument(embedDim > 0 && numHeads > 0,
        "MultiHeadAttention: embed dim and heads must be positive, got %s and %s", embedDim, numHeads);
    checkArgument(embedDim % numHeads == 0,
        "MultiHeadAttention: embed dim %s is not divisible by %s heads (each head gets embedDim / numHeads dims); "
            + "pick a head count that divides %s, e.g. %s", embedDim, numHeads, embedDim, divisors(embedDim));
    checkArgument(dropout >= 0 && dropout < 1, "MultiHeadAttention: dropout must be in [0, 1), got %s", dropout);
    this.embedDim = embedDim;
    this.numHeads = numHeads;
    this.causal = causal;
    this.dropout = dropout;
    this.generator = generator;
    Generator g = generator != null ? generator : Init.defaultGenerator();
    // PyTorch builds out_proj (drawing its weight) before it xavier-fills in_proj_weight.
    Linear out = new Linear(embedDim, embedDim, bias, g);
    this.inProjWeight = parameter("in_proj_weight", Init.xavierUniform(Tensor.zeros(embedDim, 3 * embedDim), 1.0, g));
    this.inProjBias = bias ? parameter("in_proj_bias", Tensor.zeros(3 * embedDim)) : null;
    this.outProj = module("out_proj", out);
    if (bias) {
      Init.zeros(outProj.bias());
    }
  }

  /** {@code new MultiHeadAttention(...)} with the options PyTorch takes as keywords. */
  public static final class Builder {
    private final int embedDim;
    private final int numHeads;
    private boolean bias = true;
    private boolean causal;
    private double dropout;
    private Generator generator;

    private Builder(int embedDim, int numHeads) {
      this.embedDim = embedDim;
      this.numHeads = numHeads;
    }

    /** Biases on the input and output projections (default true). */
    public Builder bias(boolean value) {
      bias = value;
      return this;
    }

    /** Mask every key after its query in every forward (default false), for decoders. */
    public Builder causal(boolean value) {
      causal = value;
      return this;
    }

    /** Dropout probability on the attention weights in training mode (default 0). */
    public Builder dropout(double p) {
      dropout = p;
      return this;
    }

    /** The generator for the initial weights and dropout (default: Init's default generator). */
    public Builder generator(Generator g) {
      generator = checkNotNull(g, "MultiHeadAttention.Builder: generator is null");
      return this;
    }

    public MultiHeadAttention build() {
      return new MultiHeadAttention(embedDim, numHeads, bias, causal, dropout, generator);
    }
  }

  /** Self-attention: {@code forward(x, x, x, null)}. */
  @Override
  public Tensor forward(Tensor x) {
    checkNotNull(x, "%s: input is null", describe());
    return forward(x, x, x, null, MaskType.BOOLEAN);
  }

  /** Attention of {@code query} over {@code key}/{@code value} with a {@link MaskType#BOOLEAN} mask (nonzero = masked out), or null. */
  public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor mask) {
    return forward(query, key, value, mask, MaskType.BOOLEAN);
  }

  /** Attention of {@code query} over {@code key}/{@code value} with {@code mask} (or null) read as {@code maskType}. */
  public Tensor forward(Tensor query, Tensor key, Tensor value, Tensor mask, MaskType maskType) {
    check(query, key, value, mask, maskType);
    boolean drop = isTraining() && dropout > 0;
    return F.multiHeadAttention(query, key, value, numHeads, inProjWeight, inProjBias, outProj.weight(),
        outProj.bias(), mask, maskType, causal, drop ? dropout : 0, drop ? dropoutGenerator() : null);
  }

  /**
   * The attention weights averaged over heads, [B, T, S], as PyTorch returns with
   * {@code need_weights=True}; computed without dropout (PyTorch's in eval mode or with p = 0).
   */
  public Tensor attentionWeights(Tensor query, Tensor key, Tensor mask, MaskType maskType) {
    check(query, key, key, mask, maskType);
    return F.multiHeadAttentionWeights(query, key, numHeads, inProjWeight, inProjBias, mask, maskType, causal);
  }

  private Generator dropoutGenerator() {
    return generator != null ? generator : Init.defaultGenerator();
  }

  private void check(Tensor query, Tensor key, Tensor value, Tensor mask, MaskType maskType) {
    String me = describe();
    checkNotNull(query, "%s: query is null", me);
    checkNotNull(key, "%s: key is null", me);
    checkNotNull(value, "%s: value is null", me);
    checkNotNull(maskType, "%s: maskType is null", me);
    int e = embedDim;
    checkArgument(query.dim() == 3 && query.size(2) == e, "%s: expects query [B, T, %s] (batch first), got %s; %s",
        me, e, str(query), query.dim() == 2 && query.size(1) == e ? "a single sequence needs the batch dim: x.unsqueeze(0)"
            : "the last dim must be the embed dim " + e + " (project or reshape the input to [B, T, " + e + "])");
    int b = query.size(0);
    int t = query.size(1);
    checkArgument(key.dim() == 3 && key.size(0) == b && key.size(2) == e,
        "%s: expects key [%s, S, %s] (the query %s's batch size and embed dim), got %s", me, b, e, str(query), str(key));
    checkArgument(Arrays.equals(value.shape(), key.shape()),
        "%s: value %s must have the key's shape %s (one value per key)", me, str(value), str(key));
    if (mask != null) {
      int s = key.size(1);
      int[] m = mask.shape();
      int[] full = {b, numHeads, t, s};
      boolean ok = Arrays.equals(m, new int[] {t, s}) || Arrays.equals(m, new int[] {b * numHeads, t, s})
          || (m.length == 4 && broadcastsTo(m, full));
      checkArgument(ok, "%s: mask %s fits none of the shapes for query %s and key %s: [T, S] = [%s, %s], "
          + "[B*heads, T, S] = [%s, %s, %s], or one broadcastable to [B, heads, T, S] = %s "
          + "(a key-padding mask is [B, 1, 1, S] = [%s, 1, 1, %s])",
          me, str(mask), str(query), str(key), t, s, b * numHeads, t, s, Arrays.toString(full), b, s);
    }
  }

  private static boolean broadcastsTo(int[] from, int[] to) {
    for (int i = 0; i < from.length; i++) {
      if (from[i] != 1 && from[i] != to[i]) {
        return false;
      }
    }
    return true;
  }

  private static String divisors(int n) {
    StringBuilder sb = new StringBuilder();
    for (int d = 1; d <= n && sb.length() < 40; d++) {
      if (n % d == 0) {
        sb.append(sb.length() == 0 ? "" : ", ").append(d);
      }
    }
    return sb.toString();
  }

  private static String str(Tensor t) {
    return Arrays.toString(t.shape());
  }

  /** {@code in_proj_weight} [E, 3E], our [in, out] layout. */
  public Tensor inProjWeight() {
    return inProjWeight;
  }

  /** {@code in_proj_bias} [3E], or null without bias. */
  public Tensor inProjBias() {
    return inProjBias;
  }

  /** The output projection {@code out_proj}, a Linear(E, E). */
  public Linear outProj() {
    return outProj;
  }

  public int embedDim() {
    return embedDim;
  }

  public int numHeads() {
    return numHeads;
  }

  public int headDim() {
    return embedDim / numHeads;
  }

  public boolean isCausal() {
    return causal;
  }

  public double dropout() {
    return dropout;
  }

  @Override
  protected String summary() {
    return "MultiHeadAttention E=" + embedDim + ", " + numHeads + " heads" + (causal ? ", causal" : "");
  }

  @Override
  protected String extraRepr() {
    return "embed_dim=" + embedDim + ", num_heads=" + numHeads + ", dropout=" + dropout + ", causal=" + causal
        + ", bias=" + (inProjBias != null);
  }
}
