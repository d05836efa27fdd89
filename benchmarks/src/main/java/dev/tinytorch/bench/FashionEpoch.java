package dev.tinytorch.bench;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.Idx;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Issue 13's Fashion-MNIST epoch rows: reads the four IDX .gz files, trains the MLP 784-256-128-10
 * or {@link ModelSteps}' CNN for some epochs (cross-entropy, Adam lr 1e-3, batch 64, shuffled,
 * FLOAT32) and prints one JSON line: the seconds of loading (file open to the DataLoader built),
 * of each epoch (the loader's iteration included), the test accuracy after training, and the
 * memory (peak heap, peak RSS). {@code benchmarks/pytorch/fashion_epoch.py} is its PyTorch twin;
 * {@code benchmarks/turns/epochs.py} runs both in alternating turns, one process per turn.
 *
 * <pre>{@code
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar dev.tinytorch.bench.FashionEpoch \
 *     /work/shared/datasets/fashion-mnist cnn 1 1
 * }</pre>
 *
 * <p>Arguments: the dataset folder, {@code mlp} or {@code cnn}, the number of epochs (default 1) and
 * of threads (default 1; sets {@code tinytorch.threads} before any kernel runs, so it must agree
 * with a {@code -Dtinytorch.threads} given on the command line). Images are divided by 255 and
 * nothing else, as in the twin, so both sides see the same numbers.
 *
 * <p>Measured 14:20-14:30 UTC (load 3-5, so loose): the loading, not the training, sets the peaks.
 * With no epoch at all the MLP run peaked at 747 MB RSS and 638 MB of heap pools, as with one: the
 * training images pass through four arrays at once (the inflated bytes, 47 MB; the floats
 * {@code Idx.read} fills, 188 MB; {@code Tensor.of}'s copy of them, 188 MB; the {@code / 255}
 * result, 188 MB), and the heap the collector grew for them stays committed. Reading the train
 * images took 0.6-1.9 s in a fresh JVM: inflating 0.3-0.5 s (native zlib, as Python's gzip: 0.3-0.55
 * s; a 64 KiB GZIPInputStream buffer instead of 512 bytes saved 10-15 % of it, not changed), the
 * byte-to-float loop 0.1-0.4 s (interpreted until its on-stack replacement compiles), the copy
 * 0.05-0.2 s. Real batches cost the CNN step what a fixed random batch does (45-50 ms/step each,
 * alternated in one JVM under that load): the epoch is its steps.
 *
 * <p>Since 2026-12-03 evening the images go from the inflated bytes to their scaled floats in one
 * pass ({@code Idx.read(file, 255)}, {@code Tensor.ofUnsignedBytes}): two arrays at once (47 MB of
 * bytes, 188 MB of floats) instead of four.
 */
public final class FashionEpoch {
  static final String[] FILES = {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
      "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"};
  private static final int BATCH = 64;
  private static final long SEED = 13;

  private FashionEpoch() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 4 || !(args[1].equals("mlp") || args[1].equals("cnn"))) {
      System.err.println("usage: FashionEpoch DATASET_DIR mlp|cnn [EPOCHS=1] [THREADS=1]\n"
          + "  DATASET_DIR holds the four Fashion-MNIST files " + String.join(", ", FILES));
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    String model = args[1];
    int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    String threads = args.length > 3 ? args[3] : "1";
    String given = System.getProperty("tinytorch.threads");
    if (given != null && !given.equals(threads)) {
      System.err.println("FashionEpoch: -Dtinytorch.threads=" + given + " disagrees with the threads argument "
          + threads);
      System.exit(2);
    }
    // Read once, when the first kernel loads Parallel; nothing has run a kernel yet.
    System.setProperty("tinytorch.threads", threads);
    List<String> missing = new ArrayList<>();
    for (String f : FILES) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        missing.add(f);
      }
    }
    if (!missing.isEmpty()) {
      System.err.println("FashionEpoch: " + dir.toAbsolutePath() + " lacks " + String.join(", ", missing)
          + "; pass the Fashion-MNIST folder (the four IDX .gz files of "
          + "https://github.com/zalandoresearch/fashion-mnist)");
      System.exit(1);
    }
    System.out.println(run(dir, model, epochs, threads));
  }

  @SuppressWarnings("try") // the no-grad scope is used for its side effect only
  static String run(Path dir, String model, int epochs, String threads) throws IOException {
    long t0 = System.nanoTime();
    boolean cnn = model.equals("cnn");
    int[] shape = cnn ? new int[] {-1, 1, 28, 28} : new int[] {-1, 784};
    // Idx.read(file, 255): bit for bit Idx.read(file).div(255), divided as the bytes are converted
    Tensor trainX = Idx.read(dir.resolve(FILES[0]), 255).reshape(shape);
    Tensor trainY = Idx.read(dir.resolve(FILES[1]));
    Tensor testX = Idx.read(dir.resolve(FILES[2]), 255).reshape(shape);
    Tensor testY = Idx.read(dir.resolve(FILES[3]));
    DataLoader loader = DataLoader.builder(new TensorDataset(trainX, trainY)).batchSize(BATCH).shuffle(SEED).build();
    double load = (System.nanoTime() - t0) * 1e-9;

    Generator g = new Generator(SEED);
    Sequential net = cnn ? ModelSteps.cnn(g) : ModelSteps.mlp(g, 784, 256, 128, 10);
    Adam opt = new Adam(net.parameters(), 1e-3);
    Runtime rt = Runtime.getRuntime();
    long sampledPeak = 0;
    double[] epochSeconds = new double[epochs];
    double lastLoss = Double.NaN;
    for (int e = 0; e < epochs; e++) {
      long s = System.nanoTime();
      Tensor loss = null;
      for (Batch b : loader) {
        opt.zeroGrad();
        loss = F.crossEntropy(net.forward(b.inputs()), b.targets());
        loss.backward();
        opt.step();
        // Used heap at each step's end: garbage not yet collected counts, so it tracks the young
        // generation's size as much as what the step keeps; cheap enough to read every step.
        sampledPeak = Math.max(sampledPeak, rt.totalMemory() - rt.freeMemory());
      }
      lastLoss = loss.item();  // reading it once per epoch waits for nothing: kernels are synchronous
      epochSeconds[e] = (System.nanoTime() - s) * 1e-9;
    }

    long es = System.nanoTime();
    net.eval();
    long correct = 0;
    try (var off = GradMode.off()) {
      int n = testX.size(0);
      for (int from = 0; from < n; from += 1000) {
        int to = Math.min(n, from + 1000);
        Tensor pred = net.forward(testX.narrow(0, from, to - from)).argmax(1, false);
        correct += (long) pred.eq(testY.narrow(0, from, to - from).to(pred.dtype())).sum().item();
      }
      double evalSeconds = (System.nanoTime() - es) * 1e-9;
      return json(model, threads, load, epochSeconds, lastLoss, (double) correct / n, evalSeconds, sampledPeak);
    }
  }

  private static String json(String model, String threads, double load, double[] epochs, double loss,
      double accuracy, double evalSeconds, long sampledPeak) {
    // Peaks of eden, survivor and old generation are each their own maximum, reached at different
    // times, so their sum bounds the heap's peak from above; the sampled value bounds it from below.
    long poolPeaks = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
        poolPeaks += p.getPeakUsage().getUsed();
      }
    }
    long gcMillis = 0;
    long gcCount = 0;
    for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans()) {
      gcMillis += Math.max(0, b.getCollectionTime());
      gcCount += Math.max(0, b.getCollectionCount());
    }
    // What the run keeps (both splits, the model, Adam's moments): the used heap after a full
    // collection, read after the peaks, which the collection's own compaction could raise.
    System.gc();
    Runtime rt = Runtime.getRuntime();
    long live = rt.totalMemory() - rt.freeMemory();
    StringBuilder e = new StringBuilder();
    for (double s : epochs) {
      e.append(e.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", s));
    }
    double mb = 1.0 / (1 << 20);
    return String.format(Locale.ROOT, "{\"side\": \"tinytorch\", \"model\": \"%s\", \"threads\": %s, "
        + "\"load_s\": %.4f, \"epoch_s\": [%s], \"loss\": %.4f, \"test_accuracy\": %.4f, \"eval_s\": %.4f, "
        + "\"heap_pool_peaks_mb\": %.1f, \"heap_sampled_peak_mb\": %.1f, \"heap_live_mb\": %.1f, "
        + "\"heap_max_mb\": %.1f, \"gc_s\": %.3f, \"gc_count\": %d, \"rss_peak_mb\": %.1f, \"vector_api\": %b}",
        model, threads, load, e, loss, accuracy, evalSeconds, poolPeaks * mb, sampledPeak * mb, live * mb,
        rt.maxMemory() * mb, gcMillis * 1e-3, gcCount, PeakRss.kib() / 1024.0,
        ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
  }
}
