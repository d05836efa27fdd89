package dev.tinytorch.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import dev.tinytorch.nn.testing.Waves;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * An MLP trained through the optimizer, scheduler and clipping classes follows PyTorch's trajectory in
 * FLOAT64: per-step losses, gradient norms before clipping and final weights. The constants are printed
 * by tools/golden/optim_training.py (run with /usr/bin/python3), whose weights and batches are the
 * formulas below.
 */
class OptimizerTrainingParityTest {
  private static final double TOL = 1e-10;
  private static final int STEPS = 8;
  private static final double MAX_NORM = 0.22;

  // SGD
  static final double[] SGD_LOSSES = {1.1014298001194918, 1.1083178735922037, 1.0897930828109097, 1.1094801661071316, 1.0832950724401944, 1.1067336965183023, 1.0796388764779867, 1.1039560078623};
  static final double[] SGD_NORMS = {0.251738080733474, 0.24124949932926823, 0.23856436663830363, 0.23473876191851728, 0.20559535575336155, 0.23003738166770848, 0.21146080354790028, 0.2289247231904389};
  static final double[] SGD_FINAL = {-0.27079285611307047, -0.12540045673577324, 0.020887306871816287, 0.24836025840061093, 0.2948720721174176, 0.05004396082452849, 0.22819768702313772, 0.287284532749661, 0.27125713515452154, 0.0486468422399582, -0.15027848037436023, -0.2814840337640061, -0.3331361189338525, -0.10330749526325154, 0.05161402991175472, 0.2314146149804082, 0.298997524544646, 0.15688155143774615, 0.0718886090849965, -0.15681543379080495, -0.2831410470960961, -0.2785124289224494, -0.19572617295766037, 0.05455777608332325, 0.23456309626052357, 0.29888403901890687, 0.22263212857141468, 0.029933601694103276, -0.19234359185043096, -0.28251120039798633, -0.276642867031381, -0.13845826229052188, 0.09971919239976523, 0.1918417775697967, 0.30206479054268554, 0.19989161457356544, 0.35971832837423684, 0.1968305809460176, 0.24724453347051814, 0.0807526033113737, -0.12371853797934312, -0.27000291770289114, -0.2893007063188057, -0.17253585230475338, 0.029366649443455437, 0.19875896190883074, 0.30652840747678106, 0.21647766726607112, 0.0879043221693097, -0.1123785105379554, -0.29569852948228353, -0.25311052625693853, -0.1797093798718178};
  // ADAM
  static final double[] ADAM_LOSSES = {1.1014298001194918, 1.1327992774014188, 1.0693277447343372, 1.1197721224205743, 1.0576870283354913, 1.1150691993721884, 1.0524856874449064, 1.110493633651916};
  static final double[] ADAM_NORMS = {0.251738080733474, 0.23680185013513463, 0.21466774224414242, 0.21875284817745702, 0.23682127827692087, 0.21792271987832934, 0.2447128566423804, 0.22966286984656217};
  static final double[] ADAM_FINAL = {-0.03720573074086548, -0.1672892032409754, -0.028332467867250317, 0.25384944584225977, 0.0705131556805842, 0.002563521901271331, 0.07860496426555565, 0.1870493167160347, 0.30414514828734673, 0.14634879460057157, 0.04308730911097191, -0.12815650240818738, -0.3953593823743575, -0.06710098505012597, -0.019600225544501703, 0.0039551876021704825, 0.09889123964781199, 0.07604473083175241, 0.11481131160887607, -0.26528271432433265, -0.048219413128669786, -0.11972180776817722, -0.2897466002689373, 0.10976516921565949, 0.043999340362047314, 0.06253588575146724, 0.18068683611276093, 0.07583482084393378, -0.24529853808447738, -0.4003253268202781, -0.04239695612188253, -0.0019977704002560204, 0.17626757218597597, 0.15020277326972714, 0.31554472793562144, 0.2312942370830027, 0.43227350830372946, 0.1799076651724607, 0.01690384994770294, -0.026818425001110837, 0.04509465357324153, -0.04697672539325573, -0.051960808493547575, 0.013032751439175169, 0.1779730588947112, -0.015924217926822103, 0.3554196031839999, 0.14530718202678233, 0.04722705142466163, 0.015592462479859124, -0.31458143397590327, -0.18057997108862053, -0.14263930468148125};
  // ADAMW
  static final double[] ADAMW_LOSSES = {1.1014298001194918, 1.102769661985808, 1.088148360328331, 1.104343778253097, 1.0842284137934513, 1.104627362565611, 1.0763467655059735, 1.0988455232106158};
  static final double[] ADAMW_NORMS = {0.251738080733474, 0.2333045807989263, 0.23024313358866944, 0.22845456216991733, 0.21348176043790723, 0.24905231360663554, 0.24611289203980247, 0.29288072323415165};
  static final double[] ADAMW_FINAL = {-0.27084260153546114, -0.12542349315843898, -0.08900702838219794, 0.22951965742202685, 0.28855647887866026, 0.050053154043304814, 0.22823960759110415, 0.32795884735341163, 0.31060768358253443, 0.028370398201751298, -0.15030608696114303, -0.281535743186318, -0.32600118978751746, -0.1130792083948122, 0.04253973975255487, 0.2314571265072439, 0.2990524512453195, 0.11607951685661833, 0.06031925585124165, -0.15234031546861498, -0.2831930609164978, -0.2785635924524504, -0.3963549744371433, 0.04206008766253977, 0.25273471633372724, 0.29893894487196443, 0.22267302673037087, -0.060434791252398694, -0.38456705777358674, -0.2534188977785333, -0.27669368711751385, -0.1384836974694257, 0.07957258748817865, 0.188847528815764, 0.3208805524075245, 0.20601179924490004, 0.414977706543891, 0.2157867183607805, 0.2472899529986689, 0.08076743779563049, -0.12374126542872146, -0.2700525180113358, -0.2893538516862289, -0.1725675476344368, -0.09777473494322238, 0.20717606485179957, 0.35579810096263786, 0.19741424249310113, 0.08672782493867219, -0.13259327918422548, -0.29745272010579277, -0.171856316459189, -0.20133389942208824};



  private static Tensor targets(int n, int classes, int salt) {
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = (i * 7 + salt) % classes;
    }
    return Tensor.of(t);
  }

  private static void run(Function<List<Tensor>, Optimizer> makeOpt, Function<Optimizer, LRScheduler> makeSched,
      double[] losses, double[] norms, double[] fin) {
    Module model = new Sequential(new Linear(6, 5), new ReLU(), new Linear(5, 3));
    model.to(DType.FLOAT64);
    for (Map.Entry<String, Tensor> e : model.namedParameters().entrySet()) {
      try (var off = GradMode.off()) {
        e.getValue().copyFrom(Waves.sine(e.getValue().shape(), Waves.salt(e.getKey()), 0.3));
      }
    }
    Tensor[] xs = {Waves.sine(new int[] {8, 6}, 1, 1.0), Waves.sine(new int[] {8, 6}, 2, 1.0)};
    Tensor[] ys = {targets(8, 3, 0), targets(8, 3, 1)};
    Optimizer opt = makeOpt.apply(model.parameters());
    LRScheduler sched = makeSched.apply(opt);
    double[] gotLoss = new double[STEPS];
    double[] gotNorm = new double[STEPS];
    for (int step = 0; step < STEPS; step++) {
      opt.zeroGrad();
      Tensor loss = F.crossEntropy(model.forward(xs[step % 2]), ys[step % 2]);
      loss.backward();
      gotNorm[step] = ClipGrad.clipGradNorm(model.parameters(), MAX_NORM);
      opt.step();
      sched.step();
      gotLoss[step] = loss.item();
    }
    assertArrayEquals(losses, gotLoss, TOL, "per-step losses");
    assertArrayEquals(norms, gotNorm, TOL, "gradient norms before clipping");
    List<Double> flat = new ArrayList<>();
    for (Tensor p : new TreeMap<>(model.namedParameters()).values()) {
      for (double v : p.toDoubleArray()) {
        flat.add(v);
      }
    }
    assertArrayEquals(fin, flat.stream().mapToDouble(Double::doubleValue).toArray(), TOL, "final weights");
  }

  @Test
  void sgdNesterovWithCosineAnnealing() {
    run(ps -> SGD.builder(ps).lr(0.2).momentum(0.9).nesterov(true).weightDecay(1e-3).build(),
        o -> new CosineAnnealingLR(o, STEPS, 0.01), SGD_LOSSES, SGD_NORMS, SGD_FINAL);
  }

  @Test
  void adamWithStepLR() {
    run(ps -> Adam.builder(ps).lr(0.05).weightDecay(0.01).build(), o -> new StepLR(o, 3, 0.5),
        ADAM_LOSSES, ADAM_NORMS, ADAM_FINAL);
  }

  @Test
  void amsgradAdamWWithLinearWarmup() {
    run(ps -> AdamW.builder(ps).lr(0.05).betas(0.8, 0.99).amsgrad(true).build(), o -> new LinearWarmup(o, 4, 0.25),
        ADAMW_LOSSES, ADAMW_NORMS, ADAMW_FINAL);
  }
}
