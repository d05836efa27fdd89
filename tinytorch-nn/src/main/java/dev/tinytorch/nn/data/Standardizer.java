package dev.tinytorch.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Per-feature standardisation {@code (x - mean) / std}, with statistics taken from the TRAINING split
 * only and then applied to any split, so no test information leaks into training. A constant feature
 * (std 0) is only centred.
 *
 * <pre>{@code
 * Standardizer s = Standardizer.fit(train.inputs());
 * TensorDataset trainStd = s.apply(train), testStd = s.apply(test);
 * }</pre>
 */
public final class Standardizer {
  private final Tensor mean;
  private final Tensor std;

  private Standardizer(Tensor mean, Tensor std) {
    this.mean = mean;
    this.std = std;
  }

  /** Mean and population std of each column of {@code inputs} [N, F]. */
  public static Standardizer fit(Tensor inputs) {
    checkNotNull(inputs, "Standardizer.fit: inputs is null");
    checkArgument(inputs.dim() == 2 && inputs.size(0) > 0, "Standardizer.fit: expects [N, F] with N > 0, got %s",
        Arrays.toString(inputs.shape()));
    Tensor x = inputs.detach();
    Tensor s = x.var(new int[] {0}, 0, false).sqrt();
    return new Standardizer(x.mean(0), s.add(s.eq(0)));
  }

  public Tensor mean() {
    return mean;
  }

  /** The per-feature divisors (the std, or 1 where the std is 0). */
  public Tensor std() {
    return std;
  }

  public Tensor transform(Tensor inputs) {
    checkNotNull(inputs, "Standardizer.transform: inputs is null");
    checkArgument(inputs.dim() == 2 && inputs.size(1) == mean.size(0),
        "Standardizer.transform: expects [N, %s], got %s", mean.size(0), Arrays.toString(inputs.shape()));
    return inputs.sub(mean).div(std);
  }

  public TensorDataset apply(TensorDataset data) {
    return new TensorDataset(transform(data.inputs()), data.targets());
  }
}
