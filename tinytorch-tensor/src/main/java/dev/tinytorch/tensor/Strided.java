package dev.tinytorch.tensor;

/**
 * The one strided copy loop the other kernels lean on: walks a shape in row-major order with an
 * odometer over the outer dims and a tight loop over the last, reading and writing through
 * arbitrary strides (0 for broadcast dims) and converting between dtypes.
 */
final class Strided {
  private Strided() {}

  /**
   * Copies {@code src}, read through {@code srcStrides} (for example broadcast strides), into
   * {@code dst} at {@code dstOffset} with {@code dstStrides}, over {@code shape}.
   */
  static void copy(Tensor src, int[] srcStrides, int[] shape, Storage dst, int[] dstStrides, int dstOffset) {
    int rank = shape.length;
    int n = Shapes.numel("copy", shape);
    if (n == 0) {
      return;
    }
    if (rank == 0) {
      write(dst, dstOffset, src.read(src.offset));
      return;
    }
    if (!Parallel.pays(n, Parallel.MEMORY_GRAIN)) {
      copy(src, srcStrides, shape, dst, dstStrides, dstOffset, 0, n);
      return;
    }
    // Distinct elements have distinct destinations (expanded targets are refused before), so
    // threads can write disjoint ranges of the row-major order.
    Parallel.forRange(n, Parallel.MEMORY_GRAIN,
        (from, to) -> copy(src, srcStrides, shape, dst, dstStrides, dstOffset, from, to));
  }

  /** Elements {@code [from, to)} of the row-major order; the first and last rows may be partial. */
  private static void copy(Tensor src, int[] srcStrides, int[] shape, Storage dst, int[] dstStrides, int dstOffset,
      int from, int to) {
    int rank = shape.length;
    int inner = shape[rank - 1];
    int sIn = srcStrides[rank - 1];
    int dIn = dstStrides[rank - 1];
    int[] idx = new int[rank];
    int s = src.offset;
    int d = dstOffset;
    int r = from / inner;
    for (int k = rank - 2; k >= 0; k--) {
      idx[k] = r % shape[k];
      r /= shape[k];
      s += idx[k] * srcStrides[k];
      d += idx[k] * dstStrides[k];
    }
    int col = from % inner;
    for (int done = from; done < to; ) {
      int len = Math.min(inner - col, to - done);
      copyRow(src.storage, s + col * sIn, sIn, dst, d + col * dIn, dIn, len);
      done += len;
      col = 0;
      for (int k = rank - 2; k >= 0; k--) {
        idx[k]++;
        s += srcStrides[k];
        d += dstStrides[k];
        if (idx[k] < shape[k]) {
          break;
        }
        s -= srcStrides[k] * shape[k];
        d -= dstStrides[k] * shape[k];
        idx[k] = 0;
      }
    }
  }

  private static void copyRow(Storage src, int s, int ss, Storage dst, int d, int ds, int n) {
    if (src.f != null && dst.f != null) {
      float[] a = src.f;
      float[] b = dst.f;
      if (ss == 1 && ds == 1) {
        System.arraycopy(a, s, b, d, n);
      } else {
        for (int i = 0; i < n; i++) {
          b[d + i * ds] = a[s + i * ss];
        }
      }
    } else if (src.d != null && dst.d != null) {
      double[] a = src.d;
      double[] b = dst.d;
      if (ss == 1 && ds == 1) {
        System.arraycopy(a, s, b, d, n);
      } else {
        for (int i = 0; i < n; i++) {
          b[d + i * ds] = a[s + i * ss];
        }
      }
    } else if (src.f != null) {
      float[] a = src.f;
      double[] b = dst.d;
      if (ss == 1 && ds == 1) {
        widen(a, s, b, d, n);
      } else {
        for (int i = 0; i < n; i++) {
          b[d + i * ds] = a[s + i * ss];
        }
      }
    } else {
      double[] a = src.d;
      float[] b = dst.f;
      if (ss == 1 && ds == 1) {
        narrow(a, s, b, d, n);
      } else {
        for (int i = 0; i < n; i++) {
          b[d + i * ds] = (float) a[s + i * ss];
        }
      }
    }
  }

  // The dtype conversions of dense rows get unit-stride loops of their own: a float[] and a
  // double[] cannot be one array, so C2 may vectorise them even at two different offsets (JDK 25
  // does; JDK 17 vectorises no float-double conversion at all), which the i * stride loops above
  // never allow.
  private static void widen(float[] a, int s, double[] b, int d, int n) {
    for (int i = 0; i < n; i++) {
      b[d + i] = a[s + i];
    }
  }

  private static void narrow(double[] a, int s, float[] b, int d, int n) {
    for (int i = 0; i < n; i++) {
      b[d + i] = (float) a[s + i];
    }
  }

  private static void write(Storage dst, int pos, double value) {
    if (dst.f != null) {
      dst.f[pos] = (float) value;
    } else {
      dst.d[pos] = value;
    }
  }

  /** A fresh contiguous copy of {@code t} in {@code dtype}. */
  static Tensor materialize(Tensor t, DType dtype) {
    Storage out = Storage.allocate(dtype, t.numel);
    int[] shape = t.shape.clone();
    copy(t, t.strides, shape, out, Shapes.contiguousStrides(shape), 0);
    return Tensor.contiguousOver(out, shape);
  }

  /** {@code t} itself when contiguous from offset 0 in {@code dtype} and filling its storage, else a copy. */
  static Tensor dense(Tensor t, DType dtype) {
    if (t.dtype == dtype && t.spansStorage()) {
      return t;
    }
    return materialize(t, dtype);
  }

  static double[] toDoubleArray(Tensor t) {
    Tensor c = materialize(t, DType.FLOAT64);
    return c.storage.d;
  }

  static float[] toFloatArray(Tensor t) {
    Tensor c = materialize(t, DType.FLOAT32);
    return c.storage.f;
  }

  static boolean allClose(Tensor a, Tensor b, double rtol, double atol) {
    int[] shape = Shapes.broadcast("allClose", a.shape, b.shape);
    double[] x = toDoubleArray(a.expandView(shape));
    double[] y = toDoubleArray(b.expandView(shape));
    for (int i = 0; i < x.length; i++) {
      // NaN is never close, as in torch.allclose(equal_nan=False); equal infinities are.
      if (x[i] != y[i] && !(Math.abs(x[i] - y[i]) <= atol + rtol * Math.abs(y[i]))) {
        return false;
      }
    }
    return true;
  }
}
