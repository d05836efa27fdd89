package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.OptimizerKernels;
import dev.tinytorch.tensor.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent, torch.optim.SGD (PyTorch 1.13, {@code foreach=False}): with weight
 * decay {@code g = grad + wd * p}; with momentum the buffer starts as the first such {@code g} and
 * then {@code buf = momentum * buf + (1 - dampening) * g}, the step using {@code buf} or, Nesterov,
 * {@code g + momentum * buf}; then {@code p -= lr * g}. Defaults as PyTorch's: momentum 0,
 * dampening 0, no Nesterov, weight decay 0; the learning rate has no default (PyTorch requires it).
 * Each parameter is updated in one fused pass ({@link OptimizerKernels#sgd}).
 *
 * <pre>{@code
 * Optimizer opt = SGD.builder(model.parameters()).lr(0.1).momentum(0.9).nesterov(true).weightDecay(5e-4).build();
 * }</pre>
 */
public final class SGD extends Optimizer {
  private final double momentum;
  private final double dampening;
  private final boolean nesterov;
  private final double weightDecay;
  private final boolean[] created = new boolean[1];

  /** Plain SGD: {@code p -= lr * grad}. */
  public SGD(List<Tensor> params, double lr) {
    this(builder(params).lr(lr));
  }

  private SGD(Builder b) {
    super(b.params, b.lr, b.momentum != 0 ? List.of("momentum_buffer") : List.of(), false);
    this.momentum = b.momentum;
    this.dampening = b.dampening;
    this.nesterov = b.nesterov;
    this.weightDecay = b.weightDecay;
  }

  /** A builder over {@code params}; set at least {@link Builder#lr}. */
  public static Builder builder(List<Tensor> params) {
    return new Builder(checkNotNull(params, "SGD.builder: params is null"));
  }

  @Override
  public void step() {
    try (var guard = enterStep("step"); var off = GradMode.off()) {
      List<Tensor> params = parameters();
      for (int i = 0; i < params.size(); i++) {
        Tensor p = params.get(i);
        Tensor g = denseGrad(p);
        if (g == null) {
          continue;
        }
        Tensor buf = null;
        boolean first = false;
        if (momentum != 0) {
          buf = state(i, created)[0];
          first = created[0];
        }
        OptimizerKernels.sgd(p, g, buf, first, lr(), momentum, dampening, nesterov, weightDecay);
      }
    }
  }

  public double momentum() {
    return momentum;
  }

  public double dampening() {
    return dampening;
  }

  public boolean nesterov() {
    return nesterov;
  }

  public double weightDecay() {
    return weightDecay;
  }

  /** SGD's hyper-parameters; {@link #build()} checks them all. */
  public static final class Builder {
    private final List<Tensor> params;
    private double lr = Double.NaN;
    private double momentum;
    private double dampening;
    private boolean nesterov;
    private double weightDecay;

    private Builder(List<Tensor> params) {
      this.params = params;
    }

    public Builder lr(double lr) {
      this.lr = lr;
      return this;
    }

    public Builder momentum(double momentum) {
      this.momentum = momentum;
      return this;
    }

    public Builder dampening(double dampening) {
      this.dampening = dampening;
      return this;
    }

    public Builder nesterov(boolean nesterov) {
      this.nesterov = nesterov;
      return this;
    }

    public Builder weightDecay(double weightDecay) {
      this.weightDecay = weightDecay;
      return this;
    }

    public SGD build() {
      checkArgument(!Double.isNaN(lr), "SGD: no learning rate; call lr(...) (PyTorch has no default either)");
      checkArgument(Double.isFinite(momentum) && momentum >= 0, "SGD: momentum %s is out of range; it must be >= 0", momentum);
      checkArgument(Double.isFinite(dampening), "SGD: dampening %s is not finite", dampening);
      checkArgument(Double.isFinite(weightDecay) && weightDecay >= 0,
          "SGD: weight decay %s is out of range; it must be >= 0", weightDecay);
      checkArgument(!nesterov || (momentum > 0 && dampening == 0),
          "SGD: Nesterov momentum needs momentum > 0 and dampening 0 (got momentum %s, dampening %s)",
          momentum, dampening);
      return new SGD(this);
    }
  }
}
