package dev.tinytorch.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a numeric CSV into a {@link TensorDataset}: one sample per row, one column the label (class
 * index or value), the rest FLOAT32 features. Blank lines and lines starting with {@code #} are skipped,
 * and so is a first line that is not numeric (a header such as iris's).
 *
 * <pre>{@code
 * TensorDataset train = Csv.read(Path.of("tinydigits-train.csv"), -1);   // label in the last column
 * }</pre>
 */
public final class Csv {
  private Csv() {}

  /** {@code labelColumn} counts from 0; negative counts from the end (-1 is the last column). */
  public static TensorDataset read(Path file, int labelColumn) throws IOException {
    checkNotNull(file, "Csv.read: file is null");
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(r, file.toString(), labelColumn);
    }
  }

  /**
   * The same from a reader (a classpath resource, say); {@code source} names it in error messages.
   * The reader is not closed.
   */
  public static TensorDataset read(Reader reader, String source, int labelColumn) throws IOException {
    checkNotNull(reader, "Csv.read: reader is null");
    List<float[]> rows = new ArrayList<>();
    int width = -1;
    int label = 0;
    boolean first = true;
    BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    int lineNo = 0;
    for (String line; (line = r.readLine()) != null; ) {
      lineNo++;
      String s = line.strip();
      if (s.isEmpty() || s.startsWith("#")) {
        continue;
      }
      String[] cells = s.split(",", -1);
      float[] v = new float[cells.length];
      boolean numeric = true;
      for (int i = 0; i < cells.length && numeric; i++) {
        try {
          v[i] = Float.parseFloat(cells[i].strip());
        } catch (NumberFormatException e) {
          numeric = false;
        }
      }
      if (!numeric) {
        if (first) {
          first = false;
          continue;   // a header
        }
        throw new IllegalArgumentException("Csv.read: " + source + " line " + lineNo + " is not numeric: '"
            + abbreviate(line) + "'; every row after an optional header must hold numbers only");
      }
      first = false;
      if (width < 0) {
        width = cells.length;
        label = labelColumn < 0 ? labelColumn + width : labelColumn;
        checkArgument(label >= 0 && label < width && width >= 2,
            "Csv.read: %s has %s columns, so label column %s does not exist (or leaves no features)",
            source, width, labelColumn);
      } else if (cells.length != width) {
        throw new IllegalArgumentException("Csv.read: " + source + " line " + lineNo + " has " + cells.length
            + " columns, the rows before it " + width + "; every row needs the same number of columns");
      }
      rows.add(v);
    }
    checkArgument(!rows.isEmpty(), "Csv.read: %s has no data rows", source);
    int features = width - 1;
    float[] x = new float[rows.size() * features];
    float[] y = new float[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      float[] v = rows.get(i);
      int k = 0;
      for (int j = 0; j < width; j++) {
        if (j == label) {
          y[i] = v[j];
        } else {
          x[i * features + k++] = v[j];
        }
      }
    }
    return new TensorDataset(Tensor.of(x, rows.size(), features), Tensor.of(y));
  }

  private static String abbreviate(String line) {
    return line.length() <= 60 ? line : line.substring(0, 57) + "...";
  }
}
