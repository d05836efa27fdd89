package dev.tinytorch.nn.functional;

/**
 * How an attention mask is read. Masks are FLOAT32 or FLOAT64 tensors (there is no bool dtype), so
 * the kind is said explicitly rather than guessed from the dtype as PyTorch does.
 */
public enum MaskType {
  /**
   * Nonzero means masked out (that query does not attend that key), zero means allowed: PyTorch's
   * boolean {@code attn_mask} of {@code nn.MultiheadAttention}, where True is "not allowed". Masked
   * scores become -inf before the softmax. An additive mask of 0 and -inf reads the same this way.
   * (PyTorch 2's {@code F.scaled_dot_product_attention} uses the opposite boolean convention, True =
   * attend; ours is the same for both functions.)
   */
  BOOLEAN,
  /**
   * Added to the scaled scores before the softmax: 0 keeps a position, -inf masks it, anything else
   * biases it. PyTorch's float {@code attn_mask}.
   */
  ADDITIVE
}
