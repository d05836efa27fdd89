package dev.tinytorch.interop;

import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * A {@link DataLoader} seen as DL4J's {@link DataSetIterator}; made by {@link Dl4jData#iterator}.
 * Each {@link #reset()} starts a new epoch of the loader (a new shuffle, if it shuffles).
 *
 * <pre>{@code
 * DataSetIterator it = Dl4jData.iterator(DataLoader.builder(train).batchSize(16).shuffle(1).build(), 3);
 * network.fit(it, 50);   // DL4J trains on TinyTorch's data
 * }</pre>
 *
 * <p>Not asynchronous: the data is already in memory and conversion is a bulk copy, so DL4J's
 * prefetch thread would only add a thread. {@code next(int)} is unsupported, as in many of DL4J's
 * own iterators: the loader fixes the batch size.
 */
final class LoaderIterator implements DataSetIterator {
  private static final long serialVersionUID = 1L;

  private final transient DataLoader loader;
  private final int numClasses;
  private transient Iterator<Batch> epoch;
  private transient DataSetPreProcessor preProcessor;

  /** numClasses 0: targets as they are (1-D becomes a column); else class indices to one-hot rows. */
  LoaderIterator(DataLoader loader, int numClasses) {
    this.loader = loader;
    this.numClasses = numClasses;
    this.epoch = loader.iterator();
  }

  @Override
  public boolean hasNext() {
    return epoch.hasNext();
  }

  @Override
  public DataSet next() {
    if (!epoch.hasNext()) {
      throw new NoSuchElementException("Dl4jData.iterator: the epoch is over; call reset() for the next one");
    }
    Batch b = epoch.next();
    INDArray features = INDArrays.toINDArray(b.inputs());
    if (features.rank() == 1) {
      features = features.reshape('c', features.length(), 1);
    }
    DataSet ds = new DataSet(features, labels(b.targets(), b.inputs().dtype()));
    if (preProcessor != null) {
      preProcessor.preProcess(ds);
    }
    return ds;
  }

  private INDArray labels(Tensor targets, DType dtype) {
    if (numClasses == 0) {
      INDArray y = INDArrays.toINDArray(targets);
      return targets.dim() == 1 ? y.reshape('c', y.length(), 1) : y;
    }
    if (targets.dim() != 1) {
      throw new IllegalArgumentException("Dl4jData.iterator: with numClasses " + numClasses
          + " the targets must be class indices [N], got shape " + Arrays.toString(targets.shape())
          + "; use Dl4jData.iterator(loader) to pass targets as they are");
    }
    double[] idx = targets.toDoubleArray();
    double[] rows = new double[idx.length * numClasses];
    for (int i = 0; i < idx.length; i++) {
      double k = idx[i];
      if (k != Math.rint(k) || k < 0 || k >= numClasses) {
        throw new IllegalArgumentException("Dl4jData.iterator: target " + i + " of the batch is " + k
            + ", not a class index in [0, " + numClasses + "); check the targets or numClasses");
      }
      rows[i * numClasses + (int) k] = 1;
    }
    // In the features' dtype, as DL4J's own iterators give them: FLOAT for a FLOAT network.
    return INDArrays.toINDArray(Tensor.of(rows, idx.length, numClasses).to(dtype));
  }

  @Override
  public DataSet next(int num) {
    throw new UnsupportedOperationException("Dl4jData.iterator: next(" + num + ") is unsupported; the DataLoader's "
        + "batch size (" + loader.batchSize() + ") fixes the batch size, so build it with batchSize(" + num + ")");
  }

  @Override
  public int inputColumns() {
    int[] shape = loader.dataset().get(0).inputs().shape();
    int n = 1;
    for (int i = 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }

  @Override
  public int totalOutcomes() {
    if (numClasses > 0) {
      return numClasses;
    }
    int[] shape = loader.dataset().get(0).targets().shape();
    int n = 1;
    for (int i = 1; i < shape.length; i++) {
      n *= shape[i];
    }
    return n;
  }

  @Override
  public boolean resetSupported() {
    return true;
  }

  @Override
  public boolean asyncSupported() {
    return false;
  }

  @Override
  public void reset() {
    epoch = loader.iterator();
  }

  @Override
  public int batch() {
    return loader.batchSize();
  }

  @Override
  public void setPreProcessor(DataSetPreProcessor preProcessor) {
    this.preProcessor = preProcessor;
  }

  @Override
  public DataSetPreProcessor getPreProcessor() {
    return preProcessor;
  }

  @Override
  public List<String> getLabels() {
    return null; // the loader has no class names
  }
}
