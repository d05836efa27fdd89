package dev.tinytorch.interop;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * DL4J's data pipelines into TinyTorch training, and TinyTorch's {@link DataLoader} into DL4J's.
 *
 * <pre>{@code
 * RecordReader reader = new CSVRecordReader(1, ',');
 * reader.initialize(new FileSplit(new File("iris.csv")));
 * DataSetIterator it = new RecordReaderDataSetIterator(reader, 16, 4, 3);   // label column 4, 3 classes
 * NormalizerStandardize norm = new NormalizerStandardize();
 * norm.fit(it);
 * it.setPreProcessor(norm);
 * for (int epoch = 0; epoch < 100; epoch++) {
 *   for (Batch b : Dl4jData.batches(it, true)) {      // one-hot labels -> class indices
 *     Tensor loss = new CrossEntropyLoss().forward(model.forward(b.inputs()), b.targets());
 *     ...
 *   }
 * }
 * }</pre>
 *
 * <p>Every batch is copied out of ND4J when it arrives ({@link INDArrays#toTensor}), so iterators
 * that reuse their arrays for the next batch, as DL4J's asynchronous ones may, are safe. Feature
 * and label masks (DL4J's variable-length sequences) have no counterpart in {@link Batch} and are
 * refused rather than dropped.
 */
public final class Dl4jData {
  private Dl4jData() {}

  /**
   * The DataSet's features and labels as a batch. With {@code classIndices}, labels must be one-hot
   * rows [N, C] and become class indices [N] (whole numbers held as FLOAT64, what
   * {@code CrossEntropyLoss} takes); without it they are converted as they are.
   *
   * @throws IllegalArgumentException for masks, features and labels of different sample counts, or
   *     (with {@code classIndices}) labels that are not one-hot rows
   */
  public static Batch toBatch(DataSet ds, boolean classIndices) {
    checkNotNull(ds, "Dl4jData.toBatch: the DataSet ds is null");
    checkArgument(ds.getFeatures() != null && ds.getLabels() != null,
        "Dl4jData.toBatch: the DataSet has %s features and %s labels; a Batch needs both",
        ds.getFeatures() == null ? "no" : "its", ds.getLabels() == null ? "no" : "its");
    checkArgument(ds.getFeaturesMaskArray() == null && ds.getLabelsMaskArray() == null,
        "Dl4jData.toBatch: the DataSet has a features or labels mask (variable-length sequences); Batch has "
            + "no masks, so pad or trim the sequences to one length first");
    Tensor inputs = INDArrays.toTensor(ds.getFeatures());
    Tensor targets = classIndices ? classIndices(ds.getLabels()) : INDArrays.toTensor(ds.getLabels());
    checkArgument(inputs.dim() >= 1 && targets.dim() >= 1 && inputs.size(0) == targets.size(0),
        "Dl4jData.toBatch: features %s and labels %s must have the same first dim (one row per sample)",
        Arrays.toString(inputs.shape()), Arrays.toString(targets.shape()));
    return new Batch(inputs, targets);
  }

  /**
   * The batches of {@code it}, one pass per {@link Iterable#iterator()} call, so that a training
   * loop (or a Trainer) can iterate it epoch after epoch. Each pass after the first starts with
   * {@code it.reset()}; the first resets only if {@code it} is already exhausted. An iterator that
   * does not support reset ({@code resetSupported() == false}) gives one pass, and asking for a
   * second one throws IllegalStateException. Wrapped asynchronous iterators
   * ({@code AsyncDataSetIterator}) work as they are.
   *
   * <p>All passes share {@code it}: starting a new pass invalidates the previous one, whose next
   * {@code next()} throws ConcurrentModificationException.
   */
  public static Iterable<Batch> batches(DataSetIterator it, boolean classIndices) {
    checkNotNull(it, "Dl4jData.batches: the DataSetIterator it is null");
    return new Epochs(it, classIndices);
  }

  /**
   * {@code loader} as a DL4J {@link DataSetIterator} that {@code MultiLayerNetwork.fit} and
   * {@code evaluate} accept, targets as they are: 1-D targets (a regression target per sample)
   * become a column [N, 1]. For classification use {@link #iterator(DataLoader, int)}.
   */
  public static DataSetIterator iterator(DataLoader loader) {
    checkNotNull(loader, "Dl4jData.iterator: the DataLoader loader is null");
    return new LoaderIterator(loader, 0);
  }

  /**
   * {@code loader} as a DL4J {@link DataSetIterator} whose class-index targets [N] (whole numbers
   * in [0, numClasses)) become the one-hot label rows [N, numClasses] that DL4J's output layers
   * expect.
   */
  public static DataSetIterator iterator(DataLoader loader, int numClasses) {
    checkNotNull(loader, "Dl4jData.iterator: the DataLoader loader is null");
    checkArgument(numClasses > 0, "Dl4jData.iterator: numClasses must be positive, got %s", numClasses);
    return new LoaderIterator(loader, numClasses);
  }

  /** Argmax of one-hot rows, checking that each row is one-hot. */
  private static Tensor classIndices(INDArray labels) {
    Tensor oneHot = INDArrays.toTensor(labels);
    checkArgument(oneHot.dim() == 2,
        "Dl4jData.toBatch: class indices need one-hot labels [N, C], got shape %s; pass classIndices=false "
            + "to keep the labels as they are", Arrays.toString(oneHot.shape()));
    int n = oneHot.size(0);
    int c = oneHot.size(1);
    double[] v = oneHot.toDoubleArray();
    double[] out = new double[n];
    for (int i = 0; i < n; i++) {
      int hot = -1;
      for (int j = 0; j < c; j++) {
        double x = v[i * c + j];
        if (x == 1 && hot < 0) {
          hot = j;
        } else if (x != 0) {
          hot = -2;
          break;
        }
      }
      if (hot < 0) {
        throw new IllegalArgumentException("Dl4jData.toBatch: label row " + i + " of shape " + Arrays.toString(
            oneHot.shape()) + " is not one-hot: " + Arrays.toString(Arrays.copyOfRange(v, i * c, i * c + c))
            + "; pass classIndices=false to keep soft or multi-label targets as they are");
      }
      out[i] = hot;
    }
    return Tensor.of(out);
  }

  /** The Iterable of {@link #batches}: one pass over the shared DataSetIterator per iterator(). */
  private static final class Epochs implements Iterable<Batch> {
    private final DataSetIterator source;
    private final boolean classIndices;
    private int passes;

    Epochs(DataSetIterator source, boolean classIndices) {
      this.source = source;
      this.classIndices = classIndices;
    }

    @Override
    public synchronized Iterator<Batch> iterator() {
      if (passes > 0 || !source.hasNext()) {
        if (!source.resetSupported()) {
          if (passes > 0) {
            throw new IllegalStateException("Dl4jData.batches: " + source.getClass().getSimpleName()
                + " does not support reset(), so it gives one pass only and this is pass " + (passes + 1)
                + "; collect its DataSets into a ListDataSetIterator (or a TensorDataset) to train several epochs");
          }
        } else {
          source.reset();
        }
      }
      int pass = ++passes;
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          check();
          return source.hasNext();
        }

        @Override
        public Batch next() {
          check();
          if (!source.hasNext()) {
            throw new NoSuchElementException("Dl4jData.batches: pass " + pass + " has no more batches");
          }
          return toBatch(source.next(), classIndices);
        }

        private void check() {
          synchronized (Epochs.this) {
            if (passes != pass) {
              throw new ConcurrentModificationException("Dl4jData.batches: pass " + pass
                  + " was overtaken by pass " + passes + ", which reset the shared DataSetIterator; finish one "
                  + "pass before starting the next");
            }
          }
        }
      };
    }
  }
}
