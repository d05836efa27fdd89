package dev.tinytorch.nn.io;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * numpy's {@code .npz}: a zip of {@code name.npy} entries, the exchange format with numpy
 * ({@code numpy.load}) and ND4J ({@code Nd4j.createFromNpzFile}). Entries are written stored
 * (uncompressed), as {@code numpy.savez} writes them and as ND4J requires; {@link #load} reads
 * stored and deflated ({@code numpy.savez_compressed}) entries alike.
 *
 * <pre>{@code
 * Npz.save(Path.of("weights.npz"), model.stateDict());
 * Map<String, Tensor> w = Npz.load(Path.of("weights.npz"));   // keys without ".npy"
 * }</pre>
 */
public final class Npz {
  private Npz() {}

  public static void save(Path file, Map<String, Tensor> arrays) throws IOException {
    checkNotNull(file, "Npz.save: file is null");
    checkNotNull(arrays, "Npz.save: arrays is null");
    arrays.forEach((k, v) -> {
      checkNotNull(k, "Npz.save: a name is null");
      checkNotNull(v, "Npz.save: array '%s' is null", k);
    });
    AtomicFiles.write(file, out -> {
      ZipOutputStream zip = new ZipOutputStream(out);
      for (Map.Entry<String, Tensor> e : arrays.entrySet()) {
        // Stored, not deflated, as numpy's savez writes them: ND4J's createFromNpzFile reads only these.
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        Npy.write(npy, e.getValue());
        byte[] bytes = npy.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(bytes);
        ZipEntry entry = new ZipEntry(e.getKey() + ".npy");
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
      }
      zip.finish();
    });
  }

  public static Map<String, Tensor> load(Path file) throws IOException {
    checkNotNull(file, "Npz.load: file is null");
    if (Files.isDirectory(file)) {
      throw new IOException("Npz.load: " + file + " is a directory; pass the path of an .npz file");
    }
    Map<String, Tensor> out = new LinkedHashMap<>();
    String where = "Npz.load: " + file;
    // ZipFile reads the central directory at the end, so a file cut anywhere is refused as a whole;
    // a streaming read would return the arrays before the cut as if they were all
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String name = e.getName();
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
          bytes = in.readAllBytes();
        }
        CRC32 crc = new CRC32();
        crc.update(bytes);
        if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
          throw new IOException(where + ", entry '" + name + "': the CRC-32 does not match; the file is damaged");
        }
        String key = name.endsWith(".npy") ? name.substring(0, name.length() - 4) : name;
        out.put(key, Npy.read(bytes, where + ", entry '" + name + "'"));
      }
    } catch (ZipException e) {
      throw new IOException(where + " is not a readable zip (" + e.getMessage() + ")", e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(where)) {
        throw e;
      }
      throw new IOException(where + " could not be read (" + e + "); the file is truncated or damaged", e);
    }
    if (out.isEmpty() && Files.size(file) > 0) {
      throw new IOException("Npz.load: " + file + " holds no arrays; it is not an .npz zip or is damaged");
    }
    return Collections.unmodifiableMap(out);
  }
}
