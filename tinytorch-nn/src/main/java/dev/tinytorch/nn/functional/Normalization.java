package dev.tinytorch.nn.functional;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/**
 * Layer and batch normalisation composed from differentiable ops (mean, biased var, sub, div, sqrt,
 * mul, add), so every gradient, second order included, is the ops' own exact rules.
 */
final class Normalization {
  private Normalization() {}

  static Tensor layerNorm(Tensor x, int[] shape, Tensor weight, Tensor bias, double eps) {
    checkArgument(shape.length > 0, "layerNorm: normalizedShape is empty; pass the trailing dims to normalise over");
    checkArgument(eps >= 0 && Double.isFinite(eps), "layerNorm: eps must be finite and >= 0, got %s", eps);
    int k = shape.length;
    int[] xs = x.shape();
    checkArgument(xs.length >= k && Arrays.equals(Arrays.copyOfRange(xs, xs.length - k, xs.length), shape),
        "layerNorm: input %s does not end in normalizedShape %s; the last %s dims of the input must be %s",
        Arrays.toString(xs), Arrays.toString(shape), k, Arrays.toString(shape));
    checkAffine("layerNorm", "weight", weight, shape);
    checkAffine("layerNorm", "bias", bias, shape);
    int[] dims = new int[k];
    for (int i = 0; i < k; i++) {
      dims[i] = xs.length - k + i;
    }
    Tensor y = normalise(x, x.mean(dims, true), x.var(dims, 0, true), eps);
    return affine(y, weight, bias, shape);
  }

  static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
      boolean training, double momentum, double eps) {
    int[] xs = x.shape();
    checkArgument(xs.length >= 2, "batchNorm: input %s must be [N, C, ...] (rank >= 2)", Arrays.toString(xs));
    checkArgument(eps >= 0 && Double.isFinite(eps), "batchNorm: eps must be finite and >= 0, got %s", eps);
    checkArgument(momentum >= 0 && momentum <= 1, "batchNorm: momentum must be in [0, 1], got %s", momentum);
    int c = xs[1];
    int[] perChannel = {c};
    checkAffine("batchNorm", "runningMean", runningMean, perChannel);
    checkAffine("batchNorm", "runningVar", runningVar, perChannel);
    checkAffine("batchNorm", "weight", weight, perChannel);
    checkAffine("batchNorm", "bias", bias, perChannel);
    checkArgument((runningMean == null) == (runningVar == null),
        "batchNorm: pass both runningMean and runningVar, or neither");
    checkArgument(training || runningMean != null,
        "batchNorm: evaluation (training = false) normalises with the running statistics, which are null; "
            + "pass them, or training = true to use the batch's");
    // [1, C, 1, ...]: per-channel tensors broadcast along N and the spatial dims.
    int[] channelShape = new int[xs.length];
    Arrays.fill(channelShape, 1);
    channelShape[1] = c;
    if (!training) {
      Tensor y = normalise(x, runningMean.reshape(channelShape), runningVar.reshape(channelShape), eps);
      return affine(y, weight, bias, channelShape);
    }
    int perValue = c == 0 ? 0 : x.numel() / c;
    checkArgument(perValue > 1, "batchNorm: expected more than 1 value per channel when training, got input %s; "
        + "use a batch of 2 or more, or eval() mode", Arrays.toString(xs));
    if (runningMean != null) {
      // Checked before anything is computed, so the writes below cannot fail halfway.
      checkState(runningMean.gradFn() == null && runningVar.gradFn() == null,
          "batchNorm: the running statistics must be leaves (buffers), not results of other ops");
    }
    int[] dims = new int[xs.length - 1];
    dims[0] = 0;
    for (int i = 2; i < xs.length; i++) {
      dims[i - 1] = i;
    }
    Tensor mean = x.mean(dims, true);
    Tensor var = x.var(dims, 0, true);
    Tensor y = affine(normalise(x, mean, var, eps), weight, bias, channelShape);
    if (runningMean != null) {
      try (var off = GradMode.off()) {
        // PyTorch's update: the mean, and the UNBIASED variance, blended in with weight momentum.
        Tensor batchMean = mean.detach().reshape(c);
        Tensor unbiased = var.detach().reshape(c).mul((double) perValue / (perValue - 1));
        Tensor newMean = runningMean.mul(1 - momentum).add(batchMean.mul(momentum));
        Tensor newVar = runningVar.mul(1 - momentum).add(unbiased.mul(momentum));
        runningMean.copyFrom(newMean);
        runningVar.copyFrom(newVar);
      }
    }
    return y;
  }

  private static Tensor normalise(Tensor x, Tensor mean, Tensor var, double eps) {
    return x.sub(mean).div(var.add(eps).sqrt());
  }

  private static Tensor affine(Tensor y, Tensor weight, Tensor bias, int[] shape) {
    if (weight != null) {
      y = y.mul(weight.reshape(shape));
    }
    if (bias != null) {
      y = y.add(bias.reshape(shape));
    }
    return y;
  }

  private static void checkAffine(String op, String name, Tensor t, int[] shape) {
    checkArgument(t == null || Arrays.equals(t.shape(), shape), "%s: %s %s must be %s",
        op, name, t == null ? "" : Arrays.toString(t.shape()), Arrays.toString(shape));
  }
}
