package dev.tinytorch.tensor;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints tensors the way PyTorch 1.13 does with its default print options (4 decimals, summaries
 * above 1000 elements showing 3 edge items, 80-column lines), so that output can be compared with
 * PyTorch's character for character. The suffix {@code dtype=torch.float64} keeps torch's spelling
 * on purpose: users recognise it, and FLOAT32 is the default that goes unprinted, as in torch.
 */
final class TensorFormat {
  private static final int PRECISION = 4;
  private static final int THRESHOLD = 1000;
  private static final int EDGE_ITEMS = 3;
  private static final int LINE_WIDTH = 80;
  private static final String PREFIX = "tensor(";

  private TensorFormat() {}

  static String format(Tensor t) {
    List<String> suffixes = new ArrayList<>();
    String body;
    if (t.numel() == 0) {
      // torch shows the size of an empty tensor unless it is the plain 1-D [] one.
      if (t.dim() != 1) {
        suffixes.add("size=" + tuple(t.shape));
      }
      body = "[]";
    } else {
      double[] values = t.toDoubleArray();
      boolean summarize = t.numel() > THRESHOLD;
      // Like torch, the number style and width come only from the values that will be shown.
      double[] shown = new double[shownTotal(t.shape, summarize)];
      collectShown(values, t.shape, 0, 0, summarize, shown, 0);
      Style style = new Style(shown);
      StringBuilder out = new StringBuilder();
      appendBlock(out, values, t.shape, 0, 0, PREFIX.length(), summarize, style);
      body = out.toString();
    }
    if (t.dtype() != DType.defaultType()) {
      // The enum constant a Java user writes (DType.FLOAT64), not PyTorch's namespaced torch.float64.
      suffixes.add("dtype=" + t.dtype().name());
    }
    if (t.gradFn() != null) {
      suffixes.add("grad_fn=<" + t.gradFn().name() + ">");
    } else if (t.requiresGrad()) {
      suffixes.add("requires_grad=True");
    }
    return addSuffixes(PREFIX + body, suffixes);
  }

  /** Python's {@code str(tuple(shape))}: {@code (0, 3)}, {@code (0,)}. */
  private static String tuple(int[] shape) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      sb.append(i > 0 ? ", " : "").append(shape[i]);
    }
    return sb.append(shape.length == 1 ? ",)" : ")").toString();
  }

  /** Whether dim {@code d} is cut to its edge items, and if so which positions are shown. */
  private static boolean cut(int[] shape, int d, boolean summarize) {
    return summarize && shape[d] > 2 * EDGE_ITEMS;
  }

  /** Index of the k-th shown entry of dim d (the first and last EDGE_ITEMS when cut). */
  private static int shownIndex(int size, int k, boolean cut) {
    return cut && k >= EDGE_ITEMS ? size - 2 * EDGE_ITEMS + k : k;
  }

  private static int shownCount(int size, boolean cut) {
    return cut ? 2 * EDGE_ITEMS : size;
  }

  private static int shownTotal(int[] shape, boolean summarize) {
    int n = 1;
    for (int d = 0; d < shape.length; d++) {
      n *= shownCount(shape[d], cut(shape, d, summarize));
    }
    return n;
  }

  /**
   * Copies the shown elements of the row-major block of dims {@code d..} starting at {@code base}
   * into {@code out} from {@code at}; returns the next free position.
   */
  private static int collectShown(double[] v, int[] shape, int d, int base, boolean summarize, double[] out, int at) {
    if (d == shape.length) {
      out[at] = v[base];
      return at + 1;
    }
    int inner = blockSize(shape, d + 1);
    boolean cut = cut(shape, d, summarize);
    for (int k = 0; k < shownCount(shape[d], cut); k++) {
      at = collectShown(v, shape, d + 1, base + shownIndex(shape[d], k, cut) * inner, summarize, out, at);
    }
    return at;
  }

  private static int blockSize(int[] shape, int from) {
    int n = 1;
    for (int i = from; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }

  /** torch's _tensor_str_with_formatter and _vector_str: nested brackets, wrapped rows. */
  private static void appendBlock(StringBuilder out, double[] v, int[] shape, int d, int base, int indent,
      boolean summarize, Style style) {
    int rank = shape.length - d;
    if (rank == 0) {
      out.append(style.format(v[base]));
      return;
    }
    boolean cut = cut(shape, d, summarize);
    int count = shownCount(shape[d], cut);
    out.append('[');
    if (rank == 1) {
      int perLine = Math.max(1, (LINE_WIDTH - indent) / (style.width + 2));
      String lineBreak = ",\n" + " ".repeat(indent + 1);
      int onLine = 0;
      for (int k = 0; k < count; k++) {
        if (cut && k == EDGE_ITEMS) {
          onLine = appendItem(out, " ...", onLine, perLine, lineBreak);
        }
        onLine = appendItem(out, style.format(v[base + shownIndex(shape[d], k, cut)]), onLine, perLine, lineBreak);
      }
    } else {
      String separator = "," + "\n".repeat(rank - 1) + " ".repeat(indent + 1);
      int inner = blockSize(shape, d + 1);
      for (int k = 0; k < count; k++) {
        if (k > 0) {
          out.append(separator);
        }
        if (cut && k == EDGE_ITEMS) {
          out.append("...").append(separator);
        }
        appendBlock(out, v, shape, d + 1, base + shownIndex(shape[d], k, cut) * inner, indent + 1, summarize, style);
      }
    }
    out.append(']');
  }

  /** Appends one element of a row, starting a new line after every {@code perLine} items. */
  private static int appendItem(StringBuilder out, String item, int onLine, int perLine, String lineBreak) {
    if (onLine == perLine) {
      out.append(lineBreak);
      onLine = 0;
    } else if (onLine > 0) {
      out.append(", ");
    }
    out.append(item);
    return onLine + 1;
  }

  /** torch's _add_suffixes: ", dtype=..." on the last line, or on a new one past 80 columns. */
  private static String addSuffixes(String text, List<String> suffixes) {
    StringBuilder out = new StringBuilder(text);
    // The same arithmetic as torch (including its +1 quirk), so lines break where torch's do.
    int lastLine = text.length() - text.lastIndexOf('\n') + 1;
    for (String suffix : suffixes) {
      if (lastLine + suffix.length() + 2 > LINE_WIDTH) {
        out.append(",\n").append(" ".repeat(PREFIX.length())).append(suffix);
        lastLine = PREFIX.length() + suffix.length();
      } else {
        out.append(", ").append(suffix);
        lastLine += suffix.length() + 2;
      }
    }
    return out.append(')').toString();
  }

  /**
   * torch's _Formatter: integer style ({@code 1.}), fixed ({@code 1.5000}) or scientific
   * ({@code 1.0000e-05}) for the whole tensor, and one width so columns line up.
   */
  private static final class Style {
    final boolean intMode;
    final boolean sciMode;
    final int width;

    Style(double[] values) {
      double min = Double.POSITIVE_INFINITY;
      double max = 0;
      boolean allIntegers = true;
      boolean any = false;
      for (double x : values) {
        if (x != 0 && Double.isFinite(x)) {
          any = true;
          min = Math.min(min, Math.abs(x));
          max = Math.max(max, Math.abs(x));
          allIntegers &= x == Math.ceil(x);
        }
      }
      intMode = !any || allIntegers;
      sciMode = any && (max / min > 1000.0 || max > 1.0e8 || (!intMode && min < 1.0e-4));
      int w = 1;
      for (double x : values) {
        if (x != 0 && Double.isFinite(x)) {
          w = Math.max(w, sciMode ? scientific(x).length() : intMode ? plain(x, 0).length() + 1 : plain(x, PRECISION).length());
        }
      }
      width = w;
    }

    String format(double x) {
      String s;
      if (!Double.isFinite(x)) {
        s = Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
      } else if (sciMode) {
        s = scientific(x);
      } else if (intMode) {
        s = plain(x, 0) + ".";
      } else {
        s = plain(x, PRECISION);
      }
      return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
  }

  /**
   * Python's {@code '{:.Nf}'}: the exact binary value rounded half-even, keeping the sign of
   * values that round to zero (and of -0.0), as Python does.
   */
  static String plain(double x, int decimals) {
    String digits = new BigDecimal(Math.abs(x)).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    return (Math.copySign(1.0, x) < 0 ? "-" : "") + digits;
  }

  /** Python's {@code '{:.4e}'}: five significant digits, then e, a sign and at least two exponent digits. */
  static String scientific(double x) {
    String sign = Math.copySign(1.0, x) < 0 ? "-" : "";
    if (x == 0) {
      return sign + "0." + "0".repeat(PRECISION) + "e+00";
    }
    BigDecimal r = new BigDecimal(Math.abs(x)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
    String digits = r.unscaledValue().toString();
    int exponent = digits.length() - 1 - r.scale();
    digits = (digits + "0".repeat(PRECISION + 1)).substring(0, PRECISION + 1);
    int e = Math.abs(exponent);
    return sign + digits.charAt(0) + "." + digits.substring(1) + "e" + (exponent < 0 ? "-" : "+") + (e < 10 ? "0" : "") + e;
  }
}
