package dev.tinytorch.nn.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.tinytorch.tensor.Generator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Mini-batches over a {@link Dataset}, PyTorch's {@code DataLoader}: each {@link #iterator()} is one epoch.
 * With {@code shuffle(seed)} every epoch has a new order, and two loaders with the same seed go through
 * the same sequence of orders; each batch is gathered in one {@link Dataset#get} call.
 *
 * <p>The order of epoch {@code e} is a pure function of the seed and {@code e}: each
 * {@link #iterator()} uses the loader's epoch counter and then increments it, and
 * {@link #setEpoch(int)} positions the counter (PyTorch's {@code DistributedSampler.set_epoch}), so a
 * run resumed at epoch 3 sees exactly the orders an uninterrupted run would have seen.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train).batchSize(32).shuffle(42).dropLast(false).build();
 * for (int epoch = 0; epoch < 10; epoch++) {
 *   for (Batch b : loader) { ... }
 * }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
  private final Dataset dataset;
  private final int batchSize;
  private final boolean shuffle;
  private final boolean dropLast;
  private final long seed;
  private int epoch;

  private DataLoader(Builder b) {
    this.dataset = b.dataset;
    this.batchSize = b.batchSize;
    this.shuffle = b.shuffle;
    this.dropLast = b.dropLast;
    this.seed = b.seed;
  }

  public static Builder builder(Dataset dataset) {
    return new Builder(checkNotNull(dataset, "DataLoader: dataset is null"));
  }

  /** The number of batches per epoch. */
  public int size() {
    int n = dataset.size();
    return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
  }

  public int batchSize() {
    return batchSize;
  }

  public Dataset dataset() {
    return dataset;
  }

  /**
   * Sets the epoch the next {@link #iterator()} runs (0 = the first); with shuffling, that epoch's
   * order. The Trainer calls it at the start of every epoch; call it yourself when resuming by hand.
   */
  public synchronized void setEpoch(int epoch) {
    checkArgument(epoch >= 0, "DataLoader.setEpoch: epoch %s must be >= 0", epoch);
    this.epoch = epoch;
  }

  /** The epoch the next {@link #iterator()} runs: how many it has started, unless {@link #setEpoch} moved it. */
  public synchronized int epoch() {
    return epoch;
  }

  /** One epoch; with shuffling, the order of the current epoch of this loader's seeded sequence. */
  @Override
  public Iterator<Batch> iterator() {
    int e;
    synchronized (this) {
      e = epoch++;
    }
    int n = dataset.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    if (shuffle) {
      // A fresh generator per epoch, seeded from (seed, epoch) alone: no state carried between epochs.
      Generator generator = new Generator(epochSeed(seed, e));
      for (int i = n - 1; i > 0; i--) {
        int j = generator.nextInt(i + 1);
        int t = order[i];
        order[i] = order[j];
        order[j] = t;
      }
    }
    int batches = size();
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < batches;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException("DataLoader: the epoch has " + batches + " batches");
        }
        int from = next * batchSize;
        int len = Math.min(batchSize, n - from);
        int[] idx = new int[len];
        System.arraycopy(order, from, idx, 0, len);
        next++;
        return dataset.get(idx);
      }
    };
  }

  /**
   * The generator seed of one epoch. Both halves go through SplitMix64's finaliser so that nearby
   * seeds and epochs give unrelated streams; a plain {@code seed + epoch} would make epoch 1 of one
   * seed epoch 0 of the next, and a multiple of SplitMix's increment would shift one stream by a step.
   */
  static long epochSeed(long seed, int epoch) {
    return mix64(mix64(seed) ^ (epoch * 0xD1B54A32D192ED03L + 0x632BE59BD9B4E019L));
  }

  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Options of a DataLoader; batch size 1, no shuffling, the last partial batch kept by default. */
  public static final class Builder {
    private final Dataset dataset;
    private int batchSize = 1;
    private boolean shuffle;
    private long seed;
    private boolean dropLast;

    private Builder(Dataset dataset) {
      this.dataset = dataset;
    }

    public Builder batchSize(int value) {
      checkArgument(value > 0, "DataLoader: batch size must be positive, got %s; pass the number of samples "
          + "per batch, e.g. batchSize(32)", value);
      batchSize = value;
      return this;
    }

    /** Shuffles every epoch from a generator seeded with {@code seed}. */
    public Builder shuffle(long seed) {
      this.shuffle = true;
      this.seed = seed;
      return this;
    }

    public Builder dropLast(boolean value) {
      dropLast = value;
      return this;
    }

    public DataLoader build() {
      checkState(dataset.size() >= 0, "DataLoader: dataset size is negative");
      return new DataLoader(this);
    }
  }
}
