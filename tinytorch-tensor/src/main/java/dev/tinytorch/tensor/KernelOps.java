package dev.tinytorch.tensor;

/**
 * The plain op table: forward kernels only, no graph. In use when tinytorch-autograd is absent;
 * the autograd table calls it for every forward computation.
 */
public final class KernelOps implements Ops {
  /** The one instance. */
  public static final KernelOps INSTANCE = new KernelOps();

  private KernelOps() {}

  @Override
  public Tensor add(Tensor a, Tensor b) {
    return Elementwise.binary(BinaryOp.ADD, a, b);
  }

  @Override
  public Tensor sub(Tensor a, Tensor b) {
    return Elementwise.binary(BinaryOp.SUB, a, b);
  }

  @Override
  public Tensor mul(Tensor a, Tensor b) {
    return Elementwise.binary(BinaryOp.MUL, a, b);
  }

  @Override
  public Tensor div(Tensor a, Tensor b) {
    return Elementwise.binary(BinaryOp.DIV, a, b);
  }

  @Override
  public Tensor maximum(Tensor a, Tensor b) {
    return Elementwise.binary(BinaryOp.MAXIMUM, a, b);
  }

  @Override
  public Tensor minimum(Tensor a, Tensor b) {
    return Elementwise.binary(BinaryOp.MINIMUM, a, b);
  }

  @Override
  public Tensor pow(Tensor a, double exponent) {
    return Elementwise.pow(a, exponent);
  }

  @Override
  public Tensor neg(Tensor a) {
    return Elementwise.unary(UnaryOp.NEG, a);
  }

  @Override
  public Tensor exp(Tensor a) {
    return Elementwise.unary(UnaryOp.EXP, a);
  }

  @Override
  public Tensor log(Tensor a) {
    return Elementwise.unary(UnaryOp.LOG, a);
  }

  @Override
  public Tensor sqrt(Tensor a) {
    return Elementwise.unary(UnaryOp.SQRT, a);
  }

  @Override
  public Tensor abs(Tensor a) {
    return Elementwise.unary(UnaryOp.ABS, a);
  }

  @Override
  public Tensor tanh(Tensor a) {
    return Elementwise.unary(UnaryOp.TANH, a);
  }

  @Override
  public Tensor sigmoid(Tensor a) {
    return Elementwise.unary(UnaryOp.SIGMOID, a);
  }

  @Override
  public Tensor relu(Tensor a) {
    return Elementwise.unary(UnaryOp.RELU, a);
  }

  @Override
  public Tensor gelu(Tensor a, GeluApproximation approximation) {
    return Elementwise.unary(approximation == GeluApproximation.TANH ? UnaryOp.GELU_TANH : UnaryOp.GELU, a);
  }

  @Override
  public Tensor erf(Tensor a) {
    return Elementwise.unary(UnaryOp.ERF, a);
  }

  @Override
  public Tensor clamp(Tensor a, double min, double max) {
    return Elementwise.clamp(a, min, max);
  }

  @Override
  public Tensor sum(Tensor a, int[] dims, boolean keepDim) {
    return Reductions.sum(a, dims, keepDim);
  }

  @Override
  public Tensor mean(Tensor a, int[] dims, boolean keepDim) {
    return Reductions.mean(a, dims, keepDim);
  }

  @Override
  public Tensor max(Tensor a, int[] dims, boolean keepDim) {
    return Reductions.max(a, dims, keepDim);
  }

  @Override
  public Tensor min(Tensor a, int[] dims, boolean keepDim) {
    return Reductions.min(a, dims, keepDim);
  }

  @Override
  public Tensor var(Tensor a, int[] dims, double correction, boolean keepDim) {
    return Reductions.var(a, dims, correction, keepDim);
  }

  @Override
  public Tensor softmax(Tensor a, int dim) {
    return Reductions.softmax(a, dim);
  }

  @Override
  public Tensor logSoftmax(Tensor a, int dim) {
    return Reductions.logSoftmax(a, dim);
  }

  @Override
  public Tensor matmul(Tensor a, Tensor b) {
    return MatMul.matmul(a, b);
  }

  @Override
  public Tensor unfold(Tensor input, Conv2dParams params) {
    return Im2Col.unfold(input, params);
  }

  @Override
  public Tensor fold(Tensor input, int outputH, int outputW, Conv2dParams params) {
    return Im2Col.fold(input, outputH, outputW, params);
  }

  @Override
  public Tensor indexSelect(Tensor a, int dim, Tensor index) {
    return IndexKernels.indexSelect(a, dim, index);
  }

  @Override
  public Tensor indexAdd(Tensor a, int dim, Tensor index, Tensor source) {
    return IndexKernels.indexAdd(a, dim, index, source);
  }

  @Override
  public Tensor where(Tensor condition, Tensor a, Tensor b) {
    return WhereKernel.where(condition, a, b);
  }

  @Override
  public Tensor maxPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW) {
    return Pool.maxPool2d(input, kernelH, kernelW, strideH, strideW, false)[0];
  }

  @Override
  public Tensor avgPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW) {
    return Pool.avgPool2d(input, kernelH, kernelW, strideH, strideW);
  }

  @Override
  public Tensor reshape(Tensor a, int[] shape) {
    return Views.reshape(a, shape);
  }

  @Override
  public Tensor transpose(Tensor a, int dim0, int dim1) {
    return Views.transpose(a, dim0, dim1);
  }

  @Override
  public Tensor permute(Tensor a, int[] dims) {
    return Views.permute(a, dims);
  }

  @Override
  public Tensor expand(Tensor a, int[] shape) {
    return Views.expand(a, shape);
  }

  @Override
  public Tensor narrow(Tensor a, int dim, int start, int length) {
    return Views.narrow(a, dim, start, length);
  }

  @Override
  public Tensor select(Tensor a, int dim, int index) {
    return Views.select(a, dim, index);
  }

  @Override
  public Tensor unsqueeze(Tensor a, int dim) {
    return Views.unsqueeze(a, dim);
  }

  @Override
  public Tensor squeeze(Tensor a, int[] dims) {
    return Views.squeeze(a, dims);
  }

  @Override
  public Tensor cat(Tensor[] tensors, int dim) {
    return Views.cat(tensors, dim);
  }

  @Override
  public Tensor stack(Tensor[] tensors, int dim) {
    return Views.stack(tensors, dim);
  }

  @Override
  public Tensor contiguous(Tensor a) {
    return Views.contiguous(a);
  }

  @Override
  public Tensor clone(Tensor a) {
    return Strided.materialize(a, a.dtype);
  }

  @Override
  public Tensor to(Tensor a, DType dtype) {
    return Views.to(a, dtype);
  }

  @Override
  public Tensor mseLoss(Tensor prediction, Tensor target) {
    return LossKernels.mse(prediction, target);
  }

  @Override
  public Tensor binaryCrossEntropy(Tensor prediction, Tensor target) {
    return LossKernels.binaryCrossEntropy(prediction, target);
  }

  @Override
  public Tensor crossEntropy(Tensor logits, Tensor target) {
    return LossKernels.crossEntropy(logits, target);
  }

  @Override
  public boolean isGradEnabled() {
    return false;
  }

  @Override
  public void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph) {
    throw new IllegalStateException(
        "backward: gradients need the autograd engine, which is not on the classpath; add the "
            + "dependency dev.tinytorch:tinytorch-autograd to enable it (no code change needed)");
  }

  // ---- kernels outside the op table, for backward rules: never differentiable ----

  /**
   * 1 at the first maximum (or minimum) of each group reduced over {@code dims}, 0 elsewhere, in
   * {@code a}'s shape and dtype: where max/min send their gradient.
   */
  public Tensor extremumMask(Tensor a, int[] dims, boolean isMax) {
    return Reductions.extremumMask(a, dims, isMax);
  }

  /** One-hot rows [N, numClasses] in {@code dtype} from class indices [N] held as numbers. */
  public Tensor oneHot(Tensor target, int numClasses, DType dtype) {
    return LossKernels.oneHot(target, numClasses, dtype);
  }

  /**
   * {@link #maxPool2d} and, in a second tensor of the output's shape, the flat position of each
   * maximum in the row-major input (FLOAT64 whole numbers in [0, input.numel())), the first one in
   * the window's row-major order: where max pooling's backward sends the gradient.
   */
  public Tensor[] maxPool2dWithIndices(Tensor input, int kernelH, int kernelW, int strideH, int strideW) {
    return Pool.maxPool2d(input, kernelH, kernelW, strideH, strideW, true);
  }
}
