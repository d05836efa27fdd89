package dev.tinytorch.nn;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/**
 * Inverted dropout: in training each element is zeroed with probability {@code p} and the rest scaled by
 * {@code 1/(1-p)}; in eval mode the identity. The masks come from a seeded generator (the default one of
 * {@link Init} unless one is given), so a run repeats exactly.
 *
 * <pre>{@code
 * Dropout drop = new Dropout(0.5, new Generator(7));
 * drop.forward(x);          // about half zeroed, the rest doubled
 * drop.eval().forward(x);   // x itself
 * }</pre>
 */
public final class Dropout extends Module {
  private final double p;
  private final Generator generator;

  public Dropout(double p) {
    this(p, null);
  }

  /** With its own generator; null draws from {@link Init#defaultGenerator()} at each call. */
  public Dropout(double p, Generator generator) {
    checkArgument(p >= 0 && p <= 1, "Dropout: probability p must be in [0, 1], got %s", p);
    this.p = p;
    this.generator = generator;
  }

  @Override
  public Tensor forward(Tensor input) {
    checkNotNull(input, "%s: input is null", describe());
    return F.dropout(input, p, isTraining(), generator != null ? generator : Init.defaultGenerator());
  }

  @Override
  protected String extraRepr() {
    return "p=" + p;
  }
}
