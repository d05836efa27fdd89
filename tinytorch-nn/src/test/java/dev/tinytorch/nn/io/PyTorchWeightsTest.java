package dev.tinytorch.nn.io;

import static dev.tinytorch.nn.testing.Waves.wave;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.BatchNorm2d;
import dev.tinytorch.nn.Conv2d;
import dev.tinytorch.nn.Embedding;
import dev.tinytorch.nn.LayerNorm;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.MultiHeadAttention;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorchWeights against real PyTorch 1.13 in float64: the resource pytorch_net.safetensors and
 * EVAL_OUTPUT are written and printed by tools/golden/pytorch_weights.py (run with /usr/bin/python3),
 * whose {@code Net} is the {@link Net} below; the input is {@code wave(3)} reshaped [2, 2, 4, 4]. The
 * reverse direction runs the same script with {@code --check} on a file we wrote, when python3 with
 * torch is present (and says it skipped otherwise).
 */
class PyTorchWeightsTest {
  private static final double TOL = 1e-12;
  static final double[] EVAL_OUTPUT = {0.6642245888466899, 0.33255868025540297, -0.38968672589490705, 0.671322216336218, 0.33890075062385155, -0.3870983512182363};

  @TempDir
  Path dir;

  /** The script's Net: conv, batch norm, relu; each pixel a token through fc + position embedding, norm, attention; mean; head. */
  static final class Net extends Module {
    final Conv2d conv = module("conv", new Conv2d(2, 4, 3, 1, 1));
    final BatchNorm2d bn = module("bn", new BatchNorm2d(4));
    final Linear fc = module("fc", new Linear(4, 6));
    final Embedding pos = module("pos", new Embedding(16, 6));
    final LayerNorm norm = module("norm", new LayerNorm(6));
    final MultiHeadAttention attn = module("attn", new MultiHeadAttention(6, 2));
    final Linear head = module("head", new Linear(6, 3));

    @Override
    public Tensor forward(Tensor x) {
      Tensor h = F.relu(bn.forward(conv.forward(x)));
      Tensor tokens = h.reshape(h.shape()[0], 4, 16).permute(0, 2, 1);
      Tensor t = norm.forward(fc.forward(tokens).add(pos.forward(Tensor.arange(16))));
      return head.forward(attn.forward(t).mean(1));
    }
  }

  private static Path resource() throws URISyntaxException {
    return Path.of(PyTorchWeightsTest.class.getResource("pytorch_net.safetensors").toURI());
  }

  private static Tensor input() {
    return wave(3, 2, 2, 4, 4);
  }

  private static Map<String, double[]> bits(Map<String, Tensor> state) {
    Map<String, double[]> out = new LinkedHashMap<>();
    state.forEach((k, v) -> out.put(k, v.toDoubleArray()));
    return out;
  }

  private static void assertSameBits(Map<String, double[]> want, Map<String, double[]> got) {
    assertEquals(want.keySet(), got.keySet());
    want.forEach((k, v) -> assertArrayEquals(v, got.get(k), k));
  }

  @Test
  void aFileThatPyTorchWroteGivesPyTorchsOutput() throws Exception {
    Net net = new Net();
    net.to(DType.FLOAT64);
    PyTorchWeights.load(net, resource());
    net.eval();
    Tensor y;
    try (var off = GradMode.off()) {
      y = net.forward(input());
    }
    assertArrayEquals(new int[] {2, 3}, y.shape());
    assertArrayEquals(EVAL_OUTPUT, y.toDoubleArray(), TOL);
    assertEquals(3.0, net.bn.numBatchesTracked().item(), "PyTorch's 0-d I64 count");
    Map<String, Tensor> file = SafeTensors.load(resource());
    assertArrayEquals(new int[] {6, 4}, file.get("fc.weight").shape());
    assertArrayEquals(file.get("fc.weight").t().contiguous().toDoubleArray(), net.fc.weight().toDoubleArray());
    assertArrayEquals(file.get("attn.in_proj_weight").t().contiguous().toDoubleArray(),
        net.attn.inProjWeight().toDoubleArray());
    assertArrayEquals(file.get("conv.weight").toDoubleArray(), net.conv.weight().toDoubleArray(), "conv as is");

    Net single = new Net();   // FLOAT32 parameters: the F64 values are converted, as loadStateDict does
    PyTorchWeights.load(single, resource());
    assertEquals(DType.FLOAT32, single.fc.weight().dtype());
    single.eval();
    try (var off = GradMode.off()) {
      assertArrayEquals(EVAL_OUTPUT, single.forward(input().to(DType.FLOAT32)).toDoubleArray(), 1e-5);
    }
  }

  @Test
  void transposedKeysComeFromTheModuleTree() {
    assertEquals(Set.of("fc.weight", "attn.in_proj_weight", "attn.out_proj.weight", "head.weight"),
        PyTorchWeights.transposedKeys(new Net()));
    Sequential nested = new Sequential(new Sequential(new Linear(2, 3), new ReLU()), new Embedding(5, 3),
        new Conv2d(1, 1, 1));
    assertEquals(Set.of("0.0.weight"), PyTorchWeights.transposedKeys(nested));
    assertEquals(Set.of("weight"), PyTorchWeights.transposedKeys(new Linear(2, 3)));
  }

  @Test
  void toAndFromPyTorchRoundTripExactly() {
    Net a = new Net();
    a.to(DType.FLOAT64);
    Map<String, Tensor> torch = PyTorchWeights.toPyTorch(a);
    assertArrayEquals(new int[] {6, 4}, torch.get("fc.weight").shape());
    assertArrayEquals(new int[] {18, 6}, torch.get("attn.in_proj_weight").shape());
    assertArrayEquals(new int[] {4, 2, 3, 3}, torch.get("conv.weight").shape());
    assertArrayEquals(new int[] {16, 6}, torch.get("pos.weight").shape());
    Net b = new Net();
    b.to(DType.FLOAT64);
    PyTorchWeights.fromPyTorch(b, torch);
    assertSameBits(bits(a.stateDict()), bits(b.stateDict()));
  }

  @Test
  void pytorchReadsWhatWeSave() throws Exception {
    Net net = new Net();
    net.to(DType.FLOAT64);
    PyTorchWeights.load(net, resource());
    try (var off = GradMode.off()) {
      net.fc.weight().mulInPlace(1.5);   // weights PyTorch's file does not have
      net.attn.inProjWeight().mulInPlace(-0.75);
      net.train();
      net.forward(wave(9, 3, 2, 4, 4));   // running statistics move, the count becomes 4
    }
    net.eval();
    Tensor y;
    try (var off = GradMode.off()) {
      y = net.forward(input());
    }
    Path file = dir.resolve("ours.safetensors");
    PyTorchWeights.save(file, net);
    String header = header(file);
    assertTrue(header.contains("\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[]"), header);
    assertTrue(header.contains("\"fc.weight\":{\"dtype\":\"F64\",\"shape\":[6,4]"), header);
    assertTrue(header.contains("\"format\":\"pt\""), header);

    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "skipped: /usr/bin/python3 is not installed");
    Process probe = new ProcessBuilder(python.toString(), "-c", "import torch, numpy").redirectErrorStream(true).start();
    Assumptions.assumeTrue(probe.waitFor(120, TimeUnit.SECONDS) && probe.exitValue() == 0,
        "skipped: Debian's python3 has no torch/numpy (apt-get install python3-torch)");
    Path script = script();
    Assumptions.assumeTrue(script != null, "skipped: tools/golden/pytorch_weights.py not found above " + Path.of("").toAbsolutePath());
    Process p = new ProcessBuilder(python.toString(), script.toString(), "--check", file.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
    assertEquals(0, p.exitValue(), out);
    String[] parts = out.substring(out.lastIndexOf('\n') + 1).split(",");
    double[] torchY = Arrays.stream(parts).mapToDouble(Double::parseDouble).toArray();
    assertArrayEquals(y.toDoubleArray(), torchY, TOL, "PyTorch's output for the weights we saved");
  }

  private static String header(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    long n = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    return new String(all, 8, (int) n, StandardCharsets.UTF_8);
  }

  private static Path script() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path s = d.resolve("tools/golden/pytorch_weights.py");
      if (Files.isRegularFile(s)) {
        return s;
      }
    }
    return null;
  }

  @Test
  void aMismatchNamesKeysBothLayoutsAndTheFixAndChangesNothing() throws Exception {
    Sequential model = new Sequential(new Linear(4, 5), new ReLU(), new Linear(5, 2));
    Map<String, double[]> before = bits(model.stateDict());
    Map<String, Tensor> state = new LinkedHashMap<>();
    state.put("0.weight", Tensor.zeros(3, 4));   // PyTorch's nn.Linear(4, 3)
    state.put("0.bias", Tensor.zeros(3));
    state.put("2.weight", Tensor.zeros(2, 5));   // fits
    state.put("2.extra", Tensor.zeros(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PyTorchWeights.fromPyTorch(model, state));
    String m = e.getMessage();
    for (String part : new String[] {"missing keys [2.bias]", "unexpected keys [2.extra]",
        "0.weight expects PyTorch's [5, 4] (TinyTorch's [4, 5] transposed), the file has [3, 4]",
        "0.bias expects PyTorch's [5], the file has [3]", "nothing was loaded", "Linear(in, out) for nn.Linear(in, out)"}) {
      assertTrue(m.contains(part), m + "\nshould contain: " + part);
    }
    assertSameBits(before, bits(model.stateDict()));

    // A file in TinyTorch's own layout is recognised as such.
    Path ours = dir.resolve("tinytorch-layout.safetensors");
    SafeTensors.save(ours, model.stateDict(), null);
    IllegalArgumentException o = assertThrows(IllegalArgumentException.class, () -> PyTorchWeights.load(model, ours));
    assertTrue(o.getMessage().contains("tinytorch-layout.safetensors") && o.getMessage().contains("already in TinyTorch's [in, out] layout"),
        o.getMessage());
    Map<String, Tensor> wrapped = new LinkedHashMap<>();
    PyTorchWeights.toPyTorch(model).forEach((k, v) -> wrapped.put("module." + k, v));
    IllegalArgumentException w = assertThrows(IllegalArgumentException.class, () -> PyTorchWeights.fromPyTorch(model, wrapped));
    assertTrue(w.getMessage().contains("strip that prefix"), w.getMessage());

    // The PyTorch file into a Net of other sizes, and a damaged file.
    Sequential wrong = new Sequential(new Linear(4, 6));
    IllegalArgumentException f = assertThrows(IllegalArgumentException.class, () -> PyTorchWeights.load(wrong, resource()));
    assertTrue(f.getMessage().contains("pytorch_net.safetensors") && f.getMessage().contains("missing keys [0.weight, 0.bias]"),
        f.getMessage());
    Path cut = dir.resolve("cut.safetensors");
    byte[] all = Files.readAllBytes(resource());
    Files.write(cut, Arrays.copyOf(all, all.length - 8));
    IOException io = assertThrows(IOException.class, () -> PyTorchWeights.load(new Net(), cut));
    assertTrue(io.getMessage().contains("cut.safetensors"), io.getMessage());
    assertThrows(NullPointerException.class, () -> PyTorchWeights.load(null, cut));
    assertThrows(NullPointerException.class, () -> PyTorchWeights.save(cut, null));
  }
}
