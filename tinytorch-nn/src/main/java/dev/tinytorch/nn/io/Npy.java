package dev.tinytorch.nn.io;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's {@code .npy} format (version 1.0) for one array: FLOAT32 as {@code <f4}, FLOAT64 as {@code <f8},
 * C order. Reading also takes {@code <f2} (as FLOAT32) and the integer and bool kinds (as FLOAT64, exact).
 *
 * <pre>{@code
 * Npy.save(Path.of("w.npy"), weight);         // numpy.load("w.npy")
 * Tensor w = Npy.load(Path.of("w.npy"));
 * }</pre>
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
  private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

  private Npy() {}

  public static void save(Path file, Tensor t) throws IOException {
    checkNotNull(file, "Npy.save: file is null");
    checkNotNull(t, "Npy.save: tensor is null");
    AtomicFiles.write(file, out -> write(out, t));
  }

  public static Tensor load(Path file) throws IOException {
    checkNotNull(file, "Npy.load: file is null");
    if (Files.isDirectory(file)) {
      throw new IOException("Npy.load: " + file + " is a directory; pass the path of an .npy file");
    }
    return read(Files.readAllBytes(file), "Npy.load: " + file);
  }

  static void write(OutputStream out, Tensor t) throws IOException {
    StringBuilder shape = new StringBuilder();
    for (int d : t.shape()) {
      shape.append(d).append(", ");
    }
    String s = t.dim() == 0 ? "" : t.dim() == 1 ? shape.substring(0, shape.length() - 1) : shape.substring(0, shape.length() - 2);
    String dict = "{'descr': '" + (t.dtype() == DType.FLOAT32 ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': ("
        + s + "), }";
    int total = MAGIC.length + 2 + 2 + dict.length() + 1;
    int pad = (64 - total % 64) % 64;
    String header = dict + " ".repeat(pad) + "\n";
    out.write(MAGIC);
    out.write(1);
    out.write(0);
    out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
    out.write(header.getBytes(StandardCharsets.US_ASCII));
    out.write(RawData.bytes(t));
  }

  static Tensor read(byte[] all, String where) throws IOException {
    if (all.length < 10 || !java.util.Arrays.equals(java.util.Arrays.copyOf(all, 6), MAGIC)) {
      throw new IOException(where + " is not a .npy file (no \\x93NUMPY magic)");
    }
    int major = all[6];
    int headerLen;
    int start;
    ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
    if (major == 1) {
      headerLen = b.getShort(8) & 0xffff;
      start = 10;
    } else if (major == 2 || major == 3) {
      if (all.length < 12) {
        throw new IOException(where + " is truncated inside its header");
      }
      headerLen = b.getInt(8);
      start = 12;
    } else {
      throw new IOException(where + ": .npy version " + major + " is not supported (1, 2 and 3 are)");
    }
    if (headerLen < 0 || start + headerLen > all.length) {
      throw new IOException(where + ": the header length " + headerLen + " runs past the end of the file");
    }
    String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
    String dict = header.strip();
    if (!dict.startsWith("{") || !dict.endsWith("}")) {
      throw new IOException(where + ": the header " + dict + " is not a Python dict literal {...}");
    }
    Matcher d = DESCR.matcher(header);
    Matcher f = FORTRAN.matcher(header);
    Matcher s = SHAPE.matcher(header);
    if (!d.find() || !f.find() || !s.find()) {
      throw new IOException(where + ": the header " + header.strip() + " lacks descr, fortran_order or shape");
    }
    String code = switch (d.group(1)) {
      case "<f4" -> "F32";
      case "<f8" -> "F64";
      case "<f2" -> "F16";
      case "<i8" -> "I64";
      case "<i4" -> "I32";
      case "<i2" -> "I16";
      case "|i1" -> "I8";
      case "|u1" -> "U8";
      case "|b1" -> "BOOL";
      default -> throw new IOException(where + ": dtype " + d.group(1) + " is not supported (little-endian "
          + "floats, signed ints, uint8 and bool are)");
    };
    String[] dims = s.group(1).split(",");
    java.util.List<Integer> shape = new java.util.ArrayList<>();
    long count = 1;
    for (String dim : dims) {
      if (!dim.isBlank()) {
        int v;
        try {
          v = Integer.parseInt(dim.strip());
          count = Math.multiplyExact(count, (long) v);
        } catch (NumberFormatException | ArithmeticException e) {
          throw new IOException(where + ": the shape (" + s.group(1) + ") is not a tuple of sizes", e);
        }
        if (v < 0 || count > Integer.MAX_VALUE) {
          throw new IOException(where + ": the shape (" + s.group(1) + ") has a negative or too large size");
        }
        shape.add(v);
      }
    }
    int[] sh = shape.stream().mapToInt(Integer::intValue).toArray();
    int dataStart = start + headerLen;
    long bytes = count * RawData.width(code);
    if (all.length - dataStart != bytes) {
      throw new IOException(where + ": shape " + java.util.Arrays.toString(sh) + " of " + d.group(1) + " needs "
          + bytes + " data bytes, the file has " + (all.length - dataStart));
    }
    boolean fortran = f.group(1).equals("True");
    int[] readShape = sh;
    if (fortran) {
      readShape = new int[sh.length];
      for (int i = 0; i < sh.length; i++) {
        readShape[i] = sh[sh.length - 1 - i];
      }
    }
    Tensor t = RawData.decode(ByteBuffer.wrap(all, dataStart, (int) bytes), code, readShape, (int) count, where);
    if (fortran && sh.length > 1) {
      int[] reverse = new int[sh.length];
      for (int i = 0; i < sh.length; i++) {
        reverse[i] = sh.length - 1 - i;
      }
      t = t.permute(reverse).contiguous();
    }
    return t;
  }
}
