package dev.tinytorch.nn.data;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, gzip-compressed or not (detected from the
 * first bytes). Unsigned bytes, bytes, shorts and floats become FLOAT32 (exact); ints and doubles FLOAT64.
 * Values are returned as stored, or divided as they are read ({@link #read(Path, double)}).
 *
 * <pre>{@code
 * Tensor images = Idx.read(Path.of("train-images-idx3-ubyte.gz"));        // [60000, 28, 28], 0..255
 * Tensor scaled = Idx.read(Path.of("train-images-idx3-ubyte.gz"), 255);   // the same, in [0, 1]
 * Tensor labels = Idx.read(Path.of("train-labels-idx1-ubyte.gz"));        // [60000]
 * }</pre>
 *
 * <p>Unsigned bytes go from the inflated bytes to the tensor's floats in one pass ({@link
 * Tensor#ofUnsignedBytes}): no float array copied into the tensor, and with a divisor no
 * second tensor for the quotients. For Fashion-MNIST's training images that is 188 MB (or 376
 * MB) less; a fresh JVM read them in 0.6-1.9 s before, when the floats were filled by an
 * interpreted loop and then copied (the inflating alone: 0.2-0.5 s, as Python's gzip).
 */
public final class Idx {
  /** Inflater input buffer: 64 KiB instead of GZIPInputStream's 512 bytes, 10-15 % faster. */
  private static final int GZIP_BUFFER = 1 << 16;

  private Idx() {}

  public static Tensor read(Path file) throws IOException {
    return read(file, 1, false);
  }

  /**
   * The array of {@code file} divided by {@code divisor}: bit for bit {@code read(file).div(divisor)},
   * and for unsigned bytes (MNIST's images) without the intermediate tensor, each byte divided as
   * it is converted.
   */
  public static Tensor read(Path file, double divisor) throws IOException {
    return read(file, divisor, true);
  }

  private static Tensor read(Path file, double divisor, boolean divide) throws IOException {
    checkNotNull(file, "Idx.read: file is null");
    if (Files.isDirectory(file)) {
      throw new IOException("Idx.read: " + file + " is a directory; pass the path of an IDX file");
    }
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
      raw.mark(2);
      int b0 = raw.read();
      int b1 = raw.read();
      raw.reset();
      boolean gzip = b0 == 0x1f && b1 == 0x8b;
      InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw, GZIP_BUFFER)) : raw;
      DataInputStream data = new DataInputStream(in);
      Tensor t = read(file, data, gzip ? -1 : Files.size(file), divisor, divide);
      if (data.read() != -1) {
        throw new IOException("Idx.read: " + file + " has bytes after the data its header announces; the file is "
            + "damaged or not one IDX array");
      }
      return t;
    } catch (EOFException e) {
      throw new IOException("Idx.read: " + file + " is truncated: it ends before the data its header announces", e);
    }
  }

  private static Tensor read(Path file, DataInputStream in, long fileSize, double divisor, boolean divide)
      throws IOException {
    int zero = in.readUnsignedShort();
    int type = in.readUnsignedByte();
    int rank = in.readUnsignedByte();
    if (zero != 0 || (type != 0x08 && type != 0x09 && type != 0x0B && type != 0x0C && type != 0x0D && type != 0x0E)
        || rank == 0) {
      throw new IOException(String.format("Idx.read: %s is not an IDX file: magic 0x%04x%02x%02x; IDX files start "
          + "with two zero bytes, a type code (0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double) "
          + "and the number of dims", file, zero, type, rank));
    }
    int[] shape = new int[rank];
    long n = 1;
    for (int i = 0; i < rank; i++) {
      shape[i] = in.readInt();
      if (shape[i] < 0) {
        throw new IOException("Idx.read: " + file + " declares a negative size " + shape[i] + " for dim " + i);
      }
      n *= shape[i];
      if (n > Integer.MAX_VALUE - 8) {
        throw new IOException("Idx.read: " + file + " holds more than " + (Integer.MAX_VALUE - 8)
            + " values, more than one tensor can (shape so far " + java.util.Arrays.toString(shape) + ")");
      }
    }
    int width = type == 0x08 || type == 0x09 ? 1 : type == 0x0B ? 2 : type == 0x0E ? 8 : 4;
    long expected = 4 + 4L * rank + n * width;
    // checked before allocating, so a damaged header cannot make us allocate gigabytes for a few bytes
    if (fileSize >= 0 && fileSize != expected) {
      throw new IOException("Idx.read: " + file + " has " + fileSize + " bytes but its header "
          + java.util.Arrays.toString(shape) + " announces " + expected + "; the file is "
          + (fileSize < expected ? "truncated" : "followed by extra bytes"));
    }
    if (n > Integer.MAX_VALUE - 8) {
      throw new IOException("Idx.read: " + file + " holds " + n + " values, more than one tensor can");
    }
    int count = (int) n;
    if (type == 0x0C || type == 0x0E) {
      double[] d = new double[count];
      for (int i = 0; i < count; i++) {
        d[i] = type == 0x0C ? in.readInt() : in.readDouble();
      }
      return divided(Tensor.of(d, shape), divisor, divide);
    }
    if (type == 0x08 || type == 0x09) {
      byte[] bytes = in.readNBytes(count);
      if (bytes.length != count) {
        throw new EOFException();
      }
      if (type == 0x08) {
        // k / 1 is k, so the undivided read takes this path too
        return Tensor.ofUnsignedBytes(bytes, divide ? divisor : 1, shape);
      }
      float[] f = new float[count];
      for (int i = 0; i < count; i++) {
        f[i] = bytes[i];
      }
      return divided(Tensor.of(f, shape), divisor, divide);
    }
    float[] f = new float[count];
    for (int i = 0; i < count; i++) {
      f[i] = type == 0x0B ? in.readShort() : in.readFloat();
    }
    return divided(Tensor.of(f, shape), divisor, divide);
  }

  private static Tensor divided(Tensor t, double divisor, boolean divide) {
    return divide ? t.div(divisor) : t;
  }
}
