package dev.tinytorch.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TensorDataset, DataLoader's epochs and seeds, and the IDX and CSV readers on files the tests write. */
class DataTest {
  @TempDir Path dir;

  private static TensorDataset numbered(int n) {
    double[] x = new double[n * 2];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = -i;
      y[i] = i;
    }
    return new TensorDataset(Tensor.of(x, n, 2), Tensor.of(y));
  }

  private static List<Integer> epoch(DataLoader loader) {
    List<Integer> seen = new ArrayList<>();
    for (Batch b : loader) {
      for (double v : b.targets().toDoubleArray()) {
        seen.add((int) v);
      }
      double[] x = b.inputs().toDoubleArray();
      double[] t = b.targets().toDoubleArray();
      for (int i = 0; i < t.length; i++) {
        assertEquals(t[i], x[2 * i], 0.0, "inputs and targets stay paired");
      }
    }
    return seen;
  }

  @Test
  void datasetGathersBatchesInOneCall() {
    Batch b = numbered(5).get(3, 1, 3);
    assertArrayEquals(new double[] {3, -3, 1, -1, 3, -3}, b.inputs().toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {3, 1, 3}, b.targets().toDoubleArray(), 0.0);
    assertThrows(IllegalArgumentException.class, () -> numbered(5).get(5));
    assertThrows(IllegalArgumentException.class, () -> new TensorDataset(Tensor.zeros(3, 2), Tensor.zeros(4)));
  }

  @Test
  void loaderBatchesInOrderAndDropsTheLastOnRequest() {
    DataLoader keep = DataLoader.builder(numbered(10)).batchSize(4).build();
    assertEquals(3, keep.size());
    assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), epoch(keep));
    DataLoader drop = DataLoader.builder(numbered(10)).batchSize(4).dropLast(true).build();
    assertEquals(2, drop.size());
    assertEquals(8, epoch(drop).size());
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> DataLoader.builder(numbered(3)).batchSize(0));
    assertTrue(zero.getMessage().contains("DataLoader: batch size must be positive, got 0")
        && zero.getMessage().contains("batchSize(32)"), zero.getMessage());
  }

  @Test
  void shuffleGivesANewOrderEachEpochAndTheSameSequenceForTheSameSeed() {
    DataLoader a = DataLoader.builder(numbered(50)).batchSize(8).shuffle(7).build();
    DataLoader b = DataLoader.builder(numbered(50)).batchSize(8).shuffle(7).build();
    List<Integer> a1 = epoch(a);
    List<Integer> a2 = epoch(a);
    assertFalse(a1.equals(a2), "a new order every epoch");
    List<Integer> sorted = new ArrayList<>(a1);
    sorted.sort(null);
    assertEquals(numberedList(50), sorted, "every sample once per epoch");
    assertEquals(a1, epoch(b));
    assertEquals(a2, epoch(b));
    assertFalse(a1.equals(epoch(DataLoader.builder(numbered(50)).batchSize(8).shuffle(8).build())));
  }

  @Test
  void anEpochsOrderDependsOnlyOnTheSeedAndTheEpochSoSetEpochResumesExactly() {
    DataLoader run = DataLoader.builder(numbered(50)).batchSize(8).shuffle(7).build();
    List<List<Integer>> orders = new ArrayList<>();
    for (int e = 0; e < 5; e++) {
      assertEquals(e, run.epoch());
      orders.add(epoch(run));
    }
    DataLoader resumed = DataLoader.builder(numbered(50)).batchSize(8).shuffle(7).build();
    resumed.setEpoch(3);
    assertEquals(orders.get(3), epoch(resumed));
    assertEquals(orders.get(4), epoch(resumed));
    assertEquals(5, resumed.epoch());
    resumed.setEpoch(0);
    assertEquals(orders.get(0), epoch(resumed), "going back replays an epoch");
    assertEquals(5, orders.stream().distinct().count(), "five different orders");
    DataLoader plain = DataLoader.builder(numbered(5)).batchSize(2).build();
    plain.setEpoch(9);
    assertEquals(List.of(0, 1, 2, 3, 4), epoch(plain), "no shuffle: the epoch changes nothing");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.setEpoch(-1));
    assertTrue(e.getMessage().contains("-1"), e.getMessage());
  }

  private static List<Integer> numberedList(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }

  private Path idx(String name, int type, int[] shape, byte[] data, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(0);
    out.writeByte(type);
    out.writeByte(shape.length);
    for (int s : shape) {
      out.writeInt(s);
    }
    out.write(data);
    Path p = dir.resolve(name);
    try (OutputStream f = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
      f.write(bytes.toByteArray());
    }
    return p;
  }

  @Test
  void idxReadsUnsignedBytesPlainAndGzipped() throws IOException {
    byte[] pixels = {0, 1, (byte) 200, (byte) 255, 7, 9};
    for (boolean gz : new boolean[] {false, true}) {
      Tensor t = Idx.read(idx("images" + gz, 0x08, new int[] {1, 2, 3}, pixels, gz));
      assertArrayEquals(new int[] {1, 2, 3}, t.shape());
      assertArrayEquals(new double[] {0, 1, 200, 255, 7, 9}, t.toDoubleArray(), 0.0);
    }
    ByteArrayOutputStream ints = new ByteArrayOutputStream();
    new DataOutputStream(ints).writeInt(-70000);
    assertEquals(-70000.0, Idx.read(idx("ints", 0x0C, new int[] {1}, ints.toByteArray(), false)).item(), 0.0);
  }

  @Test
  void idxDividesAsItReadsBitForBitAsDivDoes() throws IOException {
    byte[] all = new byte[256];
    for (int k = 0; k < 256; k++) {
      all[k] = (byte) k;
    }
    Path images = idx("all.gz", 0x08, new int[] {16, 16}, all, true);
    for (double divisor : new double[] {255, 1, 3.7, 1e-3, -2}) {
      Tensor expected = Idx.read(images).div(divisor);
      Tensor t = Idx.read(images, divisor);
      assertArrayEquals(new int[] {16, 16}, t.shape());
      assertArrayEquals(expected.toFloatArray(), t.toFloatArray(), 0f, "divisor " + divisor);
    }
    assertEquals(200 / 255f, Idx.read(images, 255).toFloatArray()[200], 0f);
    assertEquals(1f, Idx.read(images, 255).toFloatArray()[255], 0f);
    // other types divide after reading, in their own dtype
    byte[] signed = {-128, -1, 0, 5};
    assertArrayEquals(new float[] {-128 / 4f, -1 / 4f, 0, 5 / 4f},
        Idx.read(idx("signed", 0x09, new int[] {4}, signed, false), 4).toFloatArray(), 0f);
    ByteArrayOutputStream ints = new ByteArrayOutputStream();
    new DataOutputStream(ints).writeInt(-70000);
    assertEquals(-70000 / 3.0, Idx.read(idx("ints3", 0x0C, new int[] {1}, ints.toByteArray(), false), 3).item(), 0.0);
  }

  @Test
  void ofUnsignedBytesReadsBytesAsZeroTo255() {
    byte[] b = {0, 1, (byte) 128, (byte) 255, (byte) 200, 7};
    Tensor t = Tensor.ofUnsignedBytes(b, 1, 2, 3);
    assertArrayEquals(new int[] {2, 3}, t.shape());
    assertArrayEquals(new float[] {0, 1, 128, 255, 200, 7}, t.toFloatArray(), 0f);
    assertArrayEquals(t.div(255.0).toFloatArray(), Tensor.ofUnsignedBytes(b, 255, 6).toFloatArray(), 0f);
    b[0] = 9;  // the tensor keeps its own copy
    assertEquals(0f, t.toFloatArray()[0], 0f);
    assertThrows(IllegalArgumentException.class, () -> Tensor.ofUnsignedBytes(b, 1, 4));
  }

  @Test
  void datasetIndicesPast2To24ReachTheirOwnSample() {
    // 2^24 + 1 is not a float: gathered through FLOAT32 positions it would read sample 2^24.
    int n = (1 << 24) + 2;
    float[] y = new float[n];
    y[n - 2] = 1;
    y[n - 1] = 2;
    TensorDataset d = new TensorDataset(Tensor.of(y, n), Tensor.of(y, n));
    assertArrayEquals(new float[] {2, 1}, d.get(n - 1, n - 2).targets().toFloatArray(), 0f);
  }

  @Test
  void idxRefusesAWrongMagicAndTruncatedData() throws IOException {
    Path bad = dir.resolve("bad.idx");
    Files.write(bad, new byte[] {1, 2, 3, 4, 0, 0, 0, 1});
    IOException e = assertThrows(IOException.class, () -> Idx.read(bad));
    assertTrue(e.getMessage().contains("bad.idx") && e.getMessage().contains("not an IDX file"), e.getMessage());
    Path cut = idx("cut", 0x08, new int[] {10}, new byte[] {1, 2, 3}, true);
    IOException t = assertThrows(IOException.class, () -> Idx.read(cut));
    assertTrue(t.getMessage().contains("truncated"), t.getMessage());
  }

  @Test
  void csvSkipsHeaderAndCommentsAndNamesBadLines() throws IOException {
    Path iris = dir.resolve("iris.csv");
    Files.writeString(iris, "150,4,setosa,versicolor,virginica\n5.1,3.5,1.4,0.2,0\n\n# comment\n6.3,3.3,6.0,2.5,2\n");
    TensorDataset d = Csv.read(iris, -1);
    assertEquals(2, d.size());
    assertArrayEquals(new double[] {5.1f, 3.5f, 1.4f, 0.2f, 6.3f, 3.3f, 6.0f, 2.5f}, d.inputs().toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {0, 2}, d.targets().toDoubleArray(), 0.0);
    TensorDataset first = Csv.read(iris, 0);
    assertArrayEquals(new double[] {5.1f, 6.3f}, first.targets().toDoubleArray(), 0.0);
    Path ragged = dir.resolve("ragged.csv");
    Files.writeString(ragged, "1,2,3\n4,5\n");
    IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> Csv.read(ragged, -1));
    assertTrue(r.getMessage().contains("line 2 has 2 columns"), r.getMessage());
    Path text = dir.resolve("text.csv");
    Files.writeString(text, "1,2,3\n4,x,6\n");
    IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> Csv.read(text, -1));
    assertTrue(n.getMessage().contains("line 2 is not numeric"), n.getMessage());
  }

  @Test
  void standardizerUsesTrainingStatisticsOnEverySplit() {
    Tensor train = Tensor.of(new double[][] {{1, 10, 5}, {3, 30, 5}});
    Tensor test = Tensor.of(new double[][] {{2, 50, 7}});
    Standardizer s = Standardizer.fit(train);
    assertArrayEquals(new double[] {2, 20, 5}, s.mean().toDoubleArray(), 0.0);
    assertArrayEquals(new double[] {-1, -1, 0, 1, 1, 0}, s.transform(train).toDoubleArray(), 1e-15);
    assertArrayEquals(new double[] {0, 3, 2}, s.transform(test).toDoubleArray(), 1e-15, Arrays.toString(s.std().toDoubleArray()));
  }
}
