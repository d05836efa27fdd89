package dev.tinytorch.tensor;

/**
 * The flat primitive array behind a tensor and all its views, with the version counter that
 * in-place writes bump so autograd can tell that a saved tensor was changed after it was saved.
 * Exactly one of {@link #f} and {@link #d} is non-null.
 */
final class Storage {
  final float[] f;
  final double[] d;
  private int version;

  private Storage(float[] f, double[] d) {
    this.f = f;
    this.d = d;
  }

  static Storage of(float[] data) {
    return new Storage(data, null);
  }

  static Storage of(double[] data) {
    return new Storage(null, data);
  }

  static Storage allocate(DType dtype, int length) {
    return dtype == DType.FLOAT32 ? of(new float[length]) : of(new double[length]);
  }

  DType dtype() {
    return f != null ? DType.FLOAT32 : DType.FLOAT64;
  }

  int length() {
    return f != null ? f.length : d.length;
  }

  int version() {
    return version;
  }

  void bumpVersion() {
    version++;
  }
}
