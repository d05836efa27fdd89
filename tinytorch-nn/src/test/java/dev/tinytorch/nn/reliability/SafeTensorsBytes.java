package dev.tinytorch.nn.reliability;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/** Byte-level editing of safetensors files (and so of checkpoints) for {@link FileFuzzTest}. */
final class SafeTensorsBytes {
  private SafeTensorsBytes() {}

  static byte[] safetensors(String headerJson, byte[] data) {
    byte[] h = headerJson.getBytes(StandardCharsets.UTF_8);
    ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putLong(h.length).put(h).put(data);
    return b.array();
  }

  static long headerLength(byte[] file) {
    return ByteBuffer.wrap(file, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  static String header(byte[] file) {
    return new String(file, 8, (int) headerLength(file), StandardCharsets.UTF_8);
  }

  static byte[] data(byte[] file) {
    return Arrays.copyOfRange(file, 8 + (int) headerLength(file), file.length);
  }

  /** The file with entry {@code name}'s JSON changed by {@code edit}. */
  static byte[] editEntry(byte[] file, Function<JsonObject, JsonObject> edit) {
    JsonObject h = JsonParser.parseString(header(file)).getAsJsonObject();
    JsonObject out = new JsonObject();
    h.entrySet().forEach(e -> out.add(e.getKey(), e.getValue()));
    return safetensors(edit.apply(out).toString(), data(file));
  }

  static List<String> tensorNames(byte[] file) {
    List<String> names = new ArrayList<>(JsonParser.parseString(header(file)).getAsJsonObject().keySet());
    names.remove("__metadata__");
    return names;
  }

  /** A random position between JSON tokens: after a structural character outside any string. */
  static int outsideStrings(String json, Random r) {
    List<Integer> spots = new ArrayList<>();
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (c == '"' && (i == 0 || json.charAt(i - 1) != '\\')) {
        inString = !inString;
      } else if (!inString && "{}[]:,".indexOf(c) >= 0 && i + 1 < json.length()) {
        spots.add(i + 1);
      }
    }
    return spots.get(r.nextInt(spots.size()));
  }

  static long[] offsets(byte[] file, String name) {
    JsonArray a = JsonParser.parseString(header(file)).getAsJsonObject().getAsJsonObject(name)
        .getAsJsonArray("data_offsets");
    return new long[] {a.get(0).getAsLong(), a.get(1).getAsLong()};
  }

  static JsonObject set(JsonObject h, String name, String field, JsonElement v) {
    JsonObject e = h.getAsJsonObject(name).deepCopy();
    e.add(field, v);
    h.add(name, e);
    return h;
  }

  static JsonArray arr(long... v) {
    JsonArray a = new JsonArray();
    for (long x : v) {
      a.add(x);
    }
    return a;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
