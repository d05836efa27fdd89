package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalisation over the trailing dims {@code normalizedShape}: {@code (x - mean) / sqrt(var + eps)
 * * weight + bias} with the biased variance, per sample. PyTorch's defaults: eps 1e-5, weight ones,
 * bias zeros (elementwise affine on).
 *
 * <pre>{@code
 * LayerNorm ln = new LayerNorm(64);
 * Tensor y = ln.forward(x);    // x [B, T, 64]; each [64] row has mean 0 and variance ~1
 * }</pre>
 */
public final class LayerNorm extends Module {
  private final int[] normalizedShape;
  private final double eps;
  private final Tensor weight;
  private final Tensor bias;

  public LayerNorm(int normalizedShape) {
    this(new int[] {normalizedShape});
  }

  public LayerNorm(int[] normalizedShape) {
    this(normalizedShape, 1e-5, true);
  }

  public LayerNorm(int[] normalizedShape, double eps, boolean elementwiseAffine) {
    checkNotNull(normalizedShape, "LayerNorm: normalizedShape is null");
    checkArgument(normalizedShape.length > 0 && Arrays.stream(normalizedShape).allMatch(d -> d > 0),
        "LayerNorm: normalizedShape %s must be non-empty with positive sizes", Arrays.toString(normalizedShape));
    checkArgument(eps > 0 && Double.isFinite(eps), "LayerNorm: eps must be positive, got %s", eps);
    this.normalizedShape = normalizedShape.clone();
    this.eps = eps;
    this.weight = elementwiseAffine ? parameter("weight", Tensor.ones(normalizedShape)) : null;
    this.bias = elementwiseAffine ? parameter("bias", Tensor.zeros(normalizedShape)) : null;
  }

  public Tensor weight() {
    return weight;
  }

  public Tensor bias() {
    return bias;
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    int[] s = input.shape();
    int k = normalizedShape.length;
    checkArgument(s.length >= k && Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalizedShape),
        "%s: expects input [..., %s], got %s; the last dims must be the normalized shape",
        describe(), Arrays.toString(normalizedShape).replaceAll("[\\[\\]]", ""), Arrays.toString(s));
    return F.layerNorm(input, normalizedShape, weight, bias, eps);
  }

  @Override
  protected String summary() {
    return "LayerNorm " + Arrays.toString(normalizedShape);
  }

  @Override
  protected String extraRepr() {
    return "normalized_shape=" + Arrays.toString(normalizedShape) + ", eps=" + eps
        + ", elementwise_affine=" + (weight != null);
  }
}
