package dev.tinytorch.nn.io;

import static dev.tinytorch.nn.testing.Waves.wave;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.BatchNorm1d;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.MSELoss;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoint: exact round trips, resuming Adam training bit for bit, and refusals that name the file and
 * keys while leaving model and optimizer bit-identical.
 */
class CheckpointTest {
  @TempDir
  Path dir;

  private static Sequential model(int hidden, long seed, DType dtype) {
    Generator g = new Generator(seed);
    Sequential m = new Sequential(new Linear(4, hidden, true, g), new BatchNorm1d(hidden), new ReLU(),
        new Linear(hidden, 3, true, g));
    m.to(dtype);
    return m;
  }

  /** Plain Adam steps on batches that differ per step, so a resumed run must pick up the right state. */
  private static void train(Module m, Optimizer opt, int from, int steps, DType dtype) {
    MSELoss loss = new MSELoss();
    for (int s = from; s < from + steps; s++) {
      Tensor x = wave(3 * s, 6, 4).to(dtype);
      Tensor y = wave(5 * s + 1, 6, 3).to(dtype);
      opt.zeroGrad();
      loss.forward(m.forward(x), y).backward();
      opt.step();
    }
  }

  /** Every entry's bits, for exact before/after comparisons. */
  private static Map<String, double[]> bits(Map<String, Tensor> state) {
    Map<String, double[]> out = new LinkedHashMap<>();
    state.forEach((k, v) -> out.put(k, v.toDoubleArray()));
    return out;
  }

  private static void assertSameBits(Map<String, double[]> want, Map<String, double[]> got) {
    assertEquals(want.keySet(), got.keySet());
    want.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));   // no delta: exact, bit for bit
  }

  @Test
  void roundTripIsExactAndKeepsMetadata() throws IOException {
    Sequential m = model(8, 1, DType.FLOAT32);
    Adam adam = new Adam(m.parameters(), 0.01);
    train(m, adam, 0, 3, DType.FLOAT32);
    adam.setLr(0.004);
    Path file = dir.resolve("ckpt.safetensors");
    Checkpoint.save(file, m, adam, Map.of("epoch", "3", "note", "round trip"));

    Sequential fresh = model(8, 99, DType.FLOAT32);
    Adam freshAdam = new Adam(fresh.parameters(), 0.01);
    Map<String, String> meta = Checkpoint.load(file, fresh, freshAdam);
    assertEquals(Map.of("epoch", "3", "note", "round trip"), meta);
    assertSameBits(bits(m.stateDict()), bits(fresh.stateDict()));
    assertSameBits(bits(adam.stateDict()), bits(freshAdam.stateDict()));
    assertEquals(0.004, freshAdam.lr());
    assertEquals(DType.FLOAT32, fresh.get(0).namedParameters().get("weight").dtype());

    Map<String, String> all = Checkpoint.metadata(file);
    assertEquals(Checkpoint.FORMAT, all.get(Checkpoint.FORMAT_KEY));
    assertEquals(Adam.class.getName(), all.get("tinytorch.optimizer"));
    assertEquals("3", all.get("epoch"));
    Map<String, Tensor> raw = SafeTensors.load(file);
    assertTrue(raw.containsKey("model.0.weight") && raw.containsKey("model.1.num_batches_tracked")
        && raw.containsKey("optimizer.state.0.exp_avg") && raw.containsKey("optimizer.state.0.step"), raw.keySet().toString());
  }

  @Test
  void resumingContinuesAdamBitForBitInFloat32() throws IOException {
    resumeEqualsUninterrupted(DType.FLOAT32);
  }

  @Test
  void resumingContinuesAdamBitForBitInFloat64() throws IOException {
    resumeEqualsUninterrupted(DType.FLOAT64);
  }

  /** N steps + save + load into a fresh model and optimizer + M steps == N + M steps. */
  private void resumeEqualsUninterrupted(DType dtype) throws IOException {
    int n = 5;
    int more = 4;
    Sequential straight = model(8, 7, dtype);
    Adam straightAdam = Adam.builder(straight.parameters()).lr(0.02).weightDecay(0.01).build();
    train(straight, straightAdam, 0, n + more, dtype);

    Sequential first = model(8, 7, dtype);
    Adam firstAdam = Adam.builder(first.parameters()).lr(0.02).weightDecay(0.01).build();
    train(first, firstAdam, 0, n, dtype);
    Path file = dir.resolve("resume-" + dtype + ".safetensors");
    Checkpoint.save(file, first, firstAdam, Map.of("step", Integer.toString(n)));

    Sequential resumed = model(8, 123, dtype);
    Adam resumedAdam = Adam.builder(resumed.parameters()).lr(0.02).weightDecay(0.01).build();
    int from = Integer.parseInt(Checkpoint.load(file, resumed, resumedAdam).get("step"));
    train(resumed, resumedAdam, from, more, dtype);

    assertSameBits(bits(straight.stateDict()), bits(resumed.stateDict()));
    assertSameBits(bits(straightAdam.stateDict()), bits(resumedAdam.stateDict()));
    assertEquals(n + more, (int) resumedAdam.stateDict().get("state.0.step").item());
  }

  @Test
  void aModelOfAnotherShapeIsRefusedNamingFileKeysAndShapesAndNothingChanges() throws IOException {
    Sequential m = model(8, 1, DType.FLOAT32);
    Adam adam = new Adam(m.parameters(), 0.01);
    train(m, adam, 0, 2, DType.FLOAT32);
    Path file = dir.resolve("wide.safetensors");
    Checkpoint.save(file, m, adam, null);

    Sequential narrow = model(6, 2, DType.FLOAT32);
    Adam narrowAdam = new Adam(narrow.parameters(), 0.01);
    train(narrow, narrowAdam, 0, 1, DType.FLOAT32);
    Map<String, double[]> modelBefore = bits(narrow.stateDict());
    Map<String, double[]> optBefore = bits(narrowAdam.stateDict());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.load(file, narrow, narrowAdam));
    String msg = e.getMessage();
    for (String part : List.of("wide.safetensors", "model.0.weight is [4, 8] in the file, the model's is [4, 6]",
        "model.1.running_mean", "model.3.weight is [8, 3]", "optimizer.state.0.exp_avg has shape [4, 8], expected [4, 6]",
        "Nothing was loaded", "build the model")) {
      assertTrue(msg.contains(part), msg + "\nshould contain: " + part);
    }
    assertSameBits(modelBefore, bits(narrow.stateDict()));
    assertSameBits(optBefore, bits(narrowAdam.stateDict()));
  }

  @Test
  void whenTheModelFitsButTheOptimizerStateDoesNotNothingChanges() throws IOException {
    Sequential m = model(8, 1, DType.FLOAT64);
    Adam adam = new Adam(m.parameters(), 0.01);
    train(m, adam, 0, 2, DType.FLOAT64);
    Path good = dir.resolve("good.safetensors");
    Checkpoint.save(good, m, adam, Map.of("epoch", "2"));
    // The same file with one optimizer entry gone: the model part fits, the optimizer's does not.
    SafeTensors.Content content = SafeTensors.read(good);
    Map<String, Tensor> cut = new LinkedHashMap<>(content.tensors());
    cut.remove("optimizer.state.2.exp_avg_sq");
    Path bad = dir.resolve("cut.safetensors");
    SafeTensors.save(bad, cut, content.metadata());

    Sequential target = model(8, 5, DType.FLOAT64);
    Adam targetAdam = new Adam(target.parameters(), 0.03);
    train(target, targetAdam, 0, 1, DType.FLOAT64);
    Map<String, double[]> modelBefore = bits(target.stateDict());
    Map<String, double[]> optBefore = bits(targetAdam.stateDict());

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.load(bad, target, targetAdam));
    assertTrue(e.getMessage().contains("cut.safetensors") && e.getMessage().contains("missing key optimizer.state.2.exp_avg_sq"),
        e.getMessage());
    assertFalse(e.getMessage().contains("model.0"), e.getMessage());
    assertSameBits(modelBefore, bits(target.stateDict()));
    assertSameBits(optBefore, bits(targetAdam.stateDict()));
    assertEquals(0.03, targetAdam.lr());

    // Another optimizer class, and an optimizer over other parameters: refused the same way.
    SGD sgd = SGD.builder(target.parameters()).lr(0.1).momentum(0.9).build();
    IllegalArgumentException c = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(good, target, sgd));
    assertTrue(c.getMessage().contains("the file holds Adam state, the optimizer is SGD"), c.getMessage());
    Adam partial = new Adam(target.get(3).parameters(), 0.01);
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(good, target, partial));
    assertTrue(p.getMessage().contains("the optimizer updates [model.3.weight, model.3.bias] but the saved one updated "
        + "[model.0.weight, model.0.bias, model.1.weight"), p.getMessage());
    assertSameBits(modelBefore, bits(target.stateDict()));
  }

  @Test
  void aNullOptimizerIgnoresSavedStateButAnOptimizerNeedsSome() throws IOException {
    Sequential m = model(8, 1, DType.FLOAT32);
    Adam adam = new Adam(m.parameters(), 0.01);
    train(m, adam, 0, 2, DType.FLOAT32);
    Path withState = dir.resolve("with.safetensors");
    Checkpoint.save(withState, m, adam, Map.of());
    Sequential a = model(8, 3, DType.FLOAT32);
    assertEquals(Map.of(), Checkpoint.load(withState, a, null));
    assertSameBits(bits(m.stateDict()), bits(a.stateDict()));

    Path modelOnly = dir.resolve("model-only.safetensors");
    Checkpoint.save(modelOnly, m, null, Map.of());
    Sequential b = model(8, 4, DType.FLOAT32);
    Map<String, double[]> before = bits(b.stateDict());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.load(modelOnly, b, new Adam(b.parameters(), 0.01)));
    assertTrue(e.getMessage().contains("model-only.safetensors") && e.getMessage().contains("holds no optimizer state")
        && e.getMessage().contains("pass null"), e.getMessage());
    assertSameBits(before, bits(b.stateDict()));
  }

  @Test
  void valuesAreConvertedToTheModelsDtype() throws IOException {
    Sequential m = model(8, 1, DType.FLOAT32);
    Adam adam = new Adam(m.parameters(), 0.01);
    train(m, adam, 0, 2, DType.FLOAT32);
    Path file = dir.resolve("f32.safetensors");
    Checkpoint.save(file, m, adam, null);
    Sequential wide = model(8, 2, DType.FLOAT64);
    Adam wideAdam = new Adam(wide.parameters(), 0.01);
    Checkpoint.load(file, wide, wideAdam);
    assertEquals(DType.FLOAT64, wide.get(0).namedParameters().get("weight").dtype());
    assertSameBits(bits(m.stateDict()), bits(wide.stateDict()));   // float -> double is exact
    assertSameBits(bits(adam.stateDict()), bits(wideAdam.stateDict()));
    assertEquals(DType.FLOAT64, wideAdam.stateDict().get("state.0.exp_avg").dtype());
  }

  @Test
  void damagedAndForeignFilesAreIOExceptions() throws IOException {
    Sequential m = model(8, 1, DType.FLOAT32);
    Path file = dir.resolve("damaged.safetensors");
    Checkpoint.save(file, m, null, null);
    byte[] all = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(all, all.length - 5));
    Sequential target = model(8, 2, DType.FLOAT32);
    Map<String, double[]> before = bits(target.stateDict());
    IOException e = assertThrows(IOException.class, () -> Checkpoint.load(file, target, null));
    assertTrue(e.getMessage().contains("damaged.safetensors") && e.getMessage().contains("truncated"), e.getMessage());
    assertSameBits(before, bits(target.stateDict()));

    Path plain = dir.resolve("plain.safetensors");
    SafeTensors.save(plain, m.stateDict(), null);
    IOException p = assertThrows(IOException.class, () -> Checkpoint.load(plain, target, null));
    assertTrue(p.getMessage().contains("plain.safetensors") && p.getMessage().contains("not a TinyTorch checkpoint"),
        p.getMessage());
    assertThrows(IOException.class, () -> Checkpoint.metadata(plain));
    assertThrows(IOException.class, () -> Checkpoint.load(dir.resolve("absent.safetensors"), target, null));
  }

  @Test
  void pytorchLayoutGetsAHint() throws IOException {
    Sequential m = new Sequential(new Linear(4, 3, true, new Generator(1)));
    Path file = dir.resolve("torch-layout.safetensors");
    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("model.0.weight", Tensor.zeros(3, 4));
    state.put("model.0.bias", Tensor.zeros(3));
    SafeTensors.save(file, state, Map.of(Checkpoint.FORMAT_KEY, Checkpoint.FORMAT));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file, m, null));
    assertTrue(e.getMessage().contains("model.0.weight is [3, 4] in the file, the model's is [4, 3]")
        && e.getMessage().contains("may come from PyTorch") && e.getMessage().contains("PyTorchWeights"), e.getMessage());
  }

  @Test
  void saveRefusesReservedMetadataForeignParametersAndNullsLeavingTheOldFile() throws IOException {
    Sequential m = model(8, 1, DType.FLOAT32);
    Path file = dir.resolve("keep.safetensors");
    Checkpoint.save(file, m, null, Map.of("v", "1"));
    byte[] before = Files.readAllBytes(file);
    IllegalArgumentException r = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.save(file, m, null, Map.of("tinytorch.format", "x")));
    assertTrue(r.getMessage().contains("reserved"), r.getMessage());
    Sequential other = model(8, 2, DType.FLOAT32);
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
        () -> Checkpoint.save(file, m, new Adam(other.parameters(), 0.1), null));
    assertTrue(f.getMessage().contains("Adam's parameter 0 (FLOAT32 [4, 8]) is not a parameter of the Sequential"),
        f.getMessage());
    assertThrows(NullPointerException.class, () -> Checkpoint.save(null, m, null, null));
    assertThrows(NullPointerException.class, () -> Checkpoint.save(file, null, null, null));
    assertThrows(NullPointerException.class, () -> Checkpoint.load(file, null, null));
    assertArrayEquals(before, Files.readAllBytes(file));
  }
}
