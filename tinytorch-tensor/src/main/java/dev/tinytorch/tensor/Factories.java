package dev.tinytorch.tensor;

import java.util.Arrays;

/** Bodies of Tensor's less trivial static factories. */
final class Factories {
  private Factories() {}

  static Tensor arange(DType dtype, double start, double end, double step) {
    Tensor.nonNull(dtype, "arange", "dtype");
    if (step == 0 || Double.isNaN(step) || Double.isNaN(start) || Double.isNaN(end)
        || Double.isInfinite(start) || Double.isInfinite(end)) {
      throw new IllegalArgumentException(
          "arange: start " + start + ", end " + end + ", step " + step + " do not describe a finite range; "
              + "use finite bounds and a non-zero step");
    }
    if (end != start && (end > start) != (step > 0)) {
      throw new IllegalArgumentException(
          "arange: step " + step + " goes away from end " + end + " (start " + start + "), so the range "
              + "would never reach it; use a step of the sign of end - start, e.g. " + -step);
    }
    double count = Math.ceil((end - start) / step);
    if (count > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("arange: " + count + " elements are too many");
    }
    int n = (int) Math.max(count, 0);
    Tensor t = Tensor.filled("arange", dtype, 0.0, n);
    for (int i = 0; i < n; i++) {
      double v = start + i * step;
      if (t.storage.f != null) {
        t.storage.f[i] = (float) v;
      } else {
        t.storage.d[i] = v;
      }
    }
    return t;
  }

  /**
   * The floats of unsigned bytes divided by {@code divisor} in float, as {@code div} does on a
   * FLOAT32 tensor: through a table of the 256 quotients, so each element is one load instead
   * of a division C2 would leave scalar (the byte-to-float loop mixes element sizes, which C2
   * on JDK 17 does not vectorise).
   */
  static float[] unsignedBytes(byte[] data, float divisor) {
    float[] table = new float[256];
    for (int k = 0; k < 256; k++) {
      table[k] = k / divisor;
    }
    float[] out = new float[data.length];
    // In chunks, so that the loop is a method C2 compiles after a few calls instead of one
    // interpreted loop waiting for on-stack replacement (a fresh JVM's 47M-byte MNIST
    // conversion ran 0.1-0.4 s that way).
    for (int from = 0; from < data.length; from += BYTE_CHUNK) {
      lookUp(data, table, out, from, Math.min(data.length, from + BYTE_CHUNK));
    }
    return out;
  }

  private static final int BYTE_CHUNK = 1 << 14;

  private static void lookUp(byte[] data, float[] table, float[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = table[data[i] & 0xff];
    }
  }

  static Tensor eye(DType dtype, int n, int m) {
    Tensor t = Tensor.filled("eye", dtype, 0.0, n, m);
    for (int i = 0; i < Math.min(n, m); i++) {
      if (t.storage.f != null) {
        t.storage.f[i * m + i] = 1f;
      } else {
        t.storage.d[i * m + i] = 1.0;
      }
    }
    return t;
  }

  static Tensor random(Generator g, DType dtype, int[] shape, boolean normal) {
    String op = normal ? "randn" : "rand";
    if (g == null) {
      throw new NullPointerException(op + ": generator is null; pass new Generator(seed)");
    }
    Tensor t = Tensor.filled(op, dtype, 0.0, shape);
    for (int i = 0; i < t.numel; i++) {
      double v = normal ? g.nextGaussian() : g.nextDouble();
      if (t.storage.f != null) {
        t.storage.f[i] = (float) v;
      } else {
        t.storage.d[i] = v;
      }
    }
    return t;
  }

  static Tensor sumToSize(Tensor t, int[] target) {
    int[] shape = t.shape;
    Shapes.numel("sumToSize", target);
    if (target.length > shape.length
        || !Arrays.equals(Shapes.broadcast("sumToSize", target, shape), shape)) {
      throw new IllegalArgumentException(
          "sumToSize: shape " + Shapes.str(shape) + " is not a broadcast of " + Shapes.str(target)
              + "; the target must broadcast to the tensor's shape");
    }
    int lead = shape.length - target.length;
    int count = 0;
    int[] dims = new int[shape.length];
    for (int i = 0; i < shape.length; i++) {
      if (i < lead || (target[i - lead] == 1 && shape[i] != 1)) {
        dims[count++] = i;
      }
    }
    if (count == 0) {
      return t;
    }
    return t.sum(Arrays.copyOf(dims, count), true).reshape(target);
  }
}
