package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer normalisation over the trailing dims, PyTorch's {@code nn.LayerNorm}:
 * {@code y = (x - mean) / sqrt(var + eps) * weight + bias}, mean and (biased) variance taken over the last
 * {@code normalizedShape.length} dims of each sample. Defaults as PyTorch: eps 1e-5, an elementwise affine
 * step with {@code weight} (ones) and {@code bias} (zeros) of shape {@code normalizedShape}. The same in
 * train and eval mode.
 *
 * <pre>{@code
 * LayerNorm norm = new LayerNorm(64);
 * Tensor y = norm.forward(x);                 // x [B, T, 64]: each [64] row to mean 0, variance 1
 * new LayerNorm(new int[] {8, 8}, 1e-6, false);   // over the last two dims, no weight or bias
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
        "LayerNorm: normalizedShape must be one or more positive sizes, got %s", Arrays.toString(normalizedShape));
    checkArgument(eps >= 0 && Double.isFinite(eps), "LayerNorm: eps must be finite and >= 0, got %s", eps);
    this.normalizedShape = normalizedShape.clone();
    this.eps = eps;
    this.weight = elementwiseAffine ? parameter("weight", Tensor.ones(normalizedShape)) : null;
    this.bias = elementwiseAffine ? parameter("bias", Tensor.zeros(normalizedShape)) : null;
  }

  /** The scale, shape {@code normalizedShape}, or null without the affine step. */
  public Tensor weight() {
    return weight;
  }

  /** The shift, shape {@code normalizedShape}, or null without the affine step. */
  public Tensor bias() {
    return bias;
  }

  public int[] normalizedShape() {
    return normalizedShape.clone();
  }

  public double eps() {
    return eps;
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    int[] s = input.shape();
    int k = normalizedShape.length;
    checkArgument(s.length >= k && Arrays.equals(Arrays.copyOfRange(s, s.length - k, s.length), normalizedShape),
        "%s: expects input [..., %s], got %s; the last %s dim(s) of the input must be %s",
        describe(), join(normalizedShape), Arrays.toString(s), k, Arrays.toString(normalizedShape));
    return F.layerNorm(input, normalizedShape, weight, bias, eps);
  }

  private static String join(int[] dims) {
    return Arrays.toString(dims).replaceAll("[\\[\\]]", "");
  }

  @Override
  protected String summary() {
    return "LayerNorm " + Arrays.toString(normalizedShape);
  }

  @Override
  protected String extraRepr() {
    // PyTorch prints the shape as a Python tuple: (64,) or (8, 8).
    String shape = "(" + join(normalizedShape) + (normalizedShape.length == 1 ? ",)" : ")");
    return shape + ", eps=" + eps + ", elementwise_affine=" + (weight != null);
  }
}
