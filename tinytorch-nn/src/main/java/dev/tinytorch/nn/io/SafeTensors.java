package dev.tinytorch.nn.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hugging Face's safetensors format: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range (and an optional {@code __metadata__} map of strings), then the raw
 * little-endian data. Safe to load (no code runs) and read by PyTorch ({@code safetensors.torch.load_file}).
 *
 * <pre>{@code
 * SafeTensors.save(Path.of("model.safetensors"), model.stateDict(), Map.of("epoch", "5"));
 * Map<String, Tensor> state = SafeTensors.load(Path.of("model.safetensors"));
 * model.loadStateDict(state);
 * }</pre>
 *
 * <p>FLOAT32 is written as F32 and FLOAT64 as F64. Reading also takes I64/I32/I16/I8/U8/BOOL as FLOAT64
 * (exact; I64 beyond 2^53 refused) and F16/BF16 as FLOAT32. Writes are atomic; reads check everything
 * (header length, JSON, dtypes, shapes against byte counts, offsets in range, ordered without overlap,
 * and the exact file size) before returning, and name the file and entry of any damage.
 */
public final class SafeTensors {
  private static final String METADATA = "__metadata__";

  private SafeTensors() {}

  /** Writes {@code tensors} (in their map order) and {@code metadata} (may be null) to {@code file}. */
  public static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
    save(file, tensors, metadata, java.util.Set.of());
  }

  /**
   * As {@link #save(Path, Map, Map)}, writing the entries named in {@code asInt64} as I64 (PyTorch's long
   * dtype, for counts such as batch norm's {@code num_batches_tracked}); their values must be whole.
   */
  static void save(Path file, Map<String, Tensor> tensors, Map<String, String> metadata,
      java.util.Set<String> asInt64) throws IOException {
    checkNotNull(file, "SafeTensors.save: file is null");
    checkNotNull(tensors, "SafeTensors.save: tensors is null");
    JsonObject header = new JsonObject();
    if (metadata != null && !metadata.isEmpty()) {
      JsonObject meta = new JsonObject();
      metadata.forEach((k, v) -> meta.addProperty(checkNotNull(k, "SafeTensors.save: a metadata key is null"),
          checkNotNull(v, "SafeTensors.save: metadata '%s' is null", k)));
      header.add(METADATA, meta);
    }
    List<byte[]> blobs = new ArrayList<>();
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      String name = checkNotNull(e.getKey(), "SafeTensors.save: a tensor name is null");
      Tensor t = checkNotNull(e.getValue(), "SafeTensors.save: tensor '%s' is null", name);
      checkArgument(!name.equals(METADATA), "SafeTensors.save: '%s' is reserved for metadata", METADATA);
      boolean int64 = asInt64.contains(name);
      byte[] data = int64 ? RawData.int64Bytes(t, "SafeTensors.save: tensor '" + name + "'") : RawData.bytes(t);
      JsonObject entry = new JsonObject();
      entry.addProperty("dtype", int64 ? "I64" : t.dtype() == DType.FLOAT32 ? "F32" : "F64");
      JsonArray shape = new JsonArray();
      for (int d : t.shape()) {
        shape.add(d);
      }
      entry.add("shape", shape);
      JsonArray offsets = new JsonArray();
      offsets.add(offset);
      offsets.add(offset + data.length);
      entry.add("data_offsets", offsets);
      header.add(name, entry);
      blobs.add(data);
      offset += data.length;
    }
    byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
    int padded = (json.length + 7) / 8 * 8;   // the format aligns the data to 8 bytes with spaces
    byte[] head = new byte[padded];
    java.util.Arrays.fill(head, (byte) ' ');
    System.arraycopy(json, 0, head, 0, json.length);
    AtomicFiles.write(file, out -> {
      out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
      out.write(head);
      for (byte[] b : blobs) {
        out.write(b);
      }
    });
  }

  /** Reads every tensor of {@code file}, in header order. */
  public static Map<String, Tensor> load(Path file) throws IOException {
    return read(file).tensors();
  }

  /** The {@code __metadata__} strings of {@code file} (empty when it has none). */
  public static Map<String, String> metadata(Path file) throws IOException {
    return read(file).metadata();
  }

  /** A whole file's content. */
  public record Content(Map<String, Tensor> tensors, Map<String, String> metadata) {}

  public static Content read(Path file) throws IOException {
    checkNotNull(file, "SafeTensors.load: file is null");
    String where = "SafeTensors.load: " + file;
    if (Files.isDirectory(file)) {
      throw new IOException(where + " is a directory; pass the path of a .safetensors file");
    }
    byte[] all = Files.readAllBytes(file);
    if (all.length < 8) {
      throw new IOException(where + " has " + all.length + " bytes, fewer than the 8 of the header length");
    }
    long headerLength = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    if (headerLength < 2 || headerLength > all.length - 8) {
      throw new IOException(where + ": the header length " + headerLength + " does not fit a file of "
          + all.length + " bytes; the file is truncated or not safetensors");
    }
    JsonObject header;
    try {
      header = JsonParser.parseString(new String(all, 8, (int) headerLength, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      throw new IOException(where + ": the header is not a JSON object (" + e.getMessage() + ")", e);
    }
    int dataStart = 8 + (int) headerLength;
    long dataLength = all.length - dataStart;
    Map<String, String> metadata = new LinkedHashMap<>();
    List<long[]> ranges = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    List<int[]> shapes = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : header.entrySet()) {
      String name = e.getKey();
      String at = where + ", entry '" + name + "'";
      try {
        if (name.equals(METADATA)) {
          for (Map.Entry<String, JsonElement> m : e.getValue().getAsJsonObject().entrySet()) {
            metadata.put(m.getKey(), m.getValue().getAsString());
          }
          continue;
        }
        JsonObject entry = e.getValue().getAsJsonObject();
        String code = entry.get("dtype").getAsString();
        int width = RawData.width(code);
        if (width < 0) {
          throw new IOException(at + ": unknown dtype " + code);
        }
        JsonArray shapeJson = entry.getAsJsonArray("shape");
        int[] shape = new int[shapeJson.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
          long d = shapeJson.get(i).getAsLong();
          if (d < 0 || d > Integer.MAX_VALUE) {
            throw new IOException(at + ": dim " + i + " has size " + d);
          }
          shape[i] = (int) d;
          count *= d;
        }
        JsonArray off = entry.getAsJsonArray("data_offsets");
        long begin = off.get(0).getAsLong();
        long end = off.get(1).getAsLong();
        if (off.size() != 2 || begin < 0 || end < begin || end > dataLength) {
          throw new IOException(at + ": data_offsets [" + begin + ", " + end + "] lie outside the "
              + dataLength + " data bytes; the file is truncated or damaged");
        }
        if ((end - begin) != count * width) {
          throw new IOException(at + ": shape " + java.util.Arrays.toString(shape) + " of " + code + " needs "
              + count * width + " bytes, the offsets give " + (end - begin));
        }
        ranges.add(new long[] {begin, end, ranges.size()});
        names.add(name);
        codes.add(code);
        shapes.add(shape);
      } catch (NullPointerException | IllegalStateException | UnsupportedOperationException
          | IndexOutOfBoundsException | NumberFormatException ex) {
        throw new IOException(at + ": malformed header entry (" + ex + ")", ex);
      }
    }
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    long expect = 0;
    for (long[] r : ranges) {
      if (r[0] != expect) {
        throw new IOException(where + ", entry '" + names.get((int) r[2]) + "': data starts at " + r[0]
            + " but the entries before it end at " + expect + " (overlap or gap)");
      }
      expect = r[1];
    }
    if (expect != dataLength) {
      throw new IOException(where + ": the entries cover " + expect + " data bytes but the file holds "
          + dataLength + "; the file is truncated or has trailing bytes");
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      long[] r = null;
      for (long[] x : ranges) {
        if (x[2] == i) {
          r = x;
        }
      }
      int[] shape = shapes.get(i);
      int count = 1;
      for (int d : shape) {
        count *= d;
      }
      ByteBuffer b = ByteBuffer.wrap(all, dataStart + (int) r[0], (int) (r[1] - r[0]));
      tensors.put(names.get(i), RawData.decode(b, codes.get(i), shape, count, where + ", entry '" + names.get(i) + "'"));
    }
    return new Content(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
  }
}
