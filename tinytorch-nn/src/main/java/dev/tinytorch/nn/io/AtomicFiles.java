package dev.tinytorch.nn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that either replace a file whole or leave it as it was: a temporary file in the same folder,
 * then an atomic rename. Public for the other nn packages (History's CSV and PNG); a crash mid-write
 * leaves the previous file intact.
 *
 * <pre>{@code
 * AtomicFiles.write(Path.of("out.csv"), out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {
  /** Writes the whole content to the (buffered) stream of the temporary file. */
  @FunctionalInterface
  public interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private AtomicFiles() {}

  /** Writes {@code file} through {@code writer}: all of it, or (on an exception) nothing. */
  public static void write(Path file, Writer writer) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    // Not Files.createTempFile: it makes the file owner-only (0600), and the rename would hand that to
    // a checkpoint or CSV the user expects to have the umask's permissions like any other file.
    Path tmp = dir.resolve("." + abs.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
    try {
      try (OutputStream out = new java.io.BufferedOutputStream(
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
        writer.write(out);
      }
      try {
        Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
