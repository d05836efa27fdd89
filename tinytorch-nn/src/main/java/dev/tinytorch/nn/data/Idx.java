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
 * Values are returned as stored: divide images by 255 yourself.
 *
 * <pre>{@code
 * Tensor images = Idx.read(Path.of("train-images-idx3-ubyte.gz"));   // [60000, 28, 28], 0..255
 * Tensor labels = Idx.read(Path.of("train-labels-idx1-ubyte.gz"));   // [60000]
 * }</pre>
 */
public final class Idx {
  private Idx() {}

  public static Tensor read(Path file) throws IOException {
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
      InputStream in = gzip ? new BufferedInputStream(new GZIPInputStream(raw)) : raw;
      DataInputStream data = new DataInputStream(in);
      Tensor t = read(file, data, gzip ? -1 : Files.size(file));
      if (data.read() != -1) {
        throw new IOException("Idx.read: " + file + " has bytes after the data its header announces; the file is "
            + "damaged or not one IDX array");
      }
      return t;
    } catch (EOFException e) {
      throw new IOException("Idx.read: " + file + " is truncated: it ends before the data its header announces", e);
    }
  }

  private static Tensor read(Path file, DataInputStream in, long fileSize) throws IOException {
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
      return Tensor.of(d, shape);
    }
    float[] f = new float[count];
    if (type == 0x08 || type == 0x09) {
      byte[] bytes = in.readNBytes(count);
      if (bytes.length != count) {
        throw new EOFException();
      }
      for (int i = 0; i < count; i++) {
        f[i] = type == 0x08 ? bytes[i] & 0xff : bytes[i];
      }
    } else {
      for (int i = 0; i < count; i++) {
        f[i] = type == 0x0B ? in.readShort() : in.readFloat();
      }
    }
    return Tensor.of(f, shape);
  }
}
