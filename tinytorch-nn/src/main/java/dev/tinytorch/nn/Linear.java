package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * A fully connected layer, {@code y = x @ W + b}, over any leading dims of x.
 *
 * <p>The weight is <b>[in, out]</b>, TinyTorch's and DL4J's layout (PyTorch stores [out, in]; the
 * transpose is made in one place, {@code nn.io.PyTorchWeights}). Initialisation is PyTorch's default:
 * weight and bias from U(-1/sqrt(in), 1/sqrt(in)) (kaiming-uniform with a = sqrt(5)).
 *
 * <pre>{@code
 * Linear fc = new Linear(784, 10);
 * Tensor logits = fc.forward(images.reshape(-1, 784));   // [N, 10]
 * }</pre>
 */
public class Linear extends Module {
  private final int inFeatures;
  private final int outFeatures;
  private final Tensor weight;
  private final Tensor bias;

  public Linear(int inFeatures, int outFeatures) {
    this(inFeatures, outFeatures, true, Init.defaultGenerator());
  }

  public Linear(int inFeatures, int outFeatures, boolean bias) {
    this(inFeatures, outFeatures, bias, Init.defaultGenerator());
  }

  public Linear(int inFeatures, int outFeatures, boolean bias, Generator generator) {
    checkArgument(inFeatures > 0 && outFeatures > 0,
        "Linear: in and out features must be positive, got %s -> %s", inFeatures, outFeatures);
    checkNotNull(generator, "Linear: generator is null");
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    double bound = 1 / Math.sqrt(inFeatures);
    this.weight = parameter("weight", Init.uniform(Tensor.zeros(inFeatures, outFeatures), -bound, bound, generator));
    this.bias = bias ? parameter("bias", Init.uniform(Tensor.zeros(outFeatures), -bound, bound, generator)) : null;
  }

  /** The weight [in, out]. */
  public Tensor weight() {
    return weight;
  }

  /** The bias [out], or null when built without one. */
  public Tensor bias() {
    return bias;
  }

  public int inFeatures() {
    return inFeatures;
  }

  public int outFeatures() {
    return outFeatures;
  }

  @Override
  public Tensor forward(Tensor input) {
    if (input == null) {
      throw new NullPointerException(describe() + ": input is null");
    }
    // The message is built only on failure: formatted eagerly, describe() and the shape's string
    // were a tenth of a batch-1 prediction's time.
    if (input.dim() < 1 || input.size(-1) != inFeatures) {
      throw new IllegalArgumentException(String.format(
          "%s: expects input [..., %s], got %s; reshape or flatten the input so its last dim is %s",
          describe(), inFeatures, Arrays.toString(input.shape()), inFeatures));
    }
    return F.linear(input, weight, bias);
  }

  @Override
  protected String summary() {
    return "Linear " + inFeatures + " -> " + outFeatures;
  }

  @Override
  protected String extraRepr() {
    return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null);
  }
}
