package dev.tinytorch.nn.optim;

import static dev.tinytorch.nn.optim.OptimizerParityTest.flat;
import static dev.tinytorch.nn.optim.OptimizerParityTest.setGrads;
import static dev.tinytorch.nn.optim.OptimizerParityTest.weights;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Optimizer state dicts (round trip, strict refusals), refused construction, skipping and zeroGrad. */
class OptimizerStateTest {
  private static final List<Function<List<Tensor>, Optimizer>> MAKERS = List.of(
      ps -> SGD.builder(ps).lr(0.1).momentum(0.9).dampening(0.3).weightDecay(0.01).build(),
      ps -> SGD.builder(ps).lr(0.05).momentum(0.8).nesterov(true).build(),
      ps -> new SGD(ps, 0.1),
      ps -> Adam.builder(ps).lr(0.01).weightDecay(0.05).amsgrad(true).build(),
      ps -> new Adam(ps, 0.01),
      ps -> AdamW.builder(ps).lr(0.02).betas(0.85, 0.99).build());

  @Test
  void threeStepsSaveLoadTwoMoreEqualsFiveUninterrupted() {
    for (DType dtype : DType.values()) {
      for (int m = 0; m < MAKERS.size(); m++) {
        List<Tensor> straight = weights(dtype);
        Optimizer a = MAKERS.get(m).apply(straight);
        for (int s = 0; s < 5; s++) {
          setGrads(straight, s);
          a.step();
        }
        List<Tensor> resumed = weights(dtype);
        Optimizer b = MAKERS.get(m).apply(resumed);
        for (int s = 0; s < 3; s++) {
          setGrads(resumed, s);
          b.step();
        }
        Map<String, Tensor> saved = b.stateDict();
        List<Tensor> copy = weights(dtype);
        for (int i = 0; i < copy.size(); i++) {
          try (var off = dev.tinytorch.autograd.GradMode.off()) {
            copy.get(i).copyFrom(resumed.get(i));
          }
        }
        Optimizer c = MAKERS.get(m).apply(copy);
        c.loadStateDict(saved);
        for (int s = 3; s < 5; s++) {
          setGrads(copy, s);
          c.step();
        }
        assertArrayEquals(flat(straight), flat(copy), 0.0, dtype + " optimizer " + m + " bit for bit");
      }
    }
  }

  @Test
  void stateDictKeysAndStepCounts() {
    List<Tensor> ps = weights(DType.FLOAT32);
    Optimizer adam = Adam.builder(ps).amsgrad(true).build();
    assertTrue(adam.stateDict().isEmpty(), "no state before the first step");
    for (int s = 0; s < 3; s++) {
      setGrads(ps, s);
      adam.step();
    }
    Map<String, Tensor> sd = adam.stateDict();
    assertEquals(List.of("state.0.step", "state.0.exp_avg", "state.0.exp_avg_sq", "state.0.max_exp_avg_sq",
        "state.1.step", "state.1.exp_avg", "state.1.exp_avg_sq", "state.1.max_exp_avg_sq"), List.copyOf(sd.keySet()));
    assertEquals(3.0, sd.get("state.0.step").item());
    assertEquals(2.0, sd.get("state.1.step").item(), "parameter 1 had no gradient at step 2, so it was skipped");
    assertEquals(DType.FLOAT64, sd.get("state.0.step").dtype());
    assertEquals(0, sd.get("state.0.step").shape().length);
    assertEquals(DType.FLOAT32, sd.get("state.0.exp_avg").dtype());
    assertArrayEquals(new int[] {2, 3}, sd.get("state.0.exp_avg").shape());

    Optimizer sgd = SGD.builder(ps).lr(0.1).momentum(0.9).build();
    setGrads(ps, 0);
    sgd.step();
    assertEquals(List.of("state.0.momentum_buffer", "state.1.momentum_buffer"), List.copyOf(sgd.stateDict().keySet()));
  }

  @Test
  void badLoadsAreRefusedWholeAndChangeNothing() {
    List<Tensor> ps = weights(DType.FLOAT64);
    Optimizer adam = new Adam(ps, 0.01);
    for (int s = 0; s < 2; s++) {
      setGrads(ps, s);
      adam.step();
    }
    Map<String, Tensor> before = adam.stateDict();
    Map<String, Tensor> bad = new LinkedHashMap<>(before);
    bad.put("state.0.exp_avg", Tensor.zeros(DType.FLOAT64, 3, 2));
    bad.put("state.7.exp_avg", Tensor.zeros(DType.FLOAT64, 4));
    bad.put("state.1.momentum_buffer", Tensor.zeros(DType.FLOAT64, 4));
    bad.remove("state.1.exp_avg_sq");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(bad));
    for (String part : new String[] {"state.0.exp_avg has shape [3, 2], expected [2, 3]", "unknown key state.7.exp_avg",
        "unknown key state.1.momentum_buffer", "missing key state.1.exp_avg_sq", "nothing changed"}) {
      assertTrue(e.getMessage().contains(part), e.getMessage() + " names " + part);
    }
    // checkStateDict lists the same problems and changes nothing (Checkpoint checks before loading).
    List<String> problems = adam.checkStateDict(bad);
    assertEquals(4, problems.size(), problems.toString());
    assertTrue(problems.contains("missing key state.1.exp_avg_sq"), problems.toString());
    assertEquals(List.of(), adam.checkStateDict(before));
    assertStates(before, adam.stateDict());
    Map<String, Tensor> badStep = new LinkedHashMap<>(before);
    badStep.put("state.0.step", Tensor.scalar(1.5, DType.FLOAT64));
    assertThrows(IllegalArgumentException.class, () -> adam.loadStateDict(badStep));
    assertStates(before, adam.stateDict());

    // A FLOAT32 state loads into a FLOAT64 optimizer, converted.
    Map<String, Tensor> f32 = new LinkedHashMap<>();
    before.forEach((k, v) -> f32.put(k, k.endsWith("step") ? v : v.to(DType.FLOAT32)));
    adam.loadStateDict(f32);
    assertEquals(DType.FLOAT64, adam.stateDict().get("state.0.exp_avg").dtype());
    // An empty state resets: the next step is a first step again.
    adam.loadStateDict(Map.of());
    assertTrue(adam.stateDict().isEmpty());
  }

  private static void assertStates(Map<String, Tensor> want, Map<String, Tensor> got) {
    assertEquals(want.keySet(), got.keySet());
    want.forEach((k, v) -> assertArrayEquals(v.toDoubleArray(), got.get(k).toDoubleArray(), 0.0, k));
  }

  @Test
  void stateDictIsACopy() {
    List<Tensor> ps = weights(DType.FLOAT64);
    Optimizer sgd = SGD.builder(ps).lr(0.1).momentum(0.9).build();
    setGrads(ps, 0);
    sgd.step();
    Map<String, Tensor> sd = sgd.stateDict();
    double[] buf = sd.get("state.0.momentum_buffer").toDoubleArray();
    setGrads(ps, 1);
    sgd.step();
    assertArrayEquals(buf, sd.get("state.0.momentum_buffer").toDoubleArray(), 0.0);
  }

  @Test
  void constructorsAndSetLrRefuseBadInput() {
    List<Tensor> ps = weights(DType.FLOAT64);
    assertMessage(() -> new SGD(List.of(), 0.1), "parameter list is empty");
    assertMessage(() -> new SGD(List.of(Tensor.zeros(DType.FLOAT64, 2)), 0.1), "does not require grad");
    Tensor derived = ps.get(0).mul(2.0);
    assertMessage(() -> new Adam(List.of(derived), 0.1), "is not a leaf");
    assertMessage(() -> new SGD(List.of(ps.get(0), ps.get(1), ps.get(0)), 0.1), "parameters 0 and 2 are the same tensor");
    assertMessage(() -> new SGD(ps, -0.1), "learning rate -0.1");
    assertMessage(() -> new Adam(ps, Double.NaN), "learning rate NaN");
    assertMessage(() -> SGD.builder(ps).build(), "no learning rate");
    assertMessage(() -> SGD.builder(ps).lr(0.1).momentum(-0.5).build(), "momentum -0.5");
    assertMessage(() -> SGD.builder(ps).lr(0.1).nesterov(true).build(), "Nesterov");
    assertMessage(() -> SGD.builder(ps).lr(0.1).momentum(0.9).dampening(0.1).nesterov(true).build(), "dampening 0.1");
    assertMessage(() -> SGD.builder(ps).lr(0.1).weightDecay(-1).build(), "weight decay -1");
    assertMessage(() -> Adam.builder(ps).betas(1.0, 0.999).build(), "beta1 1.0");
    assertMessage(() -> AdamW.builder(ps).betas(0.9, -0.1).build(), "beta2 -0.1");
    assertMessage(() -> Adam.builder(ps).eps(-1e-8).build(), "eps");
    assertMessage(() -> AdamW.builder(ps).weightDecay(-0.01).build(), "weight decay");
    assertThrows(NullPointerException.class, () -> new SGD(null, 0.1));
    Optimizer opt = new Adam(ps, 0.01);
    assertMessage(() -> opt.setLr(-1), "learning rate -1");
    assertEquals(0.01, opt.lr());
    opt.setLr(0.5);
    assertEquals(0.5, opt.lr());
    assertEquals(1e-2, AdamW.builder(ps).build().weightDecay(), "AdamW's default decay is PyTorch's");
    assertEquals(0.0, new Adam(ps, 1e-3).weightDecay());
  }

  private static void assertMessage(Runnable call, String part) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
    assertTrue(e.getMessage().contains(part), e.getMessage() + " should name " + part);
  }

  @Test
  void parametersWithoutGradientsAreSkippedAndZeroGradClears() {
    List<Tensor> ps = weights(DType.FLOAT64);
    double[] untouched = ps.get(1).toDoubleArray();
    double[] first = ps.get(0).toDoubleArray();
    Optimizer opt = SGD.builder(ps).lr(0.1).momentum(0.9).build();
    ps.get(0).setGrad(Tensor.onesLike(ps.get(0)));
    int version = ps.get(1).version();
    opt.step();
    assertArrayEquals(untouched, ps.get(1).toDoubleArray(), 0.0);
    assertEquals(version, ps.get(1).version());
    assertEquals(List.of("state.0.momentum_buffer"), List.copyOf(opt.stateDict().keySet()));
    for (int i = 0; i < first.length; i++) {
      assertEquals(first[i] - 0.1, ps.get(0).toDoubleArray()[i], 1e-15);
    }
    opt.zeroGrad();
    assertNull(ps.get(0).grad());
    assertNull(ps.get(1).grad());
  }

  @Test
  void stepRunsUnderNoGradEvenWhenGradientsAreOn() {
    List<Tensor> ps = weights(DType.FLOAT64);
    Optimizer opt = new Adam(ps, 0.01);
    setGrads(ps, 0);
    assertTrue(dev.tinytorch.autograd.GradMode.isEnabled());
    opt.step();
    assertTrue(ps.get(0).isLeaf());
    assertTrue(ps.get(0).requiresGrad());
  }

  @Test
  void schedulersAndClippingRefuseBadInput() {
    Optimizer opt = new SGD(weights(DType.FLOAT64), 0.1);
    assertMessage(() -> new StepLR(opt, 0, 0.1), "stepSize 0");
    assertMessage(() -> new ExponentialLR(opt, -1), "gamma -1");
    assertMessage(() -> new CosineAnnealingLR(opt, 0, 0), "tMax 0");
    assertMessage(() -> new LinearWarmup(opt, 3, 0), "startFactor 0");
    assertMessage(() -> new CosineSchedule(opt, 0.01, 0.1, 10), "minLr <= maxLr");
    assertMessage(() -> ClipGrad.clipGradNorm(opt.parameters(), -1), "maxNorm -1");
    assertMessage(() -> ClipGrad.clipGradValue(opt.parameters(), -1), "clip -1");
    assertEquals(0.1, opt.lr(), "refused schedules leave the rate alone");
  }

  @Test
  void clipGradValueClampsEveryElement() {
    List<Tensor> ps = weights(DType.FLOAT32);
    setGrads(ps, 0);
    ClipGrad.clipGradValue(ps, 0.5);
    for (Tensor p : ps) {
      for (double g : p.grad().toDoubleArray()) {
        assertTrue(Math.abs(g) <= 0.5, "clamped " + g);
      }
    }
    assertEquals(0.5, ps.get(1).grad().toDoubleArray()[1], 0.0, "sin(0.7 + 2) + 0.4 > 0.5 is clipped to 0.5");
  }
}
