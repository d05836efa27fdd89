package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Scaled dot-product and multi-head attention composed from differentiable ops (matmul, softmax,
 * masked fill), so gradients of every input and weight come from those ops' backward rules.
 *
 * <p>Fully masked rows: every score of that query is -inf, so its softmax is 0/0 = NaN, and so is its
 * output, exactly as PyTorch 1.13's {@code nn.MultiheadAttention}. Callers that pad whole queries
 * should ignore (or mask in the loss) those rows.
 */
final class Attention {
  private Attention() {}

  /** softmax(q k^T / sqrt(d) + mask) over [..., T, S], before dropout. */
  static Tensor weights(String op, Tensor q, Tensor k, Tensor mask, MaskType type, boolean causal) {
    checkNotNull(q, "%s: query is null", op);
    checkNotNull(k, "%s: key is null", op);
    checkArgument(q.dim() >= 2 && k.dim() >= 2 && q.size(-1) == k.size(-1),
        "%s: query %s and key %s must be [..., T, d] and [..., S, d] with the same d", op, str(q), str(k));
    int t = q.size(-2);
    int s = k.size(-2);
    // Scaling q before the product is PyTorch's order (q / sqrt(d), then q @ k^T).
    Tensor scores = q.div(Math.sqrt(q.size(-1))).matmul(k.transpose(-2, -1));
    if (mask != null) {
      checkNotNull(type, "%s: maskType is null", op);
      checkArgument(broadcastsTo(mask.shape(), scores.shape()),
          "%s: mask %s does not broadcast to the scores [..., T, S] = %s; pass [T, S] = [%s, %s] or one "
              + "broadcastable to the scores", op, str(mask), str(scores), t, s);
      scores = type == MaskType.ADDITIVE ? scores.add(mask.to(scores.dtype())) : fill(scores, mask);
    }
    if (causal) {
      scores = fill(scores, causalMask(t, s));
    }
    return scores.softmax(-1);
  }

  /** Scaled dot-product attention over [..., T, d] queries and [..., S, d] keys and values. */
  static Tensor sdpa(String op, Tensor q, Tensor k, Tensor v, Tensor mask, MaskType type, boolean causal,
      double dropout, Generator g) {
    checkNotNull(v, "%s: value is null", op);
    Tensor w = weights(op, q, k, mask, type, causal);
    checkArgument(v.dim() >= 2 && v.size(-2) == k.size(-2),
        "%s: value %s must be [..., S, dv] with S = %s, the key's length (key %s)", op, str(v), k.size(-2), str(k));
    return dropout(op, w, dropout, g).matmul(v);
  }

  /**
   * Multi-head attention over batch-first [B, T, E] queries and [B, S, E] keys and values, with
   * {@code inW} [E, 3E] (q, k, v columns in that order), {@code inB} [3E] or null, {@code outW} [E, E]
   * and {@code outB} [E] or null, all in our [in, out] layout. Returns the output [B, T, E] or, when
   * {@code weightsOnly} (then {@code outW} is not used), the head-averaged weights [B, T, S] before dropout.
   */
  static Tensor multiHead(String op, Tensor query, Tensor key, Tensor value, int heads, Tensor inW, Tensor inB,
      Tensor outW, Tensor outB, Tensor mask, MaskType type, boolean causal, double dropout, Generator g,
      boolean weightsOnly) {
    checkNotNull(query, "%s: query is null", op);
    checkNotNull(key, "%s: key is null", op);
    checkNotNull(value, "%s: value is null", op);
    checkNotNull(inW, "%s: inProjWeight is null", op);
    if (!weightsOnly) {
      checkNotNull(outW, "%s: outProjWeight is null", op);
    }
    checkArgument(heads >= 1, "%s: numHeads must be positive, got %s", op, heads);
    checkArgument(inW.dim() == 2 && inW.size(1) == 3 * inW.size(0),
        "%s: inProjWeight must be [E, 3E] (our [in, out] layout: PyTorch's [3E, E] transposed), got %s", op, str(inW));
    int e = inW.size(0);
    checkArgument(e % heads == 0, "%s: embed dim %s is not divisible by %s heads", op, e, heads);
    checkArgument(weightsOnly || Arrays.equals(outW.shape(), new int[] {e, e}),
        "%s: outProjWeight must be [%s, %s], got %s", op, e, e, weightsOnly ? "" : str(outW));
    checkArgument(inB == null || Arrays.equals(inB.shape(), new int[] {3 * e}),
        "%s: inProjBias must be [%s], got %s", op, 3 * e, inB == null ? "" : str(inB));
    checkArgument(outB == null || Arrays.equals(outB.shape(), new int[] {e}),
        "%s: outProjBias must be [%s], got %s", op, e, outB == null ? "" : str(outB));
    String fix = query.dim() == 2 ? "; a single sequence needs the batch dim: x.unsqueeze(0)" : "";
    checkArgument(query.dim() == 3 && query.size(2) == e,
        "%s: expects query [B, T, %s] (batch first), got %s%s", op, e, str(query), fix);
    int b = query.size(0);
    int t = query.size(1);
    checkArgument(key.dim() == 3 && key.size(0) == b && key.size(2) == e,
        "%s: expects key [%s, S, %s] (the query's batch and embed dim), got %s", op, b, e, str(key));
    int s = key.size(1);
    checkArgument(Arrays.equals(value.shape(), key.shape()),
        "%s: value %s must have the key's shape %s", op, str(value), str(key));
    Tensor mask4 = mask == null ? null : headMask(op, mask, b, heads, t, s);

    int d = e / heads;
    Tensor q;
    Tensor k;
    Tensor v;
    if (query == key && key == value) {
      // Self-attention: one product for all three projections, then column views.
      Tensor qkv = project(query, inW, inB);
      q = qkv.narrow(2, 0, e);
      k = qkv.narrow(2, e, e);
      v = qkv.narrow(2, 2 * e, e);
    } else {
      q = project(query, inW.narrow(1, 0, e), inB == null ? null : inB.narrow(0, 0, e));
      k = project(key, inW.narrow(1, e, e), inB == null ? null : inB.narrow(0, e, e));
      v = project(value, inW.narrow(1, 2 * e, e), inB == null ? null : inB.narrow(0, 2 * e, e));
    }
    q = splitHeads(q, b, t, heads, d);
    k = splitHeads(k, b, s, heads, d);
    if (weightsOnly) {
      return weights(op, q, k, mask4, type, causal).mean(1);
    }
    v = splitHeads(v, b, s, heads, d);
    Tensor attended = sdpa(op, q, k, v, mask4, type, causal, dropout, g);      // [B, H, T, d]
    Tensor merged = attended.transpose(1, 2).reshape(b, t, e);
    return project(merged, outW, outB);
  }

  /** A mask of MHA's shapes, [T, S], [B*H, T, S] or broadcastable to [B, H, T, S], as [.., T, S] for the scores. */
  static Tensor headMask(String op, Tensor mask, int b, int heads, int t, int s) {
    int[] m = mask.shape();
    int[] scores = {b, heads, t, s};
    if (m.length == 3 && Arrays.equals(m, new int[] {b * heads, t, s})) {
      return mask.reshape(scores);
    }
    if ((m.length == 2 && Arrays.equals(m, new int[] {t, s})) || (m.length == 4 && broadcastsTo(m, scores))) {
      return mask;
    }
    throw new IllegalArgumentException(op + ": mask " + str(mask) + " fits none of the shapes attention takes: [T, S] = ["
        + t + ", " + s + "], [B*heads, T, S] = [" + b * heads + ", " + t + ", " + s + "], or one broadcastable to "
        + "[B, heads, T, S] = " + Arrays.toString(scores) + " (a key-padding mask is [B, 1, 1, S] = [" + b + ", 1, 1, " + s + "])");
  }

  private static Tensor project(Tensor x, Tensor w, Tensor bias) {
    Tensor y = x.matmul(w);
    return bias == null ? y : y.add(bias);
  }

  /** [B, L, E] -> [B, H, L, d], a view. */
  private static Tensor splitHeads(Tensor x, int b, int len, int heads, int d) {
    return x.reshape(b, len, heads, d).transpose(1, 2);
  }

  /** 1 where key j comes after query i (j > i), aligned at the top left as PyTorch's is_causal. */
  static Tensor causalMask(int t, int s) {
    return Tensor.arange(s).reshape(1, s).gt(Tensor.arange(t).reshape(t, 1));
  }

  /** -inf wherever {@code mask} is nonzero; those scores get no gradient. */
  private static Tensor fill(Tensor scores, Tensor mask) {
    return scores.maskedFill(mask, Double.NEGATIVE_INFINITY);
  }

  /** Inverted dropout of the attention weights: zero with probability p, the rest scaled by 1/(1-p). */
  private static Tensor dropout(String op, Tensor w, double p, Generator g) {
    checkArgument(p >= 0 && p < 1, "%s: dropout probability must be in [0, 1), got %s", op, p);
    if (p == 0) {
      return w;
    }
    checkNotNull(g, "%s: dropout needs a generator", op);
    Tensor keep = Tensor.rand(g, w.dtype(), w.shape()).ge(p);
    return w.mul(keep).div(1 - p);
  }

  /** Whether {@code from} broadcasts to exactly {@code to} (no dim of {@code to} grows). */
  static boolean broadcastsTo(int[] from, int[] to) {
    if (from.length > to.length) {
      return false;
    }
    for (int i = 1; i <= from.length; i++) {
      int f = from[from.length - i];
      if (f != 1 && f != to[to.length - i]) {
        return false;
      }
    }
    return true;
  }

  static String str(Tensor t) {
    return Arrays.toString(t.shape());
  }
}
