package dev.tinytorch.examples;

import dev.tinytorch.tensor.Tensor;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * TinyTorch's TinyDigits, embedded in this jar: 8x8 digit images (UCI optdigits, CC BY 4.0), 100 train
 * and 20 test images per digit exactly as TinyTorch splits them. Pixels are divided by 16, as TinyTorch does.
 */
final class TinyDigits {
  /** Images [N, 64] (FLOAT32, 0..1) and labels [N] (class indices 0..9). */
  record Split(Tensor images, Tensor labels) {
    int size() {
      return labels.size(0);
    }

    /** The images as [N, 1, 8, 8] for convolutions. */
    Tensor asImages() {
      return images.reshape(-1, 1, 8, 8);
    }
  }

  private TinyDigits() {}

  static Split train() {
    return read("tinydigits-train.csv");
  }

  static Split test() {
    return read("tinydigits-test.csv");
  }

  private static Split read(String name) {
    try (InputStream in = TinyDigits.class.getResourceAsStream("data/" + name)) {
      if (in == null) {
        throw new IllegalStateException("TinyDigits: resource data/" + name + " is missing from the examples jar");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      List<float[]> rows = new ArrayList<>();
      List<Float> labels = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split(",");
        float[] px = new float[64];
        for (int i = 0; i < 64; i++) {
          px[i] = Float.parseFloat(f[i]) / 16f;
        }
        rows.add(px);
        labels.add(Float.parseFloat(f[64]));
      }
      float[] x = new float[rows.size() * 64];
      float[] y = new float[rows.size()];
      for (int i = 0; i < rows.size(); i++) {
        System.arraycopy(rows.get(i), 0, x, i * 64, 64);
        y[i] = labels.get(i);
      }
      return new Split(Tensor.of(x, rows.size(), 64), Tensor.of(y));
    } catch (IOException e) {
      throw new UncheckedIOException("TinyDigits: cannot read " + name, e);
    }
  }
}
