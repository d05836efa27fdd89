package dev.tinytorch.tensor;

/**
 * Element type of a tensor: 32- or 64-bit IEEE floating point.
 *
 * <p>A {@code double[]} makes {@link #FLOAT64}, a {@code float[]} makes {@link #FLOAT32}; factories
 * without a Java array type default to FLOAT32, as PyTorch's do. Binary ops promote to the wider
 * type ({@link #promote}); a Java {@code double} scalar does not widen a FLOAT32 tensor.
 */
public enum DType {
  FLOAT32(4),
  FLOAT64(8);

  private final int byteSize;

  DType(int byteSize) {
    this.byteSize = byteSize;
  }

  /** Bytes per element: 4 or 8. */
  public int byteSize() {
    return byteSize;
  }

  /** The type both operands of a binary op are computed in: FLOAT64 if either is FLOAT64. */
  public static DType promote(DType a, DType b) {
    return a == FLOAT64 || b == FLOAT64 ? FLOAT64 : FLOAT32;
  }

  /** The default dtype of factories that take no Java array: FLOAT32, like {@code torch.get_default_dtype()}. */
  public static DType defaultType() {
    return FLOAT32;
  }
}
