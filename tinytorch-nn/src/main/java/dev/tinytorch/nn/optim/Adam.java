package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;
import java.util.List;

/**
 * Adam, torch.optim.Adam (PyTorch 1.13, {@code foreach=False}): with weight decay {@code g = grad + wd * p}
 * (L2 regularisation through the gradient; see {@link AdamW} for the decoupled form), then
 * {@code m = b1 m + (1 - b1) g}, {@code v = b2 v + (1 - b2) g^2} and
 * {@code p -= lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps)} with the parameter's step count
 * {@code t}; AMSGrad uses the running maximum of {@code v} instead. PyTorch's defaults: lr 1e-3,
 * betas (0.9, 0.999), eps 1e-8, weight decay 0, no AMSGrad. State: {@code exp_avg},
 * {@code exp_avg_sq} ({@code max_exp_avg_sq} with AMSGrad) and {@code step}. Each parameter is updated
 * in one fused pass ({@link dev.tinytorch.tensor.OptimizerKernels#adam}). In FLOAT32 a first moment that
 * decays below 2^-126 (a weight whose gradient has stayed zero for some 800 steps) is stored as zero, where
 * PyTorch keeps the subnormal: on Intel cores each later step would pay microcode assists for it, and
 * the update it drops is below the parameters' rounding (OptimizerKernels says by how much).
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), 1e-3);
 * }</pre>
 */
public final class Adam extends Optimizer {
  private final AdamConfig config;
  private final boolean[] created = new boolean[1];

  /** Adam with PyTorch's defaults and learning rate {@code lr}. */
  public Adam(List<Tensor> params, double lr) {
    this(builder(params).lr(lr));
  }

  private Adam(Builder b) {
    super(b.params, b.c.lr, AdamConfig.stateNames(b.c.amsgrad), true);
    this.config = b.c.copy();
  }

  /** A builder over {@code params} with PyTorch's defaults. */
  public static Builder builder(List<Tensor> params) {
    return new Builder(checkNotNull(params, "Adam.builder: params is null"));
  }

  @Override
  public void step() {
    AdamConfig.step(this, config, false, created);
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

  /** Adam's hyper-parameters; {@link #build()} checks them all. */
  public static final class Builder {
    private final List<Tensor> params;
    private final AdamConfig c = new AdamConfig(0);

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

    public Adam build() {
      c.check("Adam");
      return new Adam(this);
    }
  }
}
