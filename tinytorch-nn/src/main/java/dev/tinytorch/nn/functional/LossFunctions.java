package dev.tinytorch.nn.functional;

import dev.tinytorch.nn.Reduction;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Losses;
import dev.tinytorch.tensor.Tensor;

/**
 * The losses behind {@link F}'s loss functions and the loss objects, with PyTorch 1.13's semantics.
 *
 * <p>The MEAN, unweighted, unsmoothed cases run the fused kernels of {@link Losses} (one pass, one
 * backward rule); every other case is composed from differentiable ops, so its gradients of every
 * order come from the ops' rules. The tests hold the composed forms against the fused ones. Every
 * method checks all of its input before any tensor work; {@code op} names the caller in messages.
 */
final class LossFunctions {
  private LossFunctions() {}

  static Tensor mse(String op, Tensor input, Tensor target, Reduction reduction) {
    LossChecks.notNull(op, input, "input", target, reduction);
    LossChecks.sameShape(op, "input", input, target);
    if (reduction == Reduction.MEAN) {
      return Losses.mse(input, target);
    }
    return reduce(input.sub(target).square(), reduction);
  }

  static Tensor binaryCrossEntropy(String op, Tensor p, Tensor target, Tensor weight, Reduction reduction) {
    LossChecks.notNull(op, p, "input", target, reduction);
    LossChecks.sameShape(op, "input", p, target);
    if (weight != null) {
      LossChecks.broadcastsTo(op, "weight", weight, p.shape());
    }
    LossChecks.probabilities(op, "input", p);
    if (reduction == Reduction.MEAN && weight == null) {
      return Losses.binaryCrossEntropy(p, target);
    }
    Tensor loss = new BinaryCrossEntropyPointwise().apply(p, target);
    return reduce(weight == null ? loss : loss.mul(weight), reduction);
  }

  /**
   * PyTorch 1.13's formula, {@code (1 - t) x + m + log(exp(-m) + exp(-x - m))} with {@code m = max(-x, 0)}:
   * every exp has an argument <= 0, so no logit overflows it, and the log's argument is in [1, 2].
   * The simpler {@code relu(x) - x t + log(1 + exp(-|x|))} has the same values but, with relu'(0) =
   * abs'(0) = 0, the gradient -t at x = 0 instead of 1/2 - t; here m's derivative cancels, so any
   * choice at the kink gives sigmoid(x) - t. With {@code posWeight} the softplus term is scaled by
   * {@code 1 + (posWeight - 1) t}, as PyTorch's.
   */
  static Tensor binaryCrossEntropyWithLogits(
      String op, Tensor x, Tensor target, Tensor weight, Tensor posWeight, Reduction reduction) {
    LossChecks.notNull(op, x, "logits", target, reduction);
    LossChecks.sameShape(op, "logits", x, target);
    if (weight != null) {
      LossChecks.broadcastsTo(op, "weight", weight, x.shape());
    }
    if (posWeight != null) {
      LossChecks.broadcastsTo(op, "posWeight", posWeight, x.shape());
    }
    Tensor m = x.neg().relu();
    Tensor logTerm = m.neg().exp().add(x.neg().sub(m).exp()).log();
    Tensor loss;
    if (posWeight == null) {
      loss = target.rsub(1.0).mul(x).add(m).add(logTerm);
    } else {
      Tensor logWeight = posWeight.sub(1.0).mul(target).add(1.0);
      loss = target.rsub(1.0).mul(x).add(logWeight.mul(logTerm.add(m)));
    }
    return reduce(weight == null ? loss : loss.mul(weight), reduction);
  }

  /**
   * Cross-entropy of logits against class indices: {@code logSoftmax} over the class dim, then the
   * negative log-likelihood, with label smoothing {@code eps} as PyTorch's:
   * {@code (1 - eps) nll + eps / C * sum_c(-w_c logp_c)}, each part reduced as the NLL is.
   */
  static Tensor crossEntropy(String op, Tensor logits, Tensor target, Tensor weight, int ignoreIndex,
      Reduction reduction, double labelSmoothing) {
    LossChecks.notNull(op, logits, "logits", target, reduction);
    LossChecks.smoothing(op, labelSmoothing);
    ClassTargets ct = ClassTargets.of(op, "logits", logits, target, weight, ignoreIndex);
    if (reduction == Reduction.MEAN && labelSmoothing == 0 && weight == null && ct.noneIgnored() && ct.count() > 0) {
      // Indices in the logits' dtype, so the result has it (as PyTorch's) rather than a promoted one.
      return Losses.crossEntropy(ct.rows, ct.targetTensor(logits.dtype()));
    }
    return classLoss(ct, ct.rows.logSoftmax(1), weight, reduction, labelSmoothing);
  }

  /** {@code -logProbs[i, t_i]} (times {@code weight[t_i]}), reduced; ignored targets count for nothing. */
  static Tensor nllLoss(String op, Tensor logProbs, Tensor target, Tensor weight, int ignoreIndex,
      Reduction reduction) {
    LossChecks.notNull(op, logProbs, "logProbs", target, reduction);
    ClassTargets ct = ClassTargets.of(op, "logProbs", logProbs, target, weight, ignoreIndex);
    return classLoss(ct, ct.rows, weight, reduction, 0);
  }

  private static Tensor classLoss(ClassTargets ct, Tensor logp, Tensor weight, Reduction reduction, double eps) {
    DType dtype = logp.dtype();
    int classes = ct.classes;
    int[] kept = ct.kept;
    // -logp[r, t_r] by position in the flat [M * C] log-probabilities. Picking (not a product with
    // one-hot rows) keeps a -inf log-probability of another class from turning the loss into NaN.
    double[] at = new double[kept.length];
    for (int k = 0; k < kept.length; k++) {
      at[k] = (double) kept[k] * classes + ct.targets[kept[k]];
    }
    Tensor nll = Gather.pick(logp.reshape(-1), at).neg();
    double denominator = kept.length;
    Tensor w = weight == null ? null : weight.detach().to(dtype);
    if (w != null) {
      double[] wc = weight.toDoubleArray();
      double[] wk = new double[kept.length];
      denominator = 0;
      for (int k = 0; k < kept.length; k++) {
        wk[k] = wc[(int) ct.targets[kept[k]]];
        denominator += wk[k];
      }
      nll = nll.mul(Tensor.of(wk, kept.length).to(dtype));
    }
    Tensor smooth = null;
    if (eps > 0) {
      Tensor keptRows = ct.noneIgnored() ? logp : Gather.rows(logp, kept);
      smooth = (w == null ? keptRows : keptRows.mul(w)).sum(1).neg();
    }
    switch (reduction) {
      case NONE: {
        Tensor perSample = smooth == null ? nll : nll.mul(1 - eps).add(smooth.mul(eps / classes));
        if (!ct.noneIgnored()) {
          perSample = Gather.spread(perSample, kept, ct.count());
        }
        return perSample.reshape(ct.targetShape);
      }
      case SUM:
        return smooth == null ? nll.sum() : nll.sum().mul(1 - eps).add(smooth.sum().mul(eps / classes));
      case MEAN:
      default: {
        Tensor mean = nll.sum().div(denominator);
        return smooth == null ? mean : mean.mul(1 - eps).add(smooth.sum().div(denominator).mul(eps / classes));
      }
    }
  }

  private static Tensor reduce(Tensor perElement, Reduction reduction) {
    switch (reduction) {
      case SUM:
        return perElement.sum();
      case NONE:
        return perElement;
      case MEAN:
      default:
        return perElement.mean();
    }
  }
}
