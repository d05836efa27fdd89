package dev.tinytorch.examples;

import dev.tinytorch.nn.data.Csv;
import dev.tinytorch.nn.data.Standardizer;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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

    /** This split with each pixel standardised by {@code s} (statistics from the training split). */
    Split standardized(Standardizer s) {
      return new Split(s.transform(images), labels);
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
      TensorDataset d = Csv.read(new InputStreamReader(in, StandardCharsets.UTF_8), name, -1);
      return new Split(d.inputs().div(16.0), d.targets());
    } catch (IOException e) {
      throw new UncheckedIOException("TinyDigits: cannot read " + name, e);
    }
  }
}
