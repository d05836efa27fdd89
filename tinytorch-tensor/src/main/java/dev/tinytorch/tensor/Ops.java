package dev.tinytorch.tensor;

/**
 * The op table every differentiable {@link Tensor} method dispatches through: the seam at which
 * tinytorch-autograd enhances Tensor, as PyTorch's dispatcher has an Autograd layer.
 *
 * <p>tinytorch-tensor ships {@link KernelOps}: forward kernels, no graph. tinytorch-autograd
 * registers a recording table with {@link java.util.ServiceLoader}; {@link Tensor} picks it up once,
 * at class initialisation. The interface has no default methods on purpose: a table that forgets
 * an op does not compile, so no op can go silently untracked.
 *
 * <p>Arguments arrive normalised by Tensor: dims are wrapped into [0, rank) and sorted, "all dims"
 * is the explicit list, shapes hold no -1. Implementations check compatibility (broadcast,
 * matmul inner dims) and throw {@link IllegalArgumentException} before doing any work.
 */
public interface Ops {
  // ---- elementwise, broadcasting, dtype-promoting ----
  Tensor add(Tensor a, Tensor b);

  Tensor sub(Tensor a, Tensor b);

  Tensor mul(Tensor a, Tensor b);

  Tensor div(Tensor a, Tensor b);

  Tensor maximum(Tensor a, Tensor b);

  Tensor minimum(Tensor a, Tensor b);

  Tensor pow(Tensor a, double exponent);

  Tensor neg(Tensor a);

  Tensor exp(Tensor a);

  Tensor log(Tensor a);

  Tensor sqrt(Tensor a);

  Tensor abs(Tensor a);

  Tensor tanh(Tensor a);

  Tensor sigmoid(Tensor a);

  Tensor relu(Tensor a);

  Tensor gelu(Tensor a, GeluApproximation approximation);

  /** The Gauss error function; GELU's backward is written with it. */
  Tensor erf(Tensor a);

  /** Clamp into [min, max]; an open side is passed as an infinity. */
  Tensor clamp(Tensor a, double min, double max);

  // ---- reductions over sorted, wrapped dims ----
  Tensor sum(Tensor a, int[] dims, boolean keepDim);

  Tensor mean(Tensor a, int[] dims, boolean keepDim);

  Tensor max(Tensor a, int[] dims, boolean keepDim);

  Tensor min(Tensor a, int[] dims, boolean keepDim);

  /** Variance with Bessel-style {@code correction} (1 = unbiased, PyTorch's default; 0 = population). */
  Tensor var(Tensor a, int[] dims, double correction, boolean keepDim);

  Tensor softmax(Tensor a, int dim);

  Tensor logSoftmax(Tensor a, int dim);

  // ---- linear algebra ----
  Tensor matmul(Tensor a, Tensor b);

  // ---- im2col: the building blocks of convolution ----
  /** Sliding windows of an NCHW input as columns [N, C*kh*kw, L], torch.nn.functional.unfold. */
  Tensor unfold(Tensor input, Conv2dParams params);

  /** Columns [N, C*kh*kw, L] summed back into [N, C, outputH, outputW], torch.nn.functional.fold. */
  Tensor fold(Tensor input, int outputH, int outputW, Conv2dParams params);

  // ---- indexing: index tensors hold whole numbers, checked before any work ----
  /** Entries {@code index[k]} of {@code dim} (1-D index), {@code torch.index_select}. */
  Tensor indexSelect(Tensor a, int dim, Tensor index);

  /** {@code a} plus {@code source} added at {@code index} along {@code dim}, {@code torch.index_add} out of place. */
  Tensor indexAdd(Tensor a, int dim, Tensor index, Tensor source);

  /** {@code a} where {@code condition} is nonzero, else {@code b}; all three broadcast, {@code torch.where}. */
  Tensor where(Tensor condition, Tensor a, Tensor b);

  // ---- pooling over NCHW, no padding: windows floor((H - k) / s) + 1 per side ----
  /** The maximum of each kernelH x kernelW window, {@code torch.nn.functional.max_pool2d}. */
  Tensor maxPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW);

  /** The mean of each kernelH x kernelW window, {@code torch.nn.functional.avg_pool2d}. */
  Tensor avgPool2d(Tensor input, int kernelH, int kernelW, int strideH, int strideW);

  // ---- shape ops: views where the strides allow ----
  /** Reshape to a fully resolved shape; a view when the strides allow, a copy otherwise. */
  Tensor reshape(Tensor a, int[] shape);

  Tensor transpose(Tensor a, int dim0, int dim1);

  Tensor permute(Tensor a, int[] dims);

  /** Expand to a resolved shape of equal or higher rank (no -1). */
  Tensor expand(Tensor a, int[] shape);

  Tensor narrow(Tensor a, int dim, int start, int length);

  Tensor select(Tensor a, int dim, int index);

  Tensor unsqueeze(Tensor a, int dim);

  /** Removes the listed dims, each of size 1. */
  Tensor squeeze(Tensor a, int[] dims);

  Tensor cat(Tensor[] tensors, int dim);

  Tensor stack(Tensor[] tensors, int dim);

  /** A contiguous copy, or {@code a} itself when it is already contiguous. */
  Tensor contiguous(Tensor a);

  /** A fresh contiguous copy that shares nothing with {@code a}. */
  Tensor clone(Tensor a);

  /** Converts to another dtype; returns {@code a} when it already has it. */
  Tensor to(Tensor a, DType dtype);

  // ---- fused losses, each a single stable rule (tinygrad keeps these too) ----
  /** Mean of (prediction - target)^2; the target is a constant. */
  Tensor mseLoss(Tensor prediction, Tensor target);

  /** Mean binary cross-entropy of probabilities, each log clamped at -100 as PyTorch does. */
  Tensor binaryCrossEntropy(Tensor prediction, Tensor target);

  /** Mean of -logSoftmax(logits)[i, target[i]] for logits [N, C] and class indices [N]. */
  Tensor crossEntropy(Tensor logits, Tensor target);

  // ---- the engine ----
  /** Whether ops record the graph on this thread now. The kernel table never records. */
  boolean isGradEnabled();

  /** Back-propagates from {@code root}; {@code gradient} has root's shape. */
  void backward(Tensor root, Tensor gradient, boolean retainGraph, boolean createGraph);
}
