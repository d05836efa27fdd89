package dev.tinytorch.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.BatchNorm1d;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.io.Npz;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jWeightsTest {
  @TempDir Path dir;

  private static Sequential mlp(long seed) {
    Generator g = new Generator(seed);
    return new Sequential(new Linear(3, 5, true, g), new BatchNorm1d(5), new ReLU(), new Linear(5, 2, true, g));
  }

  @Test
  void stateDictRoundTripsThroughINDArrays() {
    Sequential a = mlp(1);
    Map<String, INDArray> w = Nd4jWeights.toINDArrays(a);
    assertEquals(List.copyOf(a.stateDict().keySet()), List.copyOf(w.keySet()));
    assertArrayEquals(new long[] {3, 5}, w.get("0.weight").shape(), "Linear weight [in, out], as DL4J's dense W");
    assertEquals(DataType.FLOAT, w.get("0.weight").dataType());
    assertEquals(a.stateDict().get("3.bias").get(1), w.get("3.bias").getDouble(1), 0.0);

    Sequential b = mlp(2);
    Nd4jWeights.load(b, w);
    Tensor x = Tensor.randn(new Generator(9), 4, 3);
    a.eval();
    b.eval();
    assertTrue(a.forward(x).equal(b.forward(x)));
  }

  @Test
  void loadConvertsDtypesAndLayoutsAndIsAllOrNothing() {
    Sequential m = mlp(1);
    Map<String, INDArray> w = new LinkedHashMap<>(Nd4jWeights.toINDArrays(m));
    // A DOUBLE, 'f'-ordered weight: loaded by value into the FLOAT32 parameter.
    INDArray f = Nd4j.create(DataType.DOUBLE, new long[] {3, 5}, 'f');
    f.assign(Nd4j.linspace(DataType.DOUBLE, 0, 0.1, 15).reshape('c', 3, 5));
    w.put("0.weight", f);
    Nd4jWeights.load(m, w);
    Tensor loaded = m.stateDict().get("0.weight");
    assertEquals(DType.FLOAT32, loaded.dtype());
    assertEquals((float) 0.7, (float) loaded.get(1, 2), 1e-7);
    assertEquals((float) 1.4, (float) loaded.get(2, 4), 1e-7);

    Tensor before = m.stateDict().get("3.weight").clone();
    Tensor biasBefore = m.stateDict().get("3.bias").clone();
    w.put("3.weight", Nd4j.zeros(DataType.FLOAT, 2, 5)); // transposed: refused
    w.put("3.bias", Nd4j.ones(DataType.FLOAT, 2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Nd4jWeights.load(m, w));
    assertTrue(e.getMessage().contains("3.weight expects [5, 2], got [2, 5]"), e.getMessage());
    assertTrue(m.stateDict().get("3.weight").equal(before), "nothing loaded");
    assertTrue(m.stateDict().get("3.bias").equal(biasBefore), "the valid bias was not loaded either");

    w.put("3.weight", Nd4j.create("oops"));
    e = assertThrows(IllegalArgumentException.class, () -> Nd4jWeights.load(m, w));
    assertTrue(e.getMessage().startsWith("Nd4jWeights.load: key '3.weight': INDArrays.toTensor"), e.getMessage());
  }

  @Test
  void ourNpzOpensInNd4jWithTheSameValuesFOrderIncluded() throws Exception {
    Map<String, INDArray> arrays = new LinkedHashMap<>();
    INDArray c = Nd4j.create(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'c');
    INDArray f = Nd4j.create(new double[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3}, 'f'); // [[1, 3, 5], [2, 4, 6]]
    INDArray view = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(2, 3, 4).permute(2, 0, 1);
    arrays.put("c", c);
    arrays.put("f", f);
    arrays.put("view", view);
    arrays.put("vector", Nd4j.create(new float[] {-1.5f, 0, 2.25f}));
    Path file = dir.resolve("w.npz");
    Nd4jWeights.saveNpz(file, arrays);

    Map<String, INDArray> read = Nd4j.createFromNpzFile(file.toFile());
    assertEquals(arrays.keySet(), read.keySet());
    for (String k : arrays.keySet()) {
      INDArray want = arrays.get(k);
      INDArray got = read.get(k);
      assertArrayEquals(want.shape(), got.shape(), k);
      for (int[] idx : INDArraysTest.indices(INDArraysTest.toInt(want.shape()))) {
        long[] i = INDArraysTest.toLong(idx);
        assertEquals(want.getDouble(i), got.getDouble(i), 0.0, k + " at " + java.util.Arrays.toString(idx));
      }
    }
    assertEquals(DataType.DOUBLE, read.get("f").dataType());
    assertEquals(3.0, read.get("f").getDouble(0, 1), 0.0);

    // And TinyTorch's own reader agrees.
    Map<String, Tensor> ours = Npz.load(file);
    assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, ours.get("f").toDoubleArray());
  }

  @Test
  void aModelsNpzOpensInNd4j() throws Exception {
    Sequential m = new Sequential(new Linear(3, 4, true, new Generator(4)), new ReLU());
    Path file = dir.resolve("model.npz");
    Npz.save(file, m.stateDict());
    Map<String, INDArray> read = Nd4j.createFromNpzFile(file.toFile());
    Sequential back = new Sequential(new Linear(3, 4, true, new Generator(5)), new ReLU());
    Nd4jWeights.load(back, read);
    assertTrue(m.stateDict().get("0.weight").equal(back.stateDict().get("0.weight")));
    assertTrue(m.stateDict().get("0.bias").equal(back.stateDict().get("0.bias")));
  }

  @Test
  void nullsAreNamed() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> Nd4jWeights.toINDArrays(null));
    assertTrue(e.getMessage().contains("module m"), e.getMessage());
    assertThrows(NullPointerException.class, () -> Nd4jWeights.load(mlp(1), null));
  }
}
