package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;
import java.util.List;

/**
 * AdamW, torch.optim.AdamW (PyTorch 1.13, {@code foreach=False}): decoupled weight decay, the parameter
 * multiplied by {@code 1 - lr * wd} before the Adam update (the gradient is not decayed), then
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2} and
 * {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)} with the parameter's step count
 * {@code t}; AMSGrad uses the running maximum of {@code v} instead. PyTorch's defaults: lr 1e-3,
 * betas (0.9, 0.999), eps 1e-8, weight decay 1e-2, no AMSGrad. State: {@code exp_avg},
 * {@code exp_avg_sq} ({@code max_exp_avg_sq} with AMSGrad) and {@code step}. Each parameter is updated
 * in one fused pass ({@link dev.tinytorch.tensor.OptimizerKernels#adam}).
 *
 * <pre>{@code
 * Optimizer opt = AdamW.builder(model.parameters()).lr(1e-3).weightDecay(1e-2).build();
 * }</pre>
 */
public final class AdamW extends Optimizer {
  private final AdamConfig config;
  private final boolean[] created = new boolean[1];

  private AdamW(Builder b) {
    super(b.params, b.c.lr, AdamConfig.stateNames(b.c.amsgrad), true);
    this.config = b.c.copy();
  }

  /** A builder over {@code params} with PyTorch's defaults. */
  public static Builder builder(List<Tensor> params) {
    return new Builder(checkNotNull(params, "AdamW.builder: params is null"));
  }

  @Override
  public void step() {
    AdamConfig.step(this, config, true, created);
  }

  public double beta1() {
    return config.beta1;
  }

  public double beta2() {
    return config.beta2;
  }

  public double eps() {
    return config.eps;
  }

  public double weightDecay() {
    return config.weightDecay;
  }

  public boolean amsgrad() {
    return config.amsgrad;
  }

  /** AdamW's hyper-parameters; {@link #build()} checks them all. */
  public static final class Builder {
    private final List<Tensor> params;
    private final AdamConfig c = new AdamConfig(1e-2);

    private Builder(List<Tensor> params) {
      this.params = params;
    }

    public Builder lr(double lr) {
      c.lr = lr;
      return this;
    }

    /** The moment decay rates, each in [0, 1). */
    public Builder betas(double beta1, double beta2) {
      c.beta1 = beta1;
      c.beta2 = beta2;
      return this;
    }

    public Builder eps(double eps) {
      c.eps = eps;
      return this;
    }

    public Builder weightDecay(double weightDecay) {
      c.weightDecay = weightDecay;
      return this;
    }

    /** AMSGrad: divide by the running maximum of the second moment. */
    public Builder amsgrad(boolean amsgrad) {
      c.amsgrad = amsgrad;
      return this;
    }

    public AdamW build() {
      c.check("AdamW");
      return new AdamW(this);
    }
  }
}
