package dev.tinytorch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set size, Linux's {@code VmHWM} in {@code /proc/self/status}. */
final class PeakRss {
  private PeakRss() {}

  /** VmHWM in KiB, or -1 where there is no {@code /proc} (not Linux). */
  static long kib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // no /proc: the caller prints -1
    }
    return -1;
  }
}
