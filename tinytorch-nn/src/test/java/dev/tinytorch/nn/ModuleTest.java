package dev.tinytorch.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Module's registration, traversal, state dicts, modes, dtype conversion and printing. */
class ModuleTest {
  /** A user-written model: a custom forward over registered children, as in the Module javadoc. */
  static final class Net extends Module {
    final Sequential encoder = module("encoder", new Sequential(new Linear(4, 3, true, new Generator(1)), new ReLU()));
    final Linear head = module("head", new Linear(3, 2, false, new Generator(2)));
    final Tensor scale = parameter("scale", Tensor.ones(2));
    final Tensor seen = buffer("seen", Tensor.zeros(2));

    @Override
    public Tensor forward(Tensor x) {
      return head.forward(encoder.forward(x)).mul(scale);
    }
  }

  @Test
  void keysFollowPyTorchOrderOwnFirstThenChildrenDepthFirst() {
    Net net = new Net();
    assertEquals(List.of("scale", "encoder.0.weight", "encoder.0.bias", "head.weight"),
        List.copyOf(net.namedParameters().keySet()));
    assertEquals(List.of("scale", "seen", "encoder.0.weight", "encoder.0.bias", "head.weight"),
        List.copyOf(net.stateDict().keySet()));
    assertEquals(List.of("seen"), List.copyOf(net.namedBuffers().keySet()));
    assertEquals(List.of(net.scale, ((Linear) net.encoder.get(0)).weight(), ((Linear) net.encoder.get(0)).bias(),
        net.head.weight()), net.parameters());
    assertEquals(2 + 12 + 3 + 6, net.parameterCount());
    assertTrue(net.parameters().stream().allMatch(Tensor::requiresGrad));
    assertFalse(net.seen.requiresGrad());
    assertEquals(List.of("", "encoder", "encoder.0", "encoder.1", "head"), List.copyOf(net.namedModules().keySet()));
    assertEquals("encoder.0", net.encoder.get(0).path());
  }

  @Test
  void customForwardTrainsThroughEveryParameter() {
    Net net = new Net();
    Tensor x = Tensor.rand(new Generator(3), 5, 4);
    net.forward(x).sum().backward();
    for (Map.Entry<String, Tensor> e : net.namedParameters().entrySet()) {
      assertArrayEquals(e.getValue().shape(), e.getValue().grad().shape(), e.getKey());
    }
    net.zeroGrad();
    assertTrue(net.parameters().stream().allMatch(p -> p.grad() == null));
  }

  @Test
  void toStringIsAPyTorchLikeTree() {
    assertEquals("""
        Net(
          scale=[2]
          (encoder): Sequential(
            (0): Linear(in_features=4, out_features=3, bias=true)
            (1): ReLU()
          )
          (head): Linear(in_features=3, out_features=2, bias=false)
        )""", new Net().toString());
  }

  @Test
  void loadStateDictCopiesAndConvertsToTheParameterDtype() {
    Net a = new Net();
    Net b = new Net();
    Map<String, Tensor> state = new LinkedHashMap<>();
    a.stateDict().forEach((k, v) -> state.put(k, v.to(DType.FLOAT64).add(1.0)));
    Tensor weightBefore = b.head.weight();
    b.loadStateDict(state);
    assertSame(weightBefore, b.head.weight());
    assertEquals(DType.FLOAT32, b.head.weight().dtype());
    b.stateDict().forEach((k, v) ->
        assertArrayEquals(state.get(k).toFloatArray(), v.toFloatArray(), 0f, k));
    // copies, not aliases: changing the source afterwards leaves the model alone
    state.get("head.weight").mulInPlace(0);
    assertNotAllZero(b.head.weight());
  }

  private static void assertNotAllZero(Tensor t) {
    for (double v : t.toDoubleArray()) {
      if (v != 0) {
        return;
      }
    }
    throw new AssertionError("all zero: " + t);
  }

  @Test
  void loadStateDictNamesEveryProblemAndChangesNothing() {
    Net net = new Net();
    Map<String, Tensor> before = new LinkedHashMap<>();
    net.stateDict().forEach((k, v) -> before.put(k, v.clone()));
    Map<String, Tensor> state = new LinkedHashMap<>(net.stateDict());
    state.replaceAll((k, v) -> v.add(5.0));
    state.remove("encoder.0.bias");
    state.put("encoder.0.weight", Tensor.zeros(3, 4));   // PyTorch's [out, in]
    state.put("head.b", Tensor.zeros(2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.loadStateDict(state));
    assertTrue(e.getMessage().contains("missing keys [encoder.0.bias]"), e.getMessage());
    assertTrue(e.getMessage().contains("unexpected keys [head.b]"), e.getMessage());
    assertTrue(e.getMessage().contains("encoder.0.weight expects [4, 3], got [3, 4]"), e.getMessage());
    assertTrue(e.getMessage().contains("PyTorchWeights"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was loaded"), e.getMessage());
    net.stateDict().forEach((k, v) -> assertTrue(v.equal(before.get(k)), k));
  }

  @Test
  void trainAndEvalPropagateToChildren() {
    Net net = new Net();
    assertTrue(net.encoder.get(1).isTraining());
    assertSame(net, net.eval());
    assertFalse(net.isTraining());
    assertFalse(net.encoder.get(0).isTraining());
    net.train();
    assertTrue(net.head.isTraining());
  }

  @Test
  void toDtypeConvertsInPlaceKeepingTheSameTensors() {
    Net net = new Net();
    List<Tensor> params = net.parameters();
    double[] w = net.head.weight().toDoubleArray();
    net.forward(Tensor.ones(1, 4)).sum().backward();
    net.to(DType.FLOAT64);
    assertEquals(params, net.parameters());
    for (Tensor p : params) {
      assertSame(p, net.namedParameters().values().stream().filter(q -> q == p).findFirst().orElseThrow());
      assertEquals(DType.FLOAT64, p.dtype());
      assertEquals(DType.FLOAT64, p.grad().dtype());
      assertTrue(p.requiresGrad());
    }
    assertEquals(DType.FLOAT64, net.seen.dtype());
    assertArrayEquals(w, net.head.weight().toDoubleArray(), 0.0);
    Tensor y = net.forward(Tensor.ones(DType.FLOAT64, 1, 4));
    assertEquals(DType.FLOAT64, y.dtype());
  }

  @Test
  void aSharedParameterIsListedOnceAndCountedOnce() {
    Linear shared = new Linear(2, 2);
    Module twice = new Module() {
      final Linear a = module("a", shared);
      final Linear b = module("b", shared);

      @Override
      public Tensor forward(Tensor x) {
        return b.forward(a.forward(x));
      }
    };
    assertEquals(2, twice.parameters().size());
    assertEquals(6, twice.parameterCount());
    assertEquals(4, twice.stateDict().size());
  }

  @Test
  void registrationRefusesBadNamesAndCycles() {
    Module m = new Module() {
      @Override
      public Tensor forward(Tensor x) {
        return x;
      }
    };
    m.parameter("w", Tensor.zeros(1));
    assertThrows(IllegalArgumentException.class, () -> m.parameter("w", Tensor.zeros(1)));
    assertThrows(IllegalArgumentException.class, () -> m.buffer("a.b", Tensor.zeros(1)));
    assertThrows(IllegalArgumentException.class, () -> m.module("", new ReLU()));
    assertThrows(NullPointerException.class, () -> m.parameter("v", null));
    assertThrows(IllegalArgumentException.class, () -> m.module("self", m));
  }

  @Test
  void layerErrorsNameThePathAndTheFix() {
    Net net = new Net();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.forward(Tensor.ones(2, 5)));
    assertEquals("encoder.0 (Linear 4 -> 3): expects input [..., 4], got [2, 5]; reshape or flatten the input so "
        + "its last dim is 4", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> F.linear(Tensor.ones(2, 3), Tensor.ones(4, 2), null));
    assertThrows(IllegalArgumentException.class, () -> F.linear(Tensor.ones(2, 4), Tensor.ones(4, 2), Tensor.ones(3)));
  }

  @Test
  void linearInitIsPyTorchsUniformBoundAndSeeded() {
    Linear fc = new Linear(16, 50, true, new Generator(9));
    double bound = 1 / Math.sqrt(16);
    for (double v : fc.weight().toDoubleArray()) {
      assertTrue(Math.abs(v) <= bound, "weight " + v);
    }
    for (double v : fc.bias().toDoubleArray()) {
      assertTrue(Math.abs(v) <= bound, "bias " + v);
    }
    assertTrue(fc.weight().equal(new Linear(16, 50, true, new Generator(9)).weight()));
    Init.manualSeed(5);
    Tensor w1 = new Linear(3, 3).weight();
    Init.manualSeed(5);
    assertTrue(w1.equal(new Linear(3, 3).weight()));
    assertNull(new Linear(3, 3, false).bias());
  }

  @Test
  void sequentialIndexesItsLayers() {
    Sequential s = new Sequential(new Linear(2, 3), new Tanh(), new Linear(3, 1), new Sigmoid());
    assertEquals(4, s.size());
    assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias"), List.copyOf(s.namedParameters().keySet()));
    assertArrayEquals(new int[] {5, 1}, s.forward(Tensor.ones(5, 2)).shape());
    assertThrows(IllegalArgumentException.class, () -> s.get(4));
    assertArrayEquals(new int[] {7}, new Sequential().forward(Tensor.ones(7)).shape());
  }
}
