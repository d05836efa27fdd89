package dev.tinytorch.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** What the loss objects share: running an F loss under the object's own name, and their toString. */
final class LossCalls {
  private LossCalls() {}

  /**
   * Runs {@code call}, an F loss whose messages start with {@code op}, so that a caller mistake names
   * the loss object instead ({@code CrossEntropyLoss(labelSmoothing=0.1): target[3] = 7.0 ...}).
   */
  static <T> T named(Object self, String op, Supplier<T> call) {
    try {
      return call.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(rename(self, op, e.getMessage()), e);
    } catch (NullPointerException e) {
      NullPointerException renamed = new NullPointerException(rename(self, op, e.getMessage()));
      renamed.initCause(e);
      throw renamed;
    }
  }

  private static String rename(Object self, String op, String message) {
    if (message == null) {
      return self.toString();
    }
    String prefix = op + ": ";
    return self + ": " + (message.startsWith(prefix) ? message.substring(prefix.length()) : message);
  }

  /** {@code Name(a=1, b=2)} listing only the options that differ from PyTorch's defaults, as PyTorch prints. */
  static String repr(String name, Reduction reduction, String... options) {
    List<String> parts = new ArrayList<>();
    for (String o : options) {
      if (o != null) {
        parts.add(o);
      }
    }
    if (reduction != Reduction.MEAN) {
      parts.add("reduction=" + reduction);
    }
    return name + "(" + String.join(", ", parts) + ")";
  }
}
