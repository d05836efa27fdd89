package dev.tinytorch.autograd;

import dev.tinytorch.autograd.functions.*;
import dev.tinytorch.tensor.Conv2dParams;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.GeluApproximation;
import dev.tinytorch.tensor.KernelOps;
import dev.tinytorch.tensor.Ops;
import dev.tinytorch.tensor.Tensor;

/**
 * The recording op table, found by {@link java.util.ServiceLoader} when tinytorch-autograd is on
 * the classpath: each op runs its forward kernel and, when gradients are recorded and an input
 * requires grad, attaches its backward rule to the result. Implementing {@link Ops} (which has no
 * default methods) makes a forgotten op a compile error.
 */
public final class AutogradOps implements Ops {
  private static final KernelOps K = KernelOps.INSTANCE;

  /** Used by ServiceLoader. */
  public AutogradOps() {}

  private static boolean tracks(Tensor a) {
    return a.requiresGrad() && GradMode.isEnabled();
  }

  private static boolean tracks(Tensor a, Tensor b) {
    return (a.requiresGrad() || b.requiresGrad()) && GradMode.isEnabled();
  }

  private static Tensor record(Tensor out, Function fn, Tensor... inputs) {
    fn.connect(out, inputs);
    return out.setGradFn(fn);
  }

  @Override
  public Tensor add(Tensor a, Tensor b) {
    Tensor out = K.add(a, b);
    return tracks(a, b) ? record(out, new AddBackward(), a, b) : out;
  }

  @Override
  public Tensor sub(Tensor a, Tensor b) {
    Tensor out = K.sub(a, b);
    return tracks(a, b) ? record(out, new SubBackward(), a, b) : out;
  }

  @Override
  public Tensor mul(Tensor a, Tensor b) {
    Tensor out = K.mul(a, b);
    return tracks(a, b) ? record(out, new MulBackward(a, b), a, b) : out;
  }

  @Override
  public Tensor div(Tensor a, Tensor b) {
    Tensor out = K.div(a, b);
    return tracks(a, b) ? record(out, new DivBackward(a, b), a, b) : out;
  }

  @Override
  public Tensor maximum(Tensor a, Tensor b) {
    Tensor out = K.maximum(a, b);
    return tracks(a, b) ? record(out, new MaximumBackward(a, b), a, b) : out;
  }

  @Override
  public Tensor minimum(Tensor a, Tensor b) {
    Tensor out = K.minimum(a, b);
    return tracks(a, b) ? record(out, new MinimumBackward(a, b), a, b) : out;
  }

  @Override
  public Tensor pow(Tensor a, double exponent) {
    Tensor out = K.pow(a, exponent);
    return tracks(a) ? record(out, new PowBackward(a, exponent), a) : out;
  }

  @Override
  public Tensor neg(Tensor a) {
    Tensor out = K.neg(a);
    return tracks(a) ? record(out, new NegBackward(), a) : out;
  }

  @Override
  public Tensor exp(Tensor a) {
    Tensor out = K.exp(a);
    return tracks(a) ? record(out, new ExpBackward(out), a) : out;
  }

  @Override
  public Tensor log(Tensor a) {
    Tensor out = K.log(a);
    return tracks(a) ? record(out, new LogBackward(a), a) : out;
  }

  @Override
  public Tensor sqrt(Tensor a) {
    Tensor out = K.sqrt(a);
    return tracks(a) ? record(out, new SqrtBackward(out), a) : out;
  }

  @Override
  public Tensor abs(Tensor a) {
    Tensor out = K.abs(a);
    return tracks(a) ? record(out, new AbsBackward(a), a) : out;
  }

  @Override
  public Tensor tanh(Tensor a) {
    Tensor out = K.tanh(a);
    return tracks(a) ? record(out, new TanhBackward(out), a) : out;
  }

  @Override
  public Tensor sigmoid(Tensor a) {
    Tensor out = K.sigmoid(a);
    return tracks(a) ? record(out, new SigmoidBackward(out), a) : out;
  }

  @Override
  public Tensor relu(Tensor a) {
    Tensor out = K.relu(a);
    return tracks(a) ? record(out, new ReLUBackward(a), a) : out;
  }

  @Override
  public Tensor gelu(Tensor a, GeluApproximation approximation) {
    Tensor out = K.gelu(a, approximation);
    return tracks(a) ? record(out, new GeluBackward(a, approximation), a) : out;
  }

  @Override
  public Tensor erf(Tensor a) {
    Tensor out = K.erf(a);
    return tracks(a) ? record(out, new ErfBackward(a), a) : out;
  }

  @Override
  public Tensor clamp(Tensor a, double min, double max) {
    Tensor out = K.clamp(a, min, max);
    return tracks(a) ? record(out, new ClampBackward(a, min, max), a) : out;
  }

  @Override
  public Tensor sum(Tensor a, int[] dims, boolean keepDim) {
    Tensor out = K.sum(a, dims, keepDim);
    return tracks(a) ? record(out, new SumBackward(a.shape(), dims, keepDim), a) : out;
  }

  @Override
  public Tensor mean(Tensor a, int[] dims, boolean keepDim) {
    Tensor out = K.mean(a, dims, keepDim);
    return tracks(a) ? record(out, new MeanBackward(a.shape(), dims, keepDim), a) : out;
  }

  @Override
  public Tensor max(Tensor a, int[] dims, boolean keepDim) {
    Tensor out = K.max(a, dims, keepDim);
    return tracks(a) ? record(out, new MaxBackward(a, dims, keepDim, true), a) : out;
  }

  @Override
  public Tensor min(Tensor a, int[] dims, boolean keepDim) {
    Tensor out = K.min(a, dims, keepDim);
    return tracks(a) ? record(out, new MaxBackward(a, dims, keepDim, false), a) : out;
  }

  @Override
  public Tensor var(Tensor a, int[] dims, double correction, boolean keepDim) {
    Tensor out = K.var(a, dims, correction, keepDim);
    return tracks(a) ? record(out, new VarBackward(a, dims, correction, keepDim), a) : out;
  }

  @Override
  public Tensor softmax(Tensor a, int dim) {
    Tensor out = K.softmax(a, dim);
    return tracks(a) ? record(out, new SoftmaxBackward(out, dim), a) : out;
  }

  @Override
  public Tensor logSoftmax(Tensor a, int dim) {
    Tensor out = K.logSoftmax(a, dim);
    return tracks(a) ? record(out, new LogSoftmaxBackward(out, dim), a) : out;
  }

  @Override
  public Tensor matmul(Tensor a, Tensor b) {
    Tensor out = K.matmul(a, b);
    return tracks(a, b) ? record(out, new MatmulBackward(a, b), a, b) : out;
  }

  @Override
  public Tensor unfold(Tensor input, Conv2dParams params) {
    Tensor out = K.unfold(input, params);
    return tracks(input) ? record(out, new UnfoldBackward(input.size(2), input.size(3), params), input) : out;
  }

  @Override
  public Tensor fold(Tensor input, int outputH, int outputW, Conv2dParams params) {
    Tensor out = K.fold(input, outputH, outputW, params);
    return tracks(input) ? record(out, new FoldBackward(params), input) : out;
  }

  /** Index tensors hold positions: refused when they require grad, as crossEntropy's targets are. */
  private static void refuseIndexGrad(String op, Tensor index) {
    if (index != null && index.requiresGrad()) {
      throw new IllegalArgumentException(
          op + ": the index holds positions, which have no gradient, but it requires grad; pass index.detach()");
    }
  }

  @Override
  public Tensor indexSelect(Tensor a, int dim, Tensor index) {
    refuseIndexGrad("indexSelect", index);
    Tensor out = K.indexSelect(a, dim, index);
    return tracks(a) ? record(out, new IndexSelectBackward(a.shape(), dim, index), a) : out;
  }

  @Override
  public Tensor indexAdd(Tensor a, int dim, Tensor index, Tensor source) {
    refuseIndexGrad("indexAdd", index);
    Tensor out = K.indexAdd(a, dim, index, source);
    return tracks(a, source) ? record(out, new IndexAddBackward(dim, index), a, source) : out;
  }

  @Override
  public Tensor where(Tensor condition, Tensor a, Tensor b) {
    Tensor out = K.where(condition, a, b);
    // The condition is no input of the graph: where is piecewise constant in it.
    return tracks(a, b) ? record(out, new WhereBackward(condition, a.shape(), b.shape()), a, b) : out;
  }

  @Override
  public Tensor maxPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW) {
    if (input == null || !tracks(input)) {
      return K.maxPool2d(input, kernelH, kernelW, strideH, strideW);
    }
    // The positions of the maxima are recorded only when a backward rule will use them.
    Tensor[] out = K.maxPool2dWithIndices(input, kernelH, kernelW, strideH, strideW);
    return record(out[0], new MaxPool2dBackward(input.shape(), out[1]), input);
  }

  @Override
  public Tensor avgPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW) {
    Tensor out = K.avgPool2d(input, kernelH, kernelW, strideH, strideW);
    return tracks(input)
        ? record(out, new AvgPool2dBackward(input.shape(), kernelH, kernelW, strideH, strideW), input) : out;
  }

  @Override
  public Tensor reshape(Tensor a, int[] shape) {
    Tensor out = K.reshape(a, shape);
    return tracks(a) ? record(out, new ReshapeBackward(a.shape()), a) : out;
  }

  @Override
  public Tensor transpose(Tensor a, int dim0, int dim1) {
    Tensor out = K.transpose(a, dim0, dim1);
    return tracks(a) ? record(out, new TransposeBackward(dim0, dim1), a) : out;
  }

  @Override
  public Tensor permute(Tensor a, int[] dims) {
    Tensor out = K.permute(a, dims);
    return tracks(a) ? record(out, new PermuteBackward(dims), a) : out;
  }

  @Override
  public Tensor expand(Tensor a, int[] shape) {
    Tensor out = K.expand(a, shape);
    return tracks(a) ? record(out, new ExpandBackward(a.shape()), a) : out;
  }

  @Override
  public Tensor narrow(Tensor a, int dim, int start, int length) {
    Tensor out = K.narrow(a, dim, start, length);
    return tracks(a) ? record(out, new NarrowBackward(a.shape(), dim, start), a) : out;
  }

  @Override
  public Tensor select(Tensor a, int dim, int index) {
    Tensor out = K.select(a, dim, index);
    return tracks(a) ? record(out, new SelectBackward(a.shape(), dim, index), a) : out;
  }

  @Override
  public Tensor unsqueeze(Tensor a, int dim) {
    Tensor out = K.unsqueeze(a, dim);
    return tracks(a) ? record(out, new UnsqueezeBackward(dim), a) : out;
  }

  @Override
  public Tensor squeeze(Tensor a, int[] dims) {
    Tensor out = K.squeeze(a, dims);
    return tracks(a) ? record(out, new SqueezeBackward(a.shape()), a) : out;
  }

  @Override
  public Tensor cat(Tensor[] tensors, int dim) {
    Tensor out = K.cat(tensors, dim);
    return Function.anyRequiresGrad(tensors) && GradMode.isEnabled()
        ? record(out, new CatBackward(tensors, dim), tensors) : out;
  }

  @Override
  public Tensor stack(Tensor[] tensors, int dim) {
    Tensor out = K.stack(tensors, dim);
    return Function.anyRequiresGrad(tensors) && GradMode.isEnabled()
        ? record(out, new StackBackward(tensors.length, dim), tensors) : out;
  }

  @Override
  public Tensor contiguous(Tensor a) {
    Tensor out = K.contiguous(a);
    // Already contiguous: the same tensor comes back and is already in the graph.
    return out != a && tracks(a) ? record(out, new ContiguousBackward(), a) : out;
  }

  @Override
  public Tensor clone(Tensor a) {
    Tensor out = K.clone(a);
    return tracks(a) ? record(out, new CloneBackward(), a) : out;
  }

  @Override
  public Tensor to(Tensor a, DType dtype) {
    Tensor out = K.to(a, dtype);
    return out != a && tracks(a) ? record(out, new ToBackward(a.dtype()), a) : out;
  }

  @Override
  public Tensor mseLoss(Tensor prediction, Tensor target) {
    Tensor out = K.mseLoss(prediction, target);
    return tracks(prediction, target)
        ? record(out, new MSEBackward(prediction, target), prediction, target) : out;
  }

  @Override
  public Tensor binaryCrossEntropy(Tensor prediction, Tensor target) {
    Tensor out = K.binaryCrossEntropy(prediction, target);
    return tracks(prediction, target)
        ? record(out, new BCEBackward(prediction, target), prediction, target) : out;
  }

  @Override
  public Tensor crossEntropy(Tensor logits, Tensor target) {
    if (target.requiresGrad()) {
      throw new IllegalArgumentException(
          "crossEntropy: the target holds class indices, which have no gradient; pass target.detach()");
    }
    Tensor out = K.crossEntropy(logits, target);
    return tracks(logits) ? record(out, new CrossEntropyBackward(logits, target), logits, target) : out;
  }

  @Override
  public boolean isGradEnabled() {
    return GradMode.isEnabled();
  }

  @Override
  public void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
    Engine.backward(root, gradient, retainGraph, createGraph);
  }
}
