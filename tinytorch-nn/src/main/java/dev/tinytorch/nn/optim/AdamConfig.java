package dev.tinytorch.nn.optim;

import static com.google.common.base.Preconditions.checkArgument;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.OptimizerKernels;
import dev.tinytorch.tensor.Tensor;
import java.util.List;

/** The hyper-parameters and the step shared by {@link Adam} and {@link AdamW}. */
final class AdamConfig {
  double lr = 1e-3;
  double beta1 = 0.9;
  double beta2 = 0.999;
  double eps = 1e-8;
  double weightDecay;
  boolean amsgrad;

  AdamConfig(double weightDecay) {
    this.weightDecay = weightDecay;
  }

  AdamConfig copy() {
    AdamConfig c = new AdamConfig(weightDecay);
    c.lr = lr;
    c.beta1 = beta1;
    c.beta2 = beta2;
    c.eps = eps;
    c.amsgrad = amsgrad;
    return c;
  }

  void check(String name) {
    Optimizer.checkRange(name, "beta1", beta1, 0, 1);
    Optimizer.checkRange(name, "beta2", beta2, 0, 1);
    checkArgument(Double.isFinite(eps) && eps >= 0, "%s: eps %s is out of range; it must be >= 0 (e.g. 1e-8)", name, eps);
    checkArgument(Double.isFinite(weightDecay) && weightDecay >= 0,
        "%s: weight decay %s is out of range; it must be >= 0", name, weightDecay);
  }

  static List<String> stateNames(boolean amsgrad) {
    return amsgrad ? List.of("exp_avg", "exp_avg_sq", "max_exp_avg_sq") : List.of("exp_avg", "exp_avg_sq");
  }

  /** One step of either optimizer; {@code decoupled} is AdamW's decay. */
  static void step(Optimizer opt, AdamConfig c, boolean decoupled, boolean[] created) {
    try (var guard = opt.enterStep("step"); var off = GradMode.off()) {
      List<Tensor> params = opt.parameters();
      for (int i = 0; i < params.size(); i++) {
        Tensor p = params.get(i);
        Tensor g = Optimizer.denseGrad(p);
        if (g == null) {
          continue;
        }
        Tensor[] s = opt.state(i, created);
        long t = opt.nextStep(i);
        OptimizerKernels.adam(p, g, s[0], s[1], c.amsgrad ? s[2] : null, t, opt.lr(), c.beta1, c.beta2, c.eps,
            c.weightDecay, decoupled);
      }
    }
  }
}
