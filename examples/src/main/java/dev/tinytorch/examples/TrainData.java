package dev.tinytorch.examples;

import dev.tinytorch.nn.data.Csv;
import dev.tinytorch.nn.data.Idx;
import dev.tinytorch.nn.data.Standardizer;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;

/**
 * What {@code train} learns from, ready for a model: features [N, F] standardised with the training split's
 * statistics, class-index labels [N], and the image side when the rows are square images (for a CNN).
 * Three sources: the embedded TinyDigits (TinyTorch's own split, pixels / 16), a folder of IDX files with
 * MNIST's names (pixels / 255, its own test split), or a numeric CSV with the label in the last column,
 * split by a seeded shuffle.
 *
 * <pre>{@code
 * TrainData d = TrainData.load(Path.of("iris.csv"), 0.2, 1);   // 120 train and 30 test rows
 * }</pre>
 */
record TrainData(String description, Tensor trainX, Tensor trainY, Tensor testX, Tensor testY, int classes,
    int imageSide) {

  /** The default: TinyDigits exactly as TinyTorch splits it (1000 train, 200 test 8x8 images). */
  static TrainData tinyDigits() {
    TinyDigits.Split train = TinyDigits.train();
    TinyDigits.Split test = TinyDigits.test();
    return standardized("TinyDigits (embedded; 8x8 digits, TinyTorch's split)", train.images(), train.labels(),
        test.images(), test.labels(), 8);
  }

  /** A CSV file or a folder of IDX files; {@code testFraction} and {@code seed} split a CSV. */
  static TrainData load(Path path, double testFraction, long seed) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString(), null, "--data: no such file or folder");
    }
    return Files.isDirectory(path) ? idx(path) : csv(path, testFraction, seed);
  }

  private static TrainData csv(Path file, double testFraction, long seed) throws IOException {
    TensorDataset all;
    try {
      all = Csv.read(file, -1);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
    int n = all.size();
    int classes = classCount(all.targets(), file.toString());
    int testRows = (int) Math.round(n * testFraction);
    if (testRows < 1 || testRows >= n) {
      throw new IOException(String.format(java.util.Locale.ROOT, "%s: %d rows and --test-fraction %s leave %d test "
          + "rows; choose a fraction that leaves at least one row on each side", file, n, testFraction, testRows));
    }
    // A seeded Fisher-Yates shuffle of the row numbers: the same split for the same seed, every run.
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Random r = new Random(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int[] testIdx = java.util.Arrays.copyOfRange(order, 0, testRows);
    int[] trainIdx = java.util.Arrays.copyOfRange(order, testRows, n);
    var train = all.get(trainIdx);
    var test = all.get(testIdx);
    int features = all.inputs().size(1);
    int side = (int) Math.round(Math.sqrt(features));
    return standardized(String.format(java.util.Locale.ROOT, "%s (%d rows, %d features, %d classes; seeded %d/%d "
        + "split)", file, n, features, classes, trainIdx.length, testRows), train.inputs(), train.targets(),
        test.inputs(), test.targets(), side * side == features ? side : 0);
  }

  private static TrainData idx(Path dir) throws IOException {
    Tensor trainX = Idx.read(find(dir, "train-images-idx3-ubyte"));
    Tensor trainY = Idx.read(find(dir, "train-labels-idx1-ubyte"));
    Tensor testX = Idx.read(find(dir, "t10k-images-idx3-ubyte"));
    Tensor testY = Idx.read(find(dir, "t10k-labels-idx1-ubyte"));
    if (trainX.dim() != 3 || trainX.size(1) != trainX.size(2) || testX.dim() != 3
        || testX.size(1) != trainX.size(1) || trainY.size(0) != trainX.size(0) || testY.size(0) != testX.size(0)) {
      throw new IOException(dir + ": the IDX files hold images " + shape(trainX) + " and " + shape(testX)
          + " with labels " + shape(trainY) + " and " + shape(testY) + "; expected square images [N, S, S] and one "
          + "label per image");
    }
    int side = trainX.size(1);
    Tensor tr = trainX.reshape(trainX.size(0), side * side).div(255.0);
    Tensor te = testX.reshape(testX.size(0), side * side).div(255.0);
    return standardized(String.format(java.util.Locale.ROOT, "%s (IDX: %d train and %d test %dx%d images)", dir,
        trainX.size(0), testX.size(0), side, side), tr, trainY, te, testY, side);
  }

  private static Path find(Path dir, String name) throws IOException {
    for (String candidate : new String[] {name, name + ".gz"}) {
      Path p = dir.resolve(candidate);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new NoSuchFileException(dir.resolve(name + ".gz").toString(), null,
        "--data folder has no " + name + "[.gz] (MNIST's file names are expected)");
  }

  private static TrainData standardized(String description, Tensor trainX, Tensor trainY, Tensor testX, Tensor testY,
      int side) {
    // Statistics from the training split only, applied to both, so nothing of the test set leaks in.
    Standardizer s = Standardizer.fit(trainX);
    int classes = Math.max(classCount(trainY, "training labels"), classCount(testY, "test labels"));
    return new TrainData(description, s.transform(trainX), trainY, s.transform(testX), testY, classes, side);
  }

  /** 1 + the largest label, after checking that every label is a class index 0, 1, 2, ... */
  private static int classCount(Tensor labels, String source) {
    float[] y = labels.toFloatArray();
    int max = -1;
    for (int i = 0; i < y.length; i++) {
      float v = y[i];
      if (v < 0 || v != Math.rint(v) || v > 100_000) {
        throw new IllegalArgumentException(source + ": label " + v + " in row " + (i + 1) + " is not a class index; "
            + "the last column must hold whole numbers 0, 1, 2, ...");
      }
      max = Math.max(max, (int) v);
    }
    return max + 1;
  }

  int features() {
    return trainX.size(1);
  }

  private static String shape(Tensor t) {
    return java.util.Arrays.toString(t.shape());
  }
}
