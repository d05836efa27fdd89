package dev.tinytorch.autograd.functions;

import dev.tinytorch.autograd.Function;
import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.ReluMaxPool;
import dev.tinytorch.tensor.Tensor;

/**
 * {@code x.relu().maxPool2d(kh, kw, sh, sw)} for a FLOAT32 x as one node of the graph, over
 * {@link ReluMaxPool}: what tinytorch-nn records for a ReLU layer followed by a MaxPool2d layer
 * ({@code new ReluMaxPool2dFunction(2, 2, 2, 2).apply(x)}). The forward writes only the pooled
 * values and one index per window; the backward (with recording off) is one scatter into the
 * input gradient, the same values as the two nodes' rules, which under createGraph it runs
 * instead, in their differentiable form ({@code zeros.indexAdd(argmax, g)} then
 * {@code * (x > 0)}).
 *
 * <p>It saves x only for that form: a reference to a tensor the composition kept alive too (the
 * ReLU node saved it), and like the composition's its backward fails if x was changed in place.
 * It lives with the built-in rules so that the backward pass takes its fresh gradient as its own.
 */
public final class ReluMaxPool2dFunction extends Function {
  private static final Tensor ZERO_F32 = Tensor.scalar(0.0, DType.FLOAT32);

  private final int kh;
  private final int kw;
  private final int sh;
  private final int sw;
  private int[] inputShape;
  private int[] argmax;
  private int[] outputShape;

  public ReluMaxPool2dFunction(int kh, int kw, int sh, int sw) {
    this.kh = kh;
    this.kw = kw;
    this.sh = sh;
    this.sw = sw;
  }

  @Override
  protected Tensor forward(Tensor... in) {
    Tensor x = in[0];
    ReluMaxPool.Result r = ReluMaxPool.forward(x, kh, kw, sh, sw, true);
    saveForBackward(x);
    inputShape = x.shape();
    argmax = r.argmax();
    outputShape = r.values().shape();
    return r.values();
  }

  @Override
  public Tensor[] backward(Tensor gradOutput) {
    Tensor x = savedTensors()[0];
    if (!GradMode.isEnabled()) {
      return new Tensor[] {ReluMaxPool.backward(gradOutput, argmax, inputShape, kh, kw, sh, sw)};
    }
    int numel = x.numel();
    Tensor pooled = Tensor.zeros(gradOutput.dtype(), numel)
        .indexAdd(0, ReluMaxPool.positions(argmax, outputShape).flatten(), gradOutput.flatten()).reshape(inputShape);
    return new Tensor[] {pooled.mul(x.gt(ZERO_F32))};
  }
}
