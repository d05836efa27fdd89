package dev.tinytorch.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;

class Dl4jDataTest {
  /** Six samples of two features, classes 0, 1, 2, 0, 1, 2 one-hot. */
  private static DataSet six() {
    INDArray x = Nd4j.create(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, new long[] {6, 2}, 'c');
    INDArray y = Nd4j.zeros(DataType.FLOAT, 6, 3);
    for (int i = 0; i < 6; i++) {
      y.putScalar(i, i % 3, 1f);
    }
    return new DataSet(x, y);
  }

  @Test
  void toBatchTurnsOneHotLabelsIntoClassIndices() {
    Batch b = Dl4jData.toBatch(six(), true);
    assertEquals(DType.FLOAT32, b.inputs().dtype());
    assertArrayEquals(new int[] {6, 2}, b.inputs().shape());
    assertArrayEquals(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, b.inputs().toFloatArray());
    assertArrayEquals(new double[] {0, 1, 2, 0, 1, 2}, b.targets().toDoubleArray());

    Batch raw = Dl4jData.toBatch(six(), false);
    assertArrayEquals(new int[] {6, 3}, raw.targets().shape());
    assertEquals(1.0, raw.targets().get(4, 1), 0.0);
  }

  @Test
  void toBatchRefusesWhatItCannotCarry() {
    DataSet soft = six();
    soft.getLabels().putScalar(3, 1, 0.5f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Dl4jData.toBatch(soft, true));
    assertTrue(e.getMessage().contains("label row 3"), e.getMessage());
    assertTrue(e.getMessage().contains("not one-hot"), e.getMessage());
    assertEquals(0.5, Dl4jData.toBatch(soft, false).targets().get(3, 1), 0.0);

    DataSet masked = six();
    masked.setLabelsMaskArray(Nd4j.ones(DataType.FLOAT, 6, 1));
    e = assertThrows(IllegalArgumentException.class, () -> Dl4jData.toBatch(masked, true));
    assertTrue(e.getMessage().contains("mask"), e.getMessage());

    DataSet mismatched = new DataSet(Nd4j.zeros(DataType.FLOAT, 4, 2), Nd4j.zeros(DataType.FLOAT, 3, 1));
    e = assertThrows(IllegalArgumentException.class, () -> Dl4jData.toBatch(mismatched, false));
    assertTrue(e.getMessage().contains("[4, 2]") && e.getMessage().contains("[3, 1]"), e.getMessage());
    assertThrows(NullPointerException.class, () -> Dl4jData.toBatch(null, true));
  }

  @Test
  void batchesRepeatEpochAfterEpochThroughReset() {
    DataSetIterator it = new ListDataSetIterator<>(six().asList(), 4); // batches of 4 and 2
    Iterable<Batch> epochs = Dl4jData.batches(it, true);
    for (int epoch = 0; epoch < 3; epoch++) {
      List<Batch> got = collect(epochs);
      assertEquals(2, got.size(), "epoch " + epoch);
      assertArrayEquals(new double[] {0, 1, 2, 0}, got.get(0).targets().toDoubleArray());
      assertArrayEquals(new double[] {1, 2}, got.get(1).targets().toDoubleArray());
      assertArrayEquals(new float[] {8, 9, 10, 11}, got.get(1).inputs().toFloatArray());
    }
  }

  @Test
  void batchesWorkThroughDl4jsAsyncPrefetch() {
    DataSetIterator async = new AsyncDataSetIterator(new ListDataSetIterator<>(six().asList(), 2), 2);
    Iterable<Batch> epochs = Dl4jData.batches(async, true);
    for (int epoch = 0; epoch < 3; epoch++) {
      List<Batch> got = collect(epochs);
      assertEquals(3, got.size(), "epoch " + epoch);
      assertArrayEquals(new float[] {4, 5, 6, 7}, got.get(1).inputs().toFloatArray());
      assertArrayEquals(new double[] {2, 0}, got.get(1).targets().toDoubleArray());
    }
    ((AsyncDataSetIterator) async).shutdown();
  }

  @Test
  void aNonResettableIteratorGivesOnePassAndSaysSo() {
    DataSetIterator once = new OnePass(new ListDataSetIterator<>(six().asList(), 3));
    Iterable<Batch> epochs = Dl4jData.batches(once, false);
    assertEquals(2, collect(epochs).size());
    IllegalStateException e = assertThrows(IllegalStateException.class, epochs::iterator);
    assertTrue(e.getMessage().contains("does not support reset()"), e.getMessage());
  }

  @Test
  void anOvertakenPassFailsLoudly() {
    Iterable<Batch> epochs = Dl4jData.batches(new ListDataSetIterator<>(six().asList(), 2), true);
    Iterator<Batch> first = epochs.iterator();
    first.next();
    Iterator<Batch> second = epochs.iterator();
    assertThrows(ConcurrentModificationException.class, first::next);
    assertEquals(3, countRest(second));
  }

  @Test
  void iteratorGivesDl4jTheLoadersBatchesWithOneHotLabels() {
    Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 5, 2);
    Tensor y = Tensor.of(new double[] {2, 0, 1, 1, 0});
    DataLoader loader = DataLoader.builder(new TensorDataset(x, y)).batchSize(2).build();
    DataSetIterator it = Dl4jData.iterator(loader, 3);
    assertEquals(2, it.inputColumns());
    assertEquals(3, it.totalOutcomes());
    assertEquals(2, it.batch());
    assertTrue(it.resetSupported());
    for (int epoch = 0; epoch < 2; epoch++) {
      List<DataSet> got = new ArrayList<>();
      it.forEachRemaining(got::add);
      assertEquals(3, got.size());
      DataSet first = got.get(0);
      assertEquals(DataType.FLOAT, first.getFeatures().dataType());
      assertEquals(DataType.FLOAT, first.getLabels().dataType(), "labels in the features' type");
      assertArrayEquals(new float[] {0, 1, 2, 3}, first.getFeatures().data().asFloat());
      assertArrayEquals(new float[] {0, 0, 1, 1, 0, 0}, first.getLabels().data().asFloat());
      assertArrayEquals(new long[] {1, 3}, got.get(2).getLabels().shape());
      assertFalse(it.hasNext());
      it.reset();
    }
    assertThrows(UnsupportedOperationException.class, () -> it.next(3));
  }

  @Test
  void iteratorWithoutClassesPassesTargetsAsColumns() {
    Tensor x = Tensor.of(new double[] {1, 2, 3});
    Tensor y = Tensor.of(new double[] {10, 20, 30});
    DataSetIterator it = Dl4jData.iterator(DataLoader.builder(new TensorDataset(x, y)).batchSize(3).build());
    DataSet ds = it.next();
    assertArrayEquals(new long[] {3, 1}, ds.getFeatures().shape());
    assertArrayEquals(new long[] {3, 1}, ds.getLabels().shape());
    assertEquals(30.0, ds.getLabels().getDouble(2, 0), 0.0);

    DataSetIterator classes = Dl4jData.iterator(DataLoader.builder(new TensorDataset(x, y)).batchSize(3).build(), 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, classes::next);
    assertTrue(e.getMessage().contains("not a class index in [0, 3)"), e.getMessage());
  }

  private static List<Batch> collect(Iterable<Batch> batches) {
    List<Batch> out = new ArrayList<>();
    batches.forEach(out::add);
    return out;
  }

  private static int countRest(Iterator<Batch> it) {
    int n = 0;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  /** An iterator that cannot reset, as DL4J's streaming ones. */
  private static final class OnePass implements DataSetIterator {
    private static final long serialVersionUID = 1L;
    private final transient DataSetIterator inner;

    OnePass(DataSetIterator inner) {
      this.inner = inner;
    }

    @Override public boolean hasNext() { return inner.hasNext(); }
    @Override public DataSet next() { return inner.next(); }
    @Override public DataSet next(int num) { return inner.next(num); }
    @Override public int inputColumns() { return inner.inputColumns(); }
    @Override public int totalOutcomes() { return inner.totalOutcomes(); }
    @Override public boolean resetSupported() { return false; }
    @Override public boolean asyncSupported() { return false; }
    @Override public void reset() { throw new UnsupportedOperationException("reset"); }
    @Override public int batch() { return inner.batch(); }
    @Override public void setPreProcessor(org.nd4j.linalg.dataset.api.DataSetPreProcessor p) { inner.setPreProcessor(p); }
    @Override public org.nd4j.linalg.dataset.api.DataSetPreProcessor getPreProcessor() { return inner.getPreProcessor(); }
    @Override public List<String> getLabels() { return inner.getLabels(); }
  }
}
