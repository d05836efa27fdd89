package dev.tinytorch.tensor;

import java.util.Arrays;
import java.util.List;

/**
 * An N-dimensional array of FLOAT32 or FLOAT64 numbers, with the dormant gradient slots that
 * tinytorch-autograd wakes up: one tensor type, enhanced rather than wrapped (see DESIGN.md).
 *
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
 * Tensor y = x.matmul(x.transpose(0, 1)).add(1.0).relu();
 * System.out.println(y);   // tensor([[ 6., 12.],
 *                          //         [12., 26.]], dtype=FLOAT64)
 * }</pre>
 *
 * <p>Tensors are immutable values: every op returns a new tensor, and shape ops return O(1)
 * strided views sharing storage where they can. Only the explicit in-place methods
 * ({@link #copyFrom}, {@link #addInPlace}, ...) write, for optimizers updating parameters; they
 * bump a version counter so autograd can detect a saved tensor that changed.
 *
 * <p>Names follow PyTorch in camelCase. Where Java forces a change it says so: operators are
 * methods ({@code a.add(b)}), Python slicing is {@link #narrow}, {@link #slice} and {@link #select},
 * and index results (argmax) are FLOAT64 tensors because there is no integer dtype.
 */
public final class Tensor {
  // Not final only so that setData can move a parameter to another dtype in place (Module.to).
  Storage storage;
  DType dtype;
  final int[] shape;
  int[] strides;
  int offset;
  final int numel;

  private boolean requiresGrad;
  private Tensor grad;
  private GradFn gradFn;

  Tensor(Storage storage, int[] shape, int[] strides, int offset) {
    this.storage = storage;
    this.dtype = storage.dtype();
    this.shape = shape;
    this.strides = strides;
    this.offset = offset;
    this.numel = Shapes.numel("tensor", shape);
  }

  /** A fresh contiguous tensor over {@code storage}; the kernels' way to return a result. */
  static Tensor contiguousOver(Storage storage, int[] shape) {
    return new Tensor(storage, shape, Shapes.contiguousStrides(shape), 0);
  }

  // ------------------------------------------------------------------ factories

  /** A 1-D FLOAT64 tensor holding a copy of {@code data}. */
  public static Tensor of(double[] data) {
    return of(nonNull(data, "Tensor.of", "data"), data.length);
  }

  /**
   * A FLOAT64 tensor of the given shape holding a copy of {@code data} in row-major order; an
   * explicit empty shape ({@code new int[0]}) makes a 0-d tensor of one element.
   */
  public static Tensor of(double[] data, int... shape) {
    nonNull(data, "Tensor.of", "data");
    nonNull(shape, "Tensor.of", "shape");
    checkLength("Tensor.of", data.length, shape);
    return contiguousOver(Storage.of(data.clone()), shape.clone());
  }

  /** A 1-D FLOAT32 tensor holding a copy of {@code data}. */
  public static Tensor of(float[] data) {
    return of(nonNull(data, "Tensor.of", "data"), data.length);
  }

  /** A FLOAT32 tensor of the given shape holding a copy of {@code data} in row-major order. */
  public static Tensor of(float[] data, int... shape) {
    nonNull(data, "Tensor.of", "data");
    nonNull(shape, "Tensor.of", "shape");
    checkLength("Tensor.of", data.length, shape);
    return contiguousOver(Storage.of(data.clone()), shape.clone());
  }

  /**
   * A FLOAT32 tensor of the given shape from bytes read as unsigned (0 to 255, as image files
   * store pixels), each divided by {@code divisor}: bit for bit what {@code Tensor.of(floats,
   * shape).div(divisor)} gives for the same values as floats, without the intermediate tensor
   * (for 60,000 MNIST images that is 188 MB less). Pass 1 to keep the values as they are.
   *
   * <pre>{@code
   * Tensor x = Tensor.ofUnsignedBytes(pixels, 255, 60000, 784);   // in [0, 1]
   * }</pre>
   */
  public static Tensor ofUnsignedBytes(byte[] data, double divisor, int... shape) {
    nonNull(data, "Tensor.ofUnsignedBytes", "data");
    nonNull(shape, "Tensor.ofUnsignedBytes", "shape");
    checkLength("Tensor.ofUnsignedBytes", data.length, shape);
    return contiguousOver(Storage.of(Factories.unsignedBytes(data, (float) divisor)), shape.clone());
  }

  /** A 2-D FLOAT64 tensor from rows of equal length. */
  public static Tensor of(double[][] rows) {
    nonNull(rows, "Tensor.of", "rows");
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null) {
        throw new NullPointerException("Tensor.of: row " + i + " of rows is null; pass a value array per row");
      }
    }
    int cols = rows.length == 0 ? 0 : rows[0].length;
    double[] flat = new double[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      checkRow(i, rows[i].length, cols);
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return contiguousOver(Storage.of(flat), new int[] {rows.length, cols});
  }

  /** A 2-D FLOAT32 tensor from rows of equal length. */
  public static Tensor of(float[][] rows) {
    nonNull(rows, "Tensor.of", "rows");
    for (int i = 0; i < rows.length; i++) {
      if (rows[i] == null) {
        throw new NullPointerException("Tensor.of: row " + i + " of rows is null; pass a value array per row");
      }
    }
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] flat = new float[rows.length * cols];
    for (int i = 0; i < rows.length; i++) {
      checkRow(i, rows[i].length, cols);
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return contiguousOver(Storage.of(flat), new int[] {rows.length, cols});
  }

  /** A 0-d FLOAT32 tensor, like {@code torch.tensor(3.0)}. */
  public static Tensor scalar(double value) {
    return scalar(value, DType.FLOAT32);
  }

  /** A 0-d tensor of the given dtype. */
  public static Tensor scalar(double value, DType dtype) {
    return filled("scalar", dtype, value);
  }

  /** FLOAT32 zeros. */
  public static Tensor zeros(int... shape) {
    return zeros(DType.defaultType(), shape);
  }

  public static Tensor zeros(DType dtype, int... shape) {
    return filled("zeros", dtype, 0.0, shape);
  }

  /** FLOAT32 ones. */
  public static Tensor ones(int... shape) {
    return filled("ones", DType.defaultType(), 1.0, shape);
  }

  public static Tensor ones(DType dtype, int... shape) {
    return filled("ones", dtype, 1.0, shape);
  }

  /** FLOAT32 tensor filled with {@code value}. */
  public static Tensor full(double value, int... shape) {
    return full(DType.defaultType(), value, shape);
  }

  public static Tensor full(DType dtype, double value, int... shape) {
    return filled("full", dtype, value, shape);
  }

  /** A new tensor of {@code value}s, failing under the name of the factory {@code op} that was called. */
  static Tensor filled(String op, DType dtype, double value, int... shape) {
    nonNull(dtype, op, "dtype");
    nonNull(shape, op, "shape");
    Tensor t = contiguousOver(Storage.allocate(dtype, Shapes.numel(op, shape)), shape.clone());
    if (value == 0 && Double.doubleToRawLongBits(value) == 0) {
      return t;
    }
    if (t.storage.f != null) {
      Arrays.fill(t.storage.f, (float) value);
    } else {
      Arrays.fill(t.storage.d, value);
    }
    return t;
  }

  /** Zeros with this tensor's shape and dtype. */
  public static Tensor zerosLike(Tensor t) {
    nonNull(t, "zerosLike", "t");
    return zeros(t.dtype, t.shape);
  }

  /** Ones with this tensor's shape and dtype. */
  public static Tensor onesLike(Tensor t) {
    nonNull(t, "onesLike", "t");
    return ones(t.dtype, t.shape);
  }

  /** FLOAT32 {@code [0, 1, ..., end-1]}. */
  public static Tensor arange(double end) {
    return arange(DType.defaultType(), 0, end, 1);
  }

  /** FLOAT32 {@code start, start+step, ...} up to but excluding {@code end}. */
  public static Tensor arange(double start, double end, double step) {
    return arange(DType.defaultType(), start, end, step);
  }

  public static Tensor arange(DType dtype, double start, double end, double step) {
    return Factories.arange(dtype, start, end, step);
  }

  /** FLOAT32 n x n identity. */
  public static Tensor eye(int n) {
    return eye(DType.defaultType(), n, n);
  }

  /** n x m matrix with ones on the main diagonal. */
  public static Tensor eye(DType dtype, int n, int m) {
    return Factories.eye(dtype, n, m);
  }

  /** FLOAT32 uniform [0, 1) from {@code generator}. */
  public static Tensor rand(Generator generator, int... shape) {
    return rand(generator, DType.defaultType(), shape);
  }

  public static Tensor rand(Generator generator, DType dtype, int... shape) {
    return Factories.random(generator, dtype, shape, false);
  }

  /** FLOAT32 standard normal from {@code generator}. */
  public static Tensor randn(Generator generator, int... shape) {
    return randn(generator, DType.defaultType(), shape);
  }

  public static Tensor randn(Generator generator, DType dtype, int... shape) {
    return Factories.random(generator, dtype, shape, true);
  }

  /** Concatenates along an existing dim; all other sizes must match. */
  public static Tensor cat(List<Tensor> tensors, int dim) {
    nonNull(tensors, "cat", "tensors");
    return cat(tensors.toArray(new Tensor[0]), dim);
  }

  public static Tensor cat(Tensor[] tensors, int dim) {
    noNulls(tensors, "cat");
    if (tensors.length == 0) {
      throw new IllegalArgumentException("cat: needs at least one tensor; got an empty list");
    }
    int rank = tensors[0].dim();
    if (rank == 0) {
      throw new IllegalArgumentException("cat: zero-dimensional tensors cannot be concatenated; use stack");
    }
    return Dispatch.OPS.cat(tensors.clone(), Shapes.normalizeDim("cat", dim, rank));
  }

  /** Stacks equal-shaped tensors along a new dim. */
  public static Tensor stack(List<Tensor> tensors, int dim) {
    nonNull(tensors, "stack", "tensors");
    return stack(tensors.toArray(new Tensor[0]), dim);
  }

  public static Tensor stack(Tensor[] tensors, int dim) {
    noNulls(tensors, "stack");
    if (tensors.length == 0) {
      throw new IllegalArgumentException("stack: needs at least one tensor; got an empty list");
    }
    return Dispatch.OPS.stack(tensors.clone(), Shapes.normalizeDim("stack", dim, tensors[0].dim() + 1));
  }

  /** {@code value}, or a NullPointerException naming the op and the argument, thrown at the API's edge. */
  static <T> T nonNull(T value, String op, String argument) {
    if (value == null) {
      throw new NullPointerException(op + ": " + argument + " is null");
    }
    return value;
  }

  private static void noNulls(Tensor[] tensors, String op) {
    nonNull(tensors, op, "tensors");
    for (int i = 0; i < tensors.length; i++) {
      if (tensors[i] == null) {
        throw new NullPointerException(op + ": tensor " + i + " of " + tensors.length + " is null");
      }
    }
  }

  private static void checkLength(String op, int length, int[] shape) {
    int n = Shapes.numel(op, shape);
    if (n != length) {
      throw new IllegalArgumentException(
          op + ": data has " + length + " values but shape " + Shapes.str(shape) + " needs " + n
              + "; pass a shape whose product is " + length);
    }
  }

  private static void checkRow(int i, int length, int cols) {
    if (length != cols) {
      throw new IllegalArgumentException(
          "Tensor.of: row " + i + " has " + length + " values but row 0 has " + cols
              + "; all rows of a 2-D array must have the same length");
    }
  }

  // ------------------------------------------------------------------ metadata and values

  /** A copy of the sizes. */
  public int[] shape() {
    return shape.clone();
  }

  /** Size of one dim (negative dims count from the end). */
  public int size(int dim) {
    if (shape.length == 0) {
      throw new IllegalArgumentException("size: a 0-d tensor has no dims, so there is no size(" + dim + "); use shape()");
    }
    return shape[Shapes.normalizeDim("size", dim, shape.length)];
  }

  /** A copy of the strides, in elements. */
  public int[] stride() {
    return strides.clone();
  }

  public int dim() {
    return shape.length;
  }

  public int numel() {
    return numel;
  }

  public DType dtype() {
    return dtype;
  }

  /** Whether the elements sit in row-major order without gaps. */
  public boolean isContiguous() {
    return Shapes.isContiguous(shape, strides);
  }

  /** The single value of a one-element tensor. */
  public double item() {
    if (numel != 1) {
      throw new IllegalStateException(
          "item: only one-element tensors have an item, this one has shape " + Shapes.str(shape)
              + "; use get(index...) or toDoubleArray()");
    }
    return read(offset);
  }

  /** The element at a full index (negative indices count from the end). */
  public double get(int... index) {
    nonNull(index, "get", "index");
    if (index.length != shape.length) {
      throw new IllegalArgumentException(
          "get: index " + Arrays.toString(index) + " has " + index.length + " entries but the tensor has rank "
              + shape.length + " (shape " + Shapes.str(shape) + "); give one index per dim");
    }
    int pos = offset;
    for (int i = 0; i < index.length; i++) {
      int k = index[i] < 0 ? index[i] + shape[i] : index[i];
      if (k < 0 || k >= shape[i]) {
        throw new IllegalArgumentException(
            "get: index " + index[i] + " is out of range for dim " + i + " of size " + shape[i]
                + " (shape " + Shapes.str(shape) + ")");
      }
      pos += k * strides[i];
    }
    return read(pos);
  }

  /**
   * Whether this tensor and {@code other} are views of the same storage, so that an in-place write
   * through one can change the other ({@code x.untyped_storage().data_ptr() == ...} in PyTorch).
   * False for null. The autograd engine uses it to hand a fresh gradient to a leaf without a copy.
   */
  public boolean sharesStorage(Tensor other) {
    return other != null && storage == other.storage;
  }

  /**
   * Whether this tensor is its whole storage in row-major order: contiguous, from offset 0, with no
   * element of the storage outside it (as a fresh op result is). Not true of expanded, narrowed or
   * transposed views.
   */
  public boolean spansStorage() {
    return offset == 0 && numel == storage.length() && isContiguous();
  }

  /** A broadcast view to {@code outShape} that bypasses the op table (kernels only). */
  Tensor expandView(int[] outShape) {
    return new Tensor(storage, outShape.clone(), Shapes.broadcastStrides(shape, strides, outShape), offset);
  }

  double read(int pos) {
    return storage.f != null ? storage.f[pos] : storage.d[pos];
  }

  /** The elements in row-major order, as doubles (a copy). */
  public double[] toDoubleArray() {
    return Strided.toDoubleArray(this);
  }

  /** The elements in row-major order, as floats (a copy; FLOAT64 values are rounded). */
  public float[] toFloatArray() {
    return Strided.toFloatArray(this);
  }

  /** This tensor converted to {@code dtype}; itself if it already has it. Differentiable. */
  public Tensor to(DType dtype) {
    nonNull(dtype, "to", "dtype");
    return Dispatch.OPS.to(this, dtype);
  }

  /** True when both have the same shape and exactly equal values ({@code torch.equal}). */
  public boolean equal(Tensor other) {
    nonNull(other, "equal", "other");
    return Arrays.equals(shape, other.shape) && Arrays.equals(toDoubleArray(), other.toDoubleArray());
  }

  /** {@code |a - b| <= atol + rtol * |b|} elementwise, with broadcasting ({@code torch.allclose}). */
  public boolean allClose(Tensor other, double rtol, double atol) {
    nonNull(other, "allClose", "other");
    return Strided.allClose(this, other, rtol, atol);
  }

  /**
   * Prints exactly as PyTorch 1.13 does, e.g. {@code tensor([[1., 2.],\n        [3., 4.]], dtype=FLOAT64)};
   * tensors above 1000 elements show three items at each edge of every dim.
   */
  @Override
  public String toString() {
    return TensorFormat.format(this);
  }

  // ------------------------------------------------------------------ elementwise

  public Tensor add(Tensor other) {
    nonNull(other, "add", "other");
    return Dispatch.OPS.add(this, other);
  }

  /** Adds a Java number; the result keeps this tensor's dtype. */
  public Tensor add(double value) {
    return Dispatch.OPS.add(this, scalarLike(value));
  }

  public Tensor sub(Tensor other) {
    nonNull(other, "sub", "other");
    return Dispatch.OPS.sub(this, other);
  }

  public Tensor sub(double value) {
    return Dispatch.OPS.sub(this, scalarLike(value));
  }

  public Tensor mul(Tensor other) {
    nonNull(other, "mul", "other");
    return Dispatch.OPS.mul(this, other);
  }

  public Tensor mul(double value) {
    return Dispatch.OPS.mul(this, scalarLike(value));
  }

  public Tensor div(Tensor other) {
    nonNull(other, "div", "other");
    return Dispatch.OPS.div(this, other);
  }

  public Tensor div(double value) {
    return Dispatch.OPS.div(this, scalarLike(value));
  }

  /** {@code value - this} (PyTorch's {@code rsub}; Java has no reflected operators). */
  public Tensor rsub(double value) {
    return Dispatch.OPS.sub(scalarLike(value), this);
  }

  public Tensor neg() {
    return Dispatch.OPS.neg(this);
  }

  public Tensor pow(double exponent) {
    return Dispatch.OPS.pow(this, exponent);
  }

  /** {@code this * this}. */
  public Tensor square() {
    return Dispatch.OPS.mul(this, this);
  }

  public Tensor exp() {
    return Dispatch.OPS.exp(this);
  }

  public Tensor log() {
    return Dispatch.OPS.log(this);
  }

  public Tensor sqrt() {
    return Dispatch.OPS.sqrt(this);
  }

  public Tensor abs() {
    return Dispatch.OPS.abs(this);
  }

  public Tensor tanh() {
    return Dispatch.OPS.tanh(this);
  }

  public Tensor sigmoid() {
    return Dispatch.OPS.sigmoid(this);
  }

  public Tensor relu() {
    return Dispatch.OPS.relu(this);
  }

  /** Exact GELU, {@code x * Phi(x)}. */
  public Tensor gelu() {
    return Dispatch.OPS.gelu(this, GeluApproximation.NONE);
  }

  public Tensor gelu(GeluApproximation approximation) {
    nonNull(approximation, "gelu", "approximation");
    return Dispatch.OPS.gelu(this, approximation);
  }

  /** The Gauss error function {@code erf(x) = 2/sqrt(pi) * integral_0^x exp(-t^2) dt}. */
  public Tensor erf() {
    return Dispatch.OPS.erf(this);
  }

  /** Elementwise larger of the two (broadcasting); NaN if either is NaN, as in PyTorch. */
  public Tensor maximum(Tensor other) {
    nonNull(other, "maximum", "other");
    return Dispatch.OPS.maximum(this, other);
  }

  public Tensor minimum(Tensor other) {
    nonNull(other, "minimum", "other");
    return Dispatch.OPS.minimum(this, other);
  }

  /** Clamps into [min, max]. */
  public Tensor clamp(double min, double max) {
    if (Double.isNaN(min) || Double.isNaN(max)) {
      throw new IllegalArgumentException(
          "clamp: bounds must not be NaN, got min " + min + " and max " + max
              + "; use -Infinity or Infinity for no bound (clampMin, clampMax)");
    }
    if (min > max) {
      throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max + "; swap them");
    }
    return Dispatch.OPS.clamp(this, min, max);
  }

  public Tensor clampMin(double min) {
    return Dispatch.OPS.clamp(this, min, Double.POSITIVE_INFINITY);
  }

  public Tensor clampMax(double max) {
    return Dispatch.OPS.clamp(this, Double.NEGATIVE_INFINITY, max);
  }

  // comparison masks: 1 where true, 0 where false, in the promoted dtype; never differentiable

  public Tensor gt(Tensor other) {
    nonNull(other, "gt", "other");
    return Elementwise.binary(BinaryOp.GT, this, other);
  }

  public Tensor gt(double value) {
    return Elementwise.binary(BinaryOp.GT, this, scalarLike(value));
  }

  public Tensor ge(Tensor other) {
    nonNull(other, "ge", "other");
    return Elementwise.binary(BinaryOp.GE, this, other);
  }

  public Tensor ge(double value) {
    return Elementwise.binary(BinaryOp.GE, this, scalarLike(value));
  }

  public Tensor lt(Tensor other) {
    nonNull(other, "lt", "other");
    return Elementwise.binary(BinaryOp.LT, this, other);
  }

  public Tensor lt(double value) {
    return Elementwise.binary(BinaryOp.LT, this, scalarLike(value));
  }

  public Tensor le(Tensor other) {
    nonNull(other, "le", "other");
    return Elementwise.binary(BinaryOp.LE, this, other);
  }

  public Tensor le(double value) {
    return Elementwise.binary(BinaryOp.LE, this, scalarLike(value));
  }

  public Tensor eq(Tensor other) {
    nonNull(other, "eq", "other");
    return Elementwise.binary(BinaryOp.EQ, this, other);
  }

  public Tensor eq(double value) {
    return Elementwise.binary(BinaryOp.EQ, this, scalarLike(value));
  }

  public Tensor ne(Tensor other) {
    nonNull(other, "ne", "other");
    return Elementwise.binary(BinaryOp.NE, this, other);
  }

  public Tensor ne(double value) {
    return Elementwise.binary(BinaryOp.NE, this, scalarLike(value));
  }

  private Tensor scalarLike(double value) {
    return full(dtype, value);
  }

  // ------------------------------------------------------------------ reductions

  /** Sum of all elements, a 0-d tensor. */
  public Tensor sum() {
    return Dispatch.OPS.sum(this, Shapes.allDims(dim()), false);
  }

  public Tensor sum(int dim) {
    return sum(new int[] {dim}, false);
  }

  public Tensor sum(int dim, boolean keepDim) {
    return sum(new int[] {dim}, keepDim);
  }

  public Tensor sum(int[] dims, boolean keepDim) {
    return Dispatch.OPS.sum(this, Shapes.normalizeDims("sum", dims, dim()), keepDim);
  }

  /**
   * Sums broadcast dims away so the result has {@code shape}, the inverse of broadcasting
   * ({@code Tensor.sum_to_size}); autograd reduces broadcast gradients with it.
   */
  public Tensor sumToSize(int... target) {
    nonNull(target, "sumToSize", "target");
    return Factories.sumToSize(this, target);
  }

  public Tensor mean() {
    return Dispatch.OPS.mean(this, Shapes.allDims(dim()), false);
  }

  public Tensor mean(int dim) {
    return mean(new int[] {dim}, false);
  }

  public Tensor mean(int dim, boolean keepDim) {
    return mean(new int[] {dim}, keepDim);
  }

  public Tensor mean(int[] dims, boolean keepDim) {
    return Dispatch.OPS.mean(this, Shapes.normalizeDims("mean", dims, dim()), keepDim);
  }

  /** Largest element, a 0-d tensor. */
  public Tensor max() {
    return Dispatch.OPS.max(this, Shapes.allDims(dim()), false);
  }

  /** Largest values along {@code dim}; {@link #argmax(int, boolean)} gives their indices. */
  public Tensor max(int dim, boolean keepDim) {
    return max(new int[] {dim}, keepDim);
  }

  public Tensor max(int[] dims, boolean keepDim) {
    return Dispatch.OPS.max(this, Shapes.normalizeDims("max", dims, dim()), keepDim);
  }

  public Tensor min() {
    return Dispatch.OPS.min(this, Shapes.allDims(dim()), false);
  }

  public Tensor min(int dim, boolean keepDim) {
    return min(new int[] {dim}, keepDim);
  }

  public Tensor min(int[] dims, boolean keepDim) {
    return Dispatch.OPS.min(this, Shapes.normalizeDims("min", dims, dim()), keepDim);
  }

  /** Unbiased variance of all elements (PyTorch's default correction 1). */
  public Tensor var() {
    return Dispatch.OPS.var(this, Shapes.allDims(dim()), 1, false);
  }

  public Tensor var(int dim, boolean keepDim) {
    return var(new int[] {dim}, 1, keepDim);
  }

  /** Variance over {@code dims} dividing by {@code N - correction}. */
  public Tensor var(int[] dims, double correction, boolean keepDim) {
    if (!Double.isFinite(correction) || correction < 0) {
      throw new IllegalArgumentException(
          "var: correction must be a finite number >= 0, got " + correction + "; use 1 (unbiased) or 0");
    }
    return Dispatch.OPS.var(this, Shapes.normalizeDims("var", dims, dim()), correction, keepDim);
  }

  /** Index of the largest element of the flattened tensor (FLOAT64, 0-d); the first on ties. */
  public Tensor argmax() {
    return Reductions.argExtremum(this, -1, false, true);
  }

  /** Indices of the largest values along {@code dim} (FLOAT64); the first on ties. */
  public Tensor argmax(int dim, boolean keepDim) {
    return Reductions.argExtremum(this, Shapes.normalizeDim("argmax", dim, dim()), keepDim, true);
  }

  public Tensor argmin() {
    return Reductions.argExtremum(this, -1, false, false);
  }

  public Tensor argmin(int dim, boolean keepDim) {
    return Reductions.argExtremum(this, Shapes.normalizeDim("argmin", dim, dim()), keepDim, false);
  }

  /** Softmax along {@code dim}, computed stably (finite for logits of +-1000). */
  public Tensor softmax(int dim) {
    return Dispatch.OPS.softmax(this, Shapes.normalizeDim("softmax", dim, dim()));
  }

  public Tensor logSoftmax(int dim) {
    return Dispatch.OPS.logSoftmax(this, Shapes.normalizeDim("logSoftmax", dim, dim()));
  }

  // ------------------------------------------------------------------ linear algebra

  /** {@code torch.matmul}: dot, matrix-vector, matrix-matrix, and batched with broadcast batch dims. */
  public Tensor matmul(Tensor other) {
    nonNull(other, "matmul", "other");
    return Dispatch.OPS.matmul(this, other);
  }

  // ------------------------------------------------------------------ pooling

  /**
   * 2-D max pooling of an NCHW input [N, C, H, W] ({@code torch.nn.functional.max_pool2d} without
   * padding or dilation): the maximum of each {@code kernelH x kernelW} window, the windows moving
   * {@code strideH} rows and {@code strideW} columns, so the result is
   * [N, C, floor((H - kernelH) / strideH) + 1, floor((W - kernelW) / strideW) + 1]. A NaN in a
   * window is its maximum. Differentiable: the gradient goes to the first maximum of each window
   * in row-major order (as PyTorch's), summed where windows overlap.
   *
   * <pre>{@code
   * Tensor y = x.maxPool2d(2, 2, 2, 2);   // x [8, 16, 28, 28] -> y [8, 16, 14, 14]
   * }</pre>
   */
  public Tensor maxPool2d(int kernelH, int kernelW, int strideH, int strideW) {
    return Dispatch.OPS.maxPool2d(this, kernelH, kernelW, strideH, strideW);
  }

  /**
   * 2-D average pooling of an NCHW input ({@code torch.nn.functional.avg_pool2d} without padding):
   * the mean of each {@code kernelH x kernelW} window, laid out as in {@link #maxPool2d}.
   * Differentiable: each window spreads {@code gradOutput / (kernelH * kernelW)} over its entries.
   */
  public Tensor avgPool2d(int kernelH, int kernelW, int strideH, int strideW) {
    return Dispatch.OPS.avgPool2d(this, kernelH, kernelW, strideH, strideW);
  }

  // ------------------------------------------------------------------ shape ops

  /** Same elements in a new shape (one size may be -1): a view when possible, else a copy. */
  public Tensor reshape(int... newShape) {
    nonNull(newShape, "reshape", "shape");
    return Dispatch.OPS.reshape(this, Shapes.inferShape("reshape", newShape, numel));
  }

  /** Like {@link #reshape} but never copies: fails when the strides do not allow a view. */
  public Tensor view(int... newShape) {
    nonNull(newShape, "view", "shape");
    int[] resolved = Shapes.inferShape("view", newShape, numel);
    if (Views.viewStrides(shape, strides, resolved) == null) {
      throw new IllegalArgumentException(
          "view: a tensor of shape " + Shapes.str(shape) + " with strides " + Shapes.str(strides)
              + " cannot be viewed as " + Shapes.str(resolved) + " without a copy; call reshape(...) or contiguous().view(...)");
    }
    return Dispatch.OPS.reshape(this, resolved);
  }

  /** Flattens to 1-D. */
  public Tensor flatten() {
    return reshape(-1);
  }

  /** Flattens dims {@code startDim..endDim} (inclusive) into one. */
  public Tensor flatten(int startDim, int endDim) {
    int r = dim();
    if (r == 0) {
      return reshape(1);
    }
    int s = Shapes.normalizeDim("flatten", startDim, r);
    int e = Shapes.normalizeDim("flatten", endDim, r);
    if (s > e) {
      throw new IllegalArgumentException("flatten: startDim " + startDim + " comes after endDim " + endDim);
    }
    int[] out = new int[r - (e - s)];
    int k = 0;
    for (int i = 0; i < s; i++) {
      out[k++] = shape[i];
    }
    int merged = 1;
    for (int i = s; i <= e; i++) {
      merged *= shape[i];
    }
    out[k++] = merged;
    for (int i = e + 1; i < r; i++) {
      out[k++] = shape[i];
    }
    return reshape(out);
  }

  /** Swaps two dims: an O(1) view. */
  public Tensor transpose(int dim0, int dim1) {
    int r = dim();
    if (r < 2) {
      // 0-d and 1-d tensors have at most one dim, so any valid pair (0, -1 included) is a no-op.
      Shapes.normalizeDim("transpose", dim0, r);
      Shapes.normalizeDim("transpose", dim1, r);
      return Dispatch.OPS.reshape(this, shape.clone());
    }
    return Dispatch.OPS.transpose(this, Shapes.normalizeDim("transpose", dim0, r), Shapes.normalizeDim("transpose", dim1, r));
  }

  /** Transpose of a matrix ({@code Tensor.t()}); 0-d and 1-d tensors are returned as they are. */
  public Tensor t() {
    if (dim() > 2) {
      throw new IllegalArgumentException(
          "t: expects a tensor of rank <= 2, got shape " + Shapes.str(shape) + "; use transpose(dim0, dim1)");
    }
    return dim() < 2 ? this : transpose(0, 1);
  }

  /** Reorders dims: an O(1) view. {@code dims} must be a permutation of 0..rank-1. */
  public Tensor permute(int... dims) {
    nonNull(dims, "permute", "dims");
    int r = dim();
    if (dims.length != r) {
      throw new IllegalArgumentException(
          "permute: got " + dims.length + " dims " + Arrays.toString(dims) + " for a tensor of rank " + r
              + "; list every dim once");
    }
    int[] wrapped = new int[r];
    for (int i = 0; i < r; i++) {
      wrapped[i] = Shapes.normalizeDim("permute", dims[i], r);
    }
    Shapes.normalizeDims("permute", wrapped, r); // rejects repeats
    return Dispatch.OPS.permute(this, wrapped);
  }

  /** Inserts a size-1 dim at {@code dim} (in [-rank-1, rank]). */
  public Tensor unsqueeze(int dim) {
    return Dispatch.OPS.unsqueeze(this, Shapes.normalizeDim("unsqueeze", dim, dim() + 1));
  }

  /** Removes every size-1 dim. */
  public Tensor squeeze() {
    int count = 0;
    for (int s : shape) {
      count += s == 1 ? 1 : 0;
    }
    int[] dims = new int[count];
    for (int i = 0, k = 0; i < shape.length; i++) {
      if (shape[i] == 1) {
        dims[k++] = i;
      }
    }
    return Dispatch.OPS.squeeze(this, dims);
  }

  /** Removes {@code dim} if its size is 1; otherwise returns an equal view, as PyTorch does. */
  public Tensor squeeze(int dim) {
    int d = Shapes.normalizeDim("squeeze", dim, dim());
    return Dispatch.OPS.squeeze(this, dim() > 0 && shape[d] == 1 ? new int[] {d} : new int[0]);
  }

  /**
   * Broadcasts size-1 dims to larger sizes (and adds leading dims) without copying; -1 keeps a
   * size.
   */
  public Tensor expand(int... sizes) {
    nonNull(sizes, "expand", "sizes");
    return Dispatch.OPS.expand(this, Views.resolveExpand(shape, sizes));
  }

  /** Expands to {@code other}'s shape. */
  public Tensor expandAs(Tensor other) {
    nonNull(other, "expandAs", "other");
    return expand(other.shape);
  }

  /** Elements {@code start..start+length-1} of {@code dim}: an O(1) view. */
  public Tensor narrow(int dim, int start, int length) {
    int d = Shapes.normalizeDim("narrow", dim, dim());
    int size = dim() == 0 ? 1 : shape[d];
    int s = start < 0 ? start + size : start;
    if (dim() == 0 || s < 0 || length < 0 || s + length > size) {
      throw new IllegalArgumentException(
          "narrow: start " + start + " with length " + length + " does not fit dim " + d + " of size "
              + size + " (shape " + Shapes.str(shape) + "); need 0 <= start and start + length <= " + size);
    }
    return Dispatch.OPS.narrow(this, d, s, length);
  }

  /** Python's {@code x[..., start:end]} on one dim (end exclusive, negatives from the end, clipped). */
  public Tensor slice(int dim, int start, int end) {
    int d = Shapes.normalizeDim("slice", dim, dim());
    if (dim() == 0) {
      throw new IllegalArgumentException("slice: a 0-d tensor has no dim to slice; unsqueeze(0) it first");
    }
    int size = shape[d];
    int s = Math.min(Math.max(start < 0 ? start + size : start, 0), size);
    int e = Math.min(Math.max(end < 0 ? end + size : end, 0), size);
    return narrow(d, s, Math.max(e - s, 0));
  }

  /** Python's {@code x[..., index]} on one dim: removes the dim. An O(1) view. */
  public Tensor select(int dim, int index) {
    int d = Shapes.normalizeDim("select", dim, dim());
    if (dim() == 0) {
      throw new IllegalArgumentException("select: a 0-d tensor has no dim to select from");
    }
    int i = index < 0 ? index + shape[d] : index;
    if (i < 0 || i >= shape[d]) {
      throw new IllegalArgumentException(
          "select: index " + index + " is out of range for dim " + d + " of size " + shape[d]
              + " (shape " + Shapes.str(shape) + ")");
    }
    return Dispatch.OPS.select(this, d, i);
  }

  // ------------------------------------------------------------------ indexing

  /**
   * The entries at {@code index} along {@code dim}, in index order ({@code torch.index_select}):
   * the result has this tensor's shape with {@code dim} of size {@code index.numel()}, and
   * {@code result[.., k, ..] = this[.., index[k], ..]}. {@code index} is a 1-D tensor of whole
   * numbers in {@code [0, size(dim))} (either dtype; there is no integer dtype); repeats are
   * allowed. Always a copy. Differentiable in this tensor, whose gradient sums the gradients of
   * repeated entries; the index gets none and must not require grad.
   *
   * <pre>{@code
   * Tensor emb = table.indexSelect(0, Tensor.of(new double[] {4, 0, 4}));   // rows 4, 0, 4 of table
   * }</pre>
   */
  public Tensor indexSelect(int dim, Tensor index) {
    nonNull(index, "indexSelect", "index");
    return Dispatch.OPS.indexSelect(this, Shapes.normalizeDim("indexSelect", dim, dim()), index);
  }

  /**
   * A copy of this tensor with {@code source} added at {@code index} along {@code dim}
   * ({@code torch.index_add}, out of place): {@code result[.., index[k], ..] += source[.., k, ..]}
   * for every k in order, so repeated indices accumulate. {@code source} has this tensor's shape
   * and dtype except that {@code dim} has {@code index.numel()} entries; {@code index} is as for
   * {@link #indexSelect}. Differentiable in this tensor and {@code source} (whose gradient is
   * {@code gradOutput.indexSelect(dim, index)}); the index gets no gradient.
   */
  public Tensor indexAdd(int dim, Tensor index, Tensor source) {
    nonNull(index, "indexAdd", "index");
    nonNull(source, "indexAdd", "source");
    return Dispatch.OPS.indexAdd(this, Shapes.normalizeDim("indexAdd", dim, dim()), index, source);
  }

  /**
   * Elementwise {@code condition != 0 ? a : b} ({@code torch.where}), with all three broadcast
   * together; the result has the promoted dtype of {@code a} and {@code b}. The condition is a
   * tensor of numbers, as the comparisons make them ({@code x.gt(0.0)}): nonzero (NaN included)
   * means true. Only the chosen value is read, so an infinity in the other branch never turns into
   * NaN. Differentiable in {@code a} and {@code b}: each receives the gradient where it was chosen,
   * zero elsewhere, summed back to its shape; the condition gets no gradient.
   */
  public static Tensor where(Tensor condition, Tensor a, Tensor b) {
    nonNull(condition, "where", "condition");
    nonNull(a, "where", "a");
    nonNull(b, "where", "b");
    return Dispatch.OPS.where(condition, a, b);
  }

  /**
   * {@code value} where {@code mask} is nonzero, this tensor elsewhere: {@code where(mask, value, this)}
   * ({@code Tensor.masked_fill}), broadcast together, in this tensor's dtype. Safe with infinities:
   * {@code scores.maskedFill(mask, Double.NEGATIVE_INFINITY).softmax(-1)} gives no NaN in the
   * result or its gradient. Differentiable in this tensor (zero gradient where filled).
   */
  public Tensor maskedFill(Tensor mask, double value) {
    nonNull(mask, "maskedFill", "mask");
    Shapes.broadcast("maskedFill", mask.shape, shape);
    return Dispatch.OPS.where(mask, scalarLike(value), this);
  }

  /** A contiguous copy sharing no storage with this tensor ({@code torch.clone}); differentiable. */
  @Override
  public Tensor clone() {
    return Dispatch.OPS.clone(this);
  }

  /** This tensor if contiguous, else a contiguous copy. */
  public Tensor contiguous() {
    return Dispatch.OPS.contiguous(this);
  }

  // ------------------------------------------------------------------ gradient slots

  /** Whether autograd tracks ops on this tensor. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Marks a leaf tensor as a parameter to differentiate with respect to; returns this tensor.
   * Only leaves (tensors no op produced) can change it, as in PyTorch.
   */
  public Tensor requiresGrad(boolean value) {
    if (gradFn != null && !value) {
      throw new IllegalStateException(
          "requiresGrad: this tensor was produced by " + gradFn.name()
              + " and is part of a graph; call detach() to get a tensor without gradient tracking");
    }
    requiresGrad = value;
    return this;
  }

  /** The accumulated gradient, or null before any backward pass reached this tensor. */
  public Tensor grad() {
    return grad;
  }

  /** Sets or clears the gradient (the engine accumulates through this; optimizers may too). */
  public void setGrad(Tensor gradient) {
    if (gradient != null && !Arrays.equals(gradient.shape, shape)) {
      throw new IllegalArgumentException(
          "setGrad: gradient shape " + Shapes.str(gradient.shape) + " differs from tensor shape "
              + Shapes.str(shape) + "; a gradient must have its tensor's shape");
    }
    grad = gradient;
  }

  /** The backward rule that produced this tensor, or null for a leaf. */
  public GradFn gradFn() {
    return gradFn;
  }

  /**
   * Engine use: records that {@code fn} produced this tensor and turns tracking on. Called by the
   * autograd op table and by custom {@code Function}s on a freshly computed result.
   */
  public Tensor setGradFn(GradFn fn) {
    gradFn = fn;
    requiresGrad = fn != null || requiresGrad;
    return this;
  }

  /** True for tensors no tracked op produced: user-created tensors and parameters. */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /** Back-propagates from this one-element tensor (a loss) into every leaf that requires grad. */
  public void backward() {
    if (numel != 1) {
      throw new IllegalStateException(
          "backward: grad can be implicitly created only for one-element outputs, but this tensor has shape "
              + Shapes.str(shape) + "; call backward(gradient) with a gradient of that shape, or reduce it first (e.g. sum())");
    }
    backward(onesLike(this), false, false);
  }

  /** Back-propagates with {@code gradient} as d(output)/d(this); needed for non-scalar outputs. */
  public void backward(Tensor gradient) {
    backward(gradient, false, false);
  }

  /**
   * Back-propagates; {@code retainGraph} keeps saved tensors for another backward,
   * {@code createGraph} records the backward pass itself so gradients can be differentiated (and,
   * as in PyTorch, implies {@code retainGraph}, since the recorded pass reads the saved tensors).
   */
  public void backward(Tensor gradient, boolean retainGraph, boolean createGraph) {
    if (gradient == null) {
      backward();
      return;
    }
    if (!Arrays.equals(gradient.shape, shape)) {
      throw new IllegalArgumentException(
          "backward: gradient shape " + Shapes.str(gradient.shape) + " differs from the output shape "
              + Shapes.str(shape) + "; pass a gradient of the output's shape");
    }
    Dispatch.OPS.backward(this, gradient, retainGraph, createGraph);
  }

  /** Clears the accumulated gradient (sets it to null, as PyTorch's {@code set_to_none}). */
  public void zeroGrad() {
    grad = null;
  }

  /** A view of the same data that is cut from the graph: no gradFn, no tracking. */
  public Tensor detach() {
    return new Tensor(storage, shape, strides, offset);
  }

  /** How many in-place writes the storage behind this tensor has seen. */
  public int version() {
    return storage.version();
  }

  // ------------------------------------------------------------------ in-place writes (parameters)

  /** Copies {@code source} (broadcast to this shape) into this tensor's elements. */
  public Tensor copyFrom(Tensor source) {
    nonNull(source, "copyFrom", "source");
    return InPlace.assign(this, "copyFrom", source);
  }

  /** {@code this += other}. */
  public Tensor addInPlace(Tensor other) {
    return addInPlace(other, 1.0);
  }

  /** {@code this += alpha * other}, the SGD update {@code p.addInPlace(grad, -lr)}. */
  public Tensor addInPlace(Tensor other, double alpha) {
    nonNull(other, "addInPlace", "other");
    Shapes.broadcast("addInPlace", shape, other.shape);
    return InPlace.axpy(this, "addInPlace", other, alpha);
  }

  /** {@code this -= other}. */
  public Tensor subInPlace(Tensor other) {
    nonNull(other, "subInPlace", "other");
    Shapes.broadcast("subInPlace", shape, other.shape);
    return InPlace.axpy(this, "subInPlace", other, -1.0);
  }

  /** {@code this *= value}. */
  public Tensor mulInPlace(double value) {
    return InPlace.scale(this, "mulInPlace", value);
  }

  /** Sets every element to {@code value}. */
  public Tensor fill(double value) {
    return InPlace.assign(this, "fill", scalarLike(value));
  }

  /**
   * Replaces this leaf's data with a copy of {@code source}'s, in {@code source}'s dtype, keeping
   * this object: PyTorch's {@code param.data = source}. {@code Module.to(DType)} uses it so that a
   * field or an optimizer holding a parameter stays valid. The shapes must match; a gradient is
   * converted to the new dtype. Graphs recorded before keep the old data they saved.
   */
  public Tensor setData(Tensor source) {
    if (source == null) {
      throw new NullPointerException("setData: source is null");
    }
    if (!isLeaf()) {
      throw new IllegalStateException(
          "setData: this tensor was produced by " + gradFn.name()
              + "; only leaves (parameters, buffers, user-made tensors) can have their data replaced");
    }
    if (!Arrays.equals(source.shape, shape)) {
      throw new IllegalArgumentException(
          "setData: source shape " + Shapes.str(source.shape) + " differs from this tensor's shape "
              + Shapes.str(shape) + "; pass a tensor of the same shape");
    }
    Tensor copy = KernelOps.INSTANCE.clone(source);
    Tensor newGrad = grad == null ? null : KernelOps.INSTANCE.to(grad, copy.dtype);
    storage = copy.storage;
    dtype = copy.dtype;
    strides = copy.strides;
    offset = copy.offset;
    grad = newGrad;
    return this;
  }

  /** Sets every element to zero. */
  public Tensor zero() {
    return fill(0.0);
  }
}
