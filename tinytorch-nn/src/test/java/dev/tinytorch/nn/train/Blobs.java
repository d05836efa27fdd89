package dev.tinytorch.nn.train;

import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;

/** Test data for the Trainer: Gaussian blobs around well-separated class centres, and a small seeded MLP. */
final class Blobs {
  static final int FEATURES = 8;
  static final int CLASSES = 4;

  private Blobs() {}

  /** {@code n} samples, class i % CLASSES, centre +3 on feature (class) and -3 on feature (class + CLASSES), noise 1. */
  static TensorDataset dataset(int n, long seed) {
    return dataset(n, seed, DType.FLOAT32);
  }

  static TensorDataset dataset(int n, long seed, DType dtype) {
    Generator g = new Generator(seed);
    double[] x = new double[n * FEATURES];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      int c = i % CLASSES;
      y[i] = c;
      for (int f = 0; f < FEATURES; f++) {
        double centre = f == c ? 3 : f == c + CLASSES ? -3 : 0;
        x[i * FEATURES + f] = centre + g.nextGaussian();
      }
    }
    return new TensorDataset(Tensor.of(x, n, FEATURES).to(dtype), Tensor.of(y, n).to(dtype));
  }

  static Sequential mlp(long seed) {
    Generator g = new Generator(seed);
    return new Sequential(new Linear(FEATURES, 16, true, g), new ReLU(), new Linear(16, CLASSES, true, g));
  }
}
