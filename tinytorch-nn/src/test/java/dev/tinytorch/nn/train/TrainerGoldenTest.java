package dev.tinytorch.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import dev.tinytorch.nn.testing.Waves;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.nn.optim.StepLR;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The Trainer follows PyTorch's loop in FLOAT64: accumulation over unequal micro-batches scaled by
 * their sample shares, norm clipping, SGD with momentum, StepLR per epoch, sample-weighted train and
 * validation losses. The constants are printed by tools/golden/trainer.py (run with /usr/bin/python3),
 * which writes the loop out by hand in PyTorch 1.13.
 */
class TrainerGoldenTest {
  private static final double TOL = 1e-10;
  static final double[] TRAIN_LOSSES = {1.0832000499520467, 0.9884235103017819, 0.6958337681464426, 0.3557144563322835};
  static final double[] VALIDATION_LOSSES = {1.1829185779505476, 1.5453425586444427, 2.2464965442842866, 3.7280759499110014};
  static final double[] LRS = {0.3, 0.3, 0.15, 0.15};
  static final double[] NORMS = {0.232461123504817, 0.27926222111129384, 0.46380468115158446, 0.2514948996152861, 0.39059463114136433, 0.5495656096012638, 0.4611665586513029, 0.5805791919021266, 0.5745951567450397, 0.44342786686858404, 0.5452007823868451, 0.32503523074927027};
  static final double[] FINAL = {-0.27167350860198713, -0.1258082748219694, 0.311849315889001, 0.7894709413078027, 0.7551553525564597, 0.05020671009084207, 0.2289398146550351, 0.666267012107232, 0.5309407858784178, -0.5010862587606608, -0.1507672049281462, -0.28239945530976895, 0.21464009591331507, -0.3403981770395712, -0.20615975907776066, 0.23216720446736672, 0.2999699021691879, 0.6189255337875413, -0.5488390731932833, -0.002003413543913692, -0.2840618574580043, -0.27941818643483496, -0.03922129723731357, -0.6583851449698225, 0.7308612115584705, 0.29985604757421935, 0.22335615630594746, -0.1911260871586784, -0.6628567006536874, 0.31926061867197214, -0.27754254449292554, -0.1389085460057108, -0.3953983734802953, 0.18680632718350196, 0.7294382213444559, -0.38327924561143495, 0.6003770365841721, 0.5418027728189092, 0.248048603847031, 0.0810152209524497, -0.12412088625381582, -0.2708810012125628, -0.29024154866864443, -0.1730969606365628, -0.25650476512973963, 0.9665164001102622, -0.17361885391396675, 0.9835793320496025, 0.15369991753058626, -0.9446513511762862, -0.33525751341198806, -1.1482132536045784, 0.7525830976570758};

  @Test
  void fitFollowsPyTorchsLoopToRounding() {
    Sequential model = new Sequential(new Linear(6, 5), new ReLU(), new Linear(5, 3));
    model.to(DType.FLOAT64);
    Map<String, Tensor> start = new TreeMap<>();
    model.stateDict().forEach((key, t) -> start.put(key, Waves.sine(t.shape(), Waves.salt(key), 0.3)));
    model.loadStateDict(start);
    SGD sgd = SGD.builder(model.parameters()).lr(0.3).momentum(0.9).build();
    List<Double> norms = new ArrayList<>();
    Trainer trainer = Trainer.builder(model, sgd, new CrossEntropyLoss()).scheduler(new StepLR(sgd, 2, 0.5))
        .clipGradNorm(0.5).accumulationSteps(2).progress(false)
        .listener(new TrainingListener() {
          @Override
          public void onStep(StepInfo s) {
            norms.add(s.gradNorm());
          }
        }).build();
    History h = trainer.fit(batches(1, 5, 3, 6, 4, 2), batches(2, 4, 3), 4);

    assertArrayEquals(TRAIN_LOSSES, unbox(h.trainLoss()), TOL);
    assertArrayEquals(VALIDATION_LOSSES, unbox(h.validationLoss()), TOL);
    assertArrayEquals(LRS, unbox(h.lr()), 1e-15);
    assertArrayEquals(NORMS, unbox(norms), TOL);
    List<Double> last = new ArrayList<>();
    new TreeMap<>(model.stateDict()).values().forEach(t -> {
      for (double v : t.toDoubleArray()) {
        last.add(v);
      }
    });
    assertEquals(List.of("0.bias", "0.weight", "2.bias", "2.weight"), List.copyOf(new TreeMap<>(model.stateDict()).keySet()));
    assertArrayEquals(FINAL, unbox(last), TOL);
  }



  /** Consecutive batches of the given sizes cut from Waves.sine([N, 6], salt) and targets (7 i + salt) % 3. */
  private static List<Batch> batches(int salt, int... sizes) {
    int total = 0;
    for (int s : sizes) {
      total += s;
    }
    Tensor x = Waves.sine(new int[] {total, 6}, salt, 1.0);
    double[] y = new double[total];
    for (int i = 0; i < total; i++) {
      y[i] = (i * 7 + salt) % 3;
    }
    Tensor targets = Tensor.of(y);
    List<Batch> out = new ArrayList<>();
    int from = 0;
    for (int s : sizes) {
      out.add(new Batch(x.slice(0, from, from + s).contiguous(), targets.slice(0, from, from + s).contiguous()));
      from += s;
    }
    return out;
  }

  private static double[] unbox(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
