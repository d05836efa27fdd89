package dev.tinytorch.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An atomic write replaces the file whole, leaves no temporary behind, and keeps ordinary permissions. */
class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aWrittenFileHasThePermissionsOfAnyNewFileNotOwnerOnly() throws IOException {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "skipped: no POSIX permissions on this file system");
    Path plain = Files.createFile(dir.resolve("plain.bin"));
    Path atomic = dir.resolve("atomic.bin");
    AtomicFiles.write(atomic, out -> out.write(new byte[] {1, 2, 3}));
    assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(atomic));
  }

  @Test
  void aFailedWriteKeepsThePreviousFileAndLeavesNoTemporary() throws IOException {
    Path file = dir.resolve("data.bin");
    AtomicFiles.write(file, out -> out.write(new byte[] {7, 8}));
    assertThrows(IOException.class, () -> AtomicFiles.write(file, out -> {
      out.write(new byte[] {9, 9, 9});
      throw new IOException("disk full (simulated)");
    }));
    assertArrayEquals(new byte[] {7, 8}, Files.readAllBytes(file));
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }
}
