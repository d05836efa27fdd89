package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * Inverted dropout, PyTorch's {@code nn.Dropout}: in training mode each element is zeroed with probability
 * {@code p} and the kept ones are scaled by {@code 1/(1-p)}; in eval mode it is the identity. PyTorch's
 * default p is 0.5.
 *
 * <pre>{@code
 * Dropout drop = new Dropout(0.2, new Generator(7));   // the same seed gives the same masks
 * Tensor h = drop.forward(x);                           // training: ~20 % zeros, the rest * 1.25
 * drop.eval();
 * drop.forward(x);                                      // x itself
 * }</pre>
 *
 * <p>Without a generator, each forward draws from {@link Init#defaultGenerator()} as it is at that call,
 * so {@link Init#manualSeed(long)} reseeds dropout too, as {@code torch.manual_seed} does.
 */
public final class Dropout extends Module {
  private final double p;
  private final Generator generator;

  /** Dropout with PyTorch's default p = 0.5. */
  public Dropout() {
    this(0.5);
  }

  public Dropout(double p) {
    checkP(p);
    this.p = p;
    this.generator = null;
  }

  public Dropout(double p, Generator generator) {
    checkP(p);
    this.p = p;
    this.generator = checkNotNull(generator, "Dropout: generator is null");
  }

  private static void checkP(double p) {
    checkArgument(p >= 0 && p <= 1, "Dropout: probability p must be in [0, 1], got %s", p);
  }

  public double p() {
    return p;
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    return F.dropout(input, p, isTraining(), generator != null ? generator : Init.defaultGenerator());
  }

  @Override
  protected String summary() {
    return "Dropout p=" + p;
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
