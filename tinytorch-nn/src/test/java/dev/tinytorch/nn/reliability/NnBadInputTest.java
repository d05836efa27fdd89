package dev.tinytorch.nn.reliability;

import static dev.tinytorch.tensor.testing.BadInputTable.io;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tinytorch.nn.BatchNorm1d;
import dev.tinytorch.nn.Conv2d;
import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Dropout;
import dev.tinytorch.nn.Embedding;
import dev.tinytorch.nn.LayerNorm;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.MSELoss;
import dev.tinytorch.nn.MultiHeadAttention;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.data.Csv;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.Idx;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.io.Checkpoint;
import dev.tinytorch.nn.io.Npy;
import dev.tinytorch.nn.io.Npz;
import dev.tinytorch.nn.io.SafeTensors;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.nn.optim.ClipGrad;
import dev.tinytorch.nn.optim.CosineAnnealingLR;
import dev.tinytorch.nn.optim.ExponentialLR;
import dev.tinytorch.nn.optim.SGD;
import dev.tinytorch.nn.optim.StepLR;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.BadInputTable;
import dev.tinytorch.tensor.testing.TableReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input over the nn API from one table (issue 15): layers, losses, optimizers, schedulers,
 * loaders and readers; each bad call throws the expected type naming the component and the shapes
 * or values, and leaves the parameters, the inputs and the optimizer's state bit-identical.
 */
class NnBadInputTest {
  static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
  static final Class<IllegalStateException> ISE = IllegalStateException.class;
  static final Class<NullPointerException> NPE = NullPointerException.class;
  static final Class<IOException> IOE = IOException.class;

  @TempDir static Path dir;

  /** A Linear(3, 2) with an Adam that has taken a step (so it has state), inputs and targets. */
  static final class Fx {
    final Linear lin = new Linear(3, 2, true, new Generator(1));
    final Adam adam = Adam.builder(lin.parameters()).lr(0.01).build();
    final SGD sgd = SGD.builder(lin.parameters()).lr(0.1).momentum(0.9).build();
    final Tensor x = Tensor.randn(new Generator(2), 4, 3);
    final Tensor y = Tensor.of(new double[] {0, 1, 1, 0});
    final Tensor img = Tensor.randn(new Generator(3), 2, 1, 5, 5);
    final Conv2d conv = new Conv2d(1, 2, 3);
    final Embedding emb = new Embedding(5, 2);
    final LayerNorm ln = new LayerNorm(3);
    final BatchNorm1d bn = new BatchNorm1d(3);

    Fx() {
      for (SGDorAdam o : new SGDorAdam[] {adam::step, sgd::step}) {
        new CrossEntropyLoss().forward(lin.forward(x), y).backward();
        o.step();
        lin.zeroGrad();
      }
      new CrossEntropyLoss().forward(lin.forward(x), y).backward(); // grads present for the rows to keep
    }

    List<Tensor> all() {
      List<Tensor> out = new ArrayList<>(List.of(x, y, img));
      out.addAll(lin.parameters());
      out.addAll(conv.parameters());
      out.addAll(emb.parameters());
      out.addAll(ln.parameters());
      out.addAll(bn.stateDict().values());
      out.addAll(adam.stateDict().values());
      out.addAll(sgd.stateDict().values());
      return out;
    }
  }

  interface SGDorAdam {
    void step();
  }

  static Path file(String name, byte[] bytes) {
    try {
      Path p = dir.resolve(name);
      Files.write(p, bytes);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static BadInputTable<Fx> table() {
    BadInputTable<Fx> t = new BadInputTable<>(Fx::new, Fx::all);
    // ---- layers: construction
    t.bad("Linear in 0", fx -> new Linear(0, 2), IAE, "Linear", "0")
        .bad("Linear out -1", fx -> new Linear(3, -1), IAE, "Linear", "-1")
        .bad("Linear null generator", fx -> new Linear(3, 2, true, null), NPE, "Linear", "generator")
        .bad("Conv2d kernel 0", fx -> new Conv2d(1, 2, 0), IAE, "Conv2d", "0")
        .bad("Conv2d stride 0", fx -> new Conv2d(1, 2, 3, 0, 0), IAE, "Conv2d", "0")
        .bad("Conv2d padding -1", fx -> new Conv2d(1, 2, 3, 1, -1), IAE, "Conv2d", "-1")
        .bad("Embedding 0 rows", fx -> new Embedding(0, 2), IAE, "Embedding", "0")
        .bad("Embedding paddingIdx out of range", fx -> new Embedding(5, 2, 5), IAE, "Embedding", "5")
        .bad("LayerNorm 0", fx -> new LayerNorm(0), IAE, "LayerNorm", "0")
        .bad("LayerNorm null shape", fx -> new LayerNorm((int[]) null), NPE, "LayerNorm", "normalizedShape")
        .bad("LayerNorm eps -1", fx -> new LayerNorm(new int[] {3}, -1, true), IAE, "LayerNorm", "-1")
        .bad("BatchNorm1d 0", fx -> new BatchNorm1d(0), IAE, "BatchNorm1d", "0")
        .bad("BatchNorm1d momentum 2", fx -> new BatchNorm1d(3, 1e-5, 2, true, true), IAE, "BatchNorm1d", "2")
        .bad("Dropout p 1.5", fx -> new Dropout(1.5), IAE, "Dropout", "1.5")
        .bad("Dropout p NaN", fx -> new Dropout(Double.NaN), IAE, "Dropout", "NaN")
        .bad("MultiHeadAttention heads do not divide", fx -> new MultiHeadAttention(6, 4), IAE, "MultiHeadAttention",
            "6", "4")
        .bad("Sequential null layer", fx -> new Sequential(fx.lin, null), NPE, "Sequential", "1");
    // ---- layers: forward
    t.bad("Linear wrong features", fx -> fx.lin.forward(fx.img.reshape(2, 25)), IAE, "Linear", "[2, 25]", "3")
        .bad("Linear 0-d", fx -> fx.lin.forward(Tensor.scalar(1)), IAE, "Linear", "[]")
        .bad("Linear null", fx -> fx.lin.forward(null), NPE, "Linear", "input")
        .bad("Conv2d rank 2", fx -> fx.conv.forward(fx.x), IAE, "Conv2d", "[4, 3]")
        .bad("Conv2d channels", fx -> fx.conv.forward(Tensor.zeros(1, 3, 5, 5)), IAE, "Conv2d", "[1, 3, 5, 5]")
        .bad("Conv2d input smaller than kernel", fx -> fx.conv.forward(Tensor.zeros(1, 1, 2, 2)), IAE, "Conv2d",
            "[1, 1, 2, 2]")
        .bad("Embedding index out of range", fx -> fx.emb.forward(Tensor.of(new double[] {0, 5})), IAE, "Embedding",
            "5")
        .bad("Embedding negative index", fx -> fx.emb.forward(Tensor.of(new double[] {-1})), IAE, "Embedding", "-1")
        .bad("Embedding fractional index", fx -> fx.emb.forward(Tensor.of(new double[] {1.5})), IAE, "Embedding",
            "1.5")
        .bad("LayerNorm wrong last dim", fx -> fx.ln.forward(fx.img), IAE, "LayerNorm", "[2, 1, 5, 5]", "[3]")
        .bad("BatchNorm1d wrong features", fx -> fx.bn.forward(Tensor.zeros(4, 5)), IAE, "BatchNorm1d", "[4, 5]")
        .bad("BatchNorm1d one sample in training", fx -> fx.bn.forward(Tensor.zeros(1, 3)), IAE, "BatchNorm1d",
            "[1, 3]")
        .bad("loadStateDict wrong shape", fx -> {
          Map<String, Tensor> s = new HashMap<>(fx.lin.stateDict());
          s.put("weight", Tensor.zeros(2, 3));
          fx.lin.loadStateDict(s);
          return null;
        }, IAE, "weight", "[2, 3]", "[3, 2]")
        .bad("loadStateDict missing key", fx -> {
          Map<String, Tensor> s = new HashMap<>(fx.lin.stateDict());
          s.remove("bias");
          fx.lin.loadStateDict(s);
          return null;
        }, IAE, "bias")
        .bad("loadStateDict null", fx -> { fx.lin.loadStateDict(null); return null; }, NPE, "loadStateDict", "state");
    // ---- losses
    t.bad("CrossEntropy target out of range", fx -> new CrossEntropyLoss().forward(fx.lin.forward(fx.x),
            Tensor.of(new double[] {0, 1, 2, 0})), IAE, "2")
        .bad("CrossEntropy batch mismatch", fx -> new CrossEntropyLoss().forward(fx.lin.forward(fx.x),
            Tensor.of(new double[] {0, 1})), IAE, "[4, 2]", "[2]")
        .bad("CrossEntropy label smoothing 1.5", fx -> new CrossEntropyLoss(1.5), IAE, "CrossEntropyLoss", "1.5")
        .bad("CrossEntropy null target", fx -> new CrossEntropyLoss().forward(fx.x, null), NPE, "target")
        .bad("MSE shapes", fx -> new MSELoss().forward(fx.x, fx.y), IAE, "MSELoss", "[4, 3]", "[4]")
        .bad("MSE null reduction", fx -> new MSELoss(null), NPE, "MSELoss", "reduction")
        .bad("BCE probability above 1", fx -> F.binaryCrossEntropy(Tensor.of(new double[] {1.5}),
            Tensor.of(new double[] {1})), IAE, "binaryCrossEntropy", "1.5")
        .bad("F.linear weight shape", fx -> F.linear(fx.x, fx.x, null), IAE, "linear", "[4, 3]")
        .bad("F.dropout p -0.1", fx -> F.dropout(fx.x, -0.1, true), IAE, "dropout", "-0.1")
        .bad("F.softmax dim 2", fx -> F.softmax(fx.x, 2), IAE, "softmax", "2")
        .bad("F.maxPool2d kernel 0", fx -> F.maxPool2d(fx.img, 0), IAE, "maxPool2d", "0");
    // ---- optimizers and schedulers
    t.bad("SGD lr -1", fx -> SGD.builder(fx.lin.parameters()).lr(-1).build(), IAE, "SGD", "-1")
        .bad("SGD lr NaN", fx -> new SGD(fx.lin.parameters(), Double.NaN), IAE, "SGD", "NaN")
        .bad("SGD momentum -0.5", fx -> SGD.builder(fx.lin.parameters()).lr(0.1).momentum(-0.5).build(), IAE, "SGD",
            "-0.5")
        .bad("SGD nesterov without momentum", fx -> SGD.builder(fx.lin.parameters()).lr(0.1).nesterov(true).build(),
            IAE, "SGD", "Nesterov")
        .bad("SGD null params", fx -> new SGD(null, 0.1), NPE, "SGD", "params")
        .bad("SGD empty params", fx -> new SGD(List.of(), 0.1), IAE, "SGD", "empty")
        .bad("SGD null param", fx -> new SGD(java.util.Arrays.asList(fx.lin.weight(), null), 0.1), NPE, "SGD", "1")
        .bad("Adam beta1 1", fx -> Adam.builder(fx.lin.parameters()).lr(0.1).betas(1.0, 0.999).build(), IAE, "Adam",
            "1.0")
        .bad("Adam beta2 -0.1", fx -> Adam.builder(fx.lin.parameters()).lr(0.1).betas(0.9, -0.1).build(), IAE, "Adam",
            "-0.1")
        .bad("Adam eps -1", fx -> Adam.builder(fx.lin.parameters()).lr(0.1).eps(-1).build(), IAE, "Adam", "-1")
        .bad("Adam weight decay NaN", fx -> Adam.builder(fx.lin.parameters()).lr(0.1).weightDecay(Double.NaN).build(),
            IAE, "Adam", "NaN")
        .bad("Adam setLr -1", fx -> { fx.adam.setLr(-1); return null; }, IAE, "-1")
        .bad("Adam loadStateDict wrong shape", fx -> {
          Map<String, Tensor> s = new HashMap<>(fx.adam.stateDict());
          String key = s.keySet().stream().filter(k -> s.get(k).dim() == 2).findFirst().orElseThrow();
          s.put(key, Tensor.zeros(7, 7));
          fx.adam.loadStateDict(s);
          return null;
        }, IAE, "[7, 7]")
        .bad("Adam loadStateDict null", fx -> { fx.adam.loadStateDict(null); return null; }, NPE, "state")
        .bad("StepLR stepSize 0", fx -> new StepLR(fx.sgd, 0, 0.1), IAE, "StepLR", "0")
        .bad("StepLR null optimizer", fx -> new StepLR(null, 1, 0.1), NPE, "StepLR", "optimizer")
        .bad("ExponentialLR gamma NaN", fx -> new ExponentialLR(fx.sgd, Double.NaN), IAE, "ExponentialLR", "NaN")
        .bad("CosineAnnealingLR tMax 0", fx -> new CosineAnnealingLR(fx.sgd, 0, 0), IAE, "CosineAnnealingLR", "0")
        .bad("clipGradNorm -1", fx -> ClipGrad.clipGradNorm(fx.lin.parameters(), -1), IAE, "clipGradNorm", "-1")
        .bad("clipGradNorm null", fx -> ClipGrad.clipGradNorm(null, 1), NPE, "clipGradNorm", "params")
        .bad("clipGradValue NaN", fx -> { ClipGrad.clipGradValue(fx.lin.parameters(), Double.NaN); return null; }, IAE,
            "clipGradValue", "NaN");
    // ---- data
    t.bad("TensorDataset length mismatch", fx -> new TensorDataset(fx.x, Tensor.zeros(3)), IAE, "TensorDataset",
            "[4, 3]", "[3]")
        .bad("TensorDataset null", fx -> new TensorDataset(null, fx.y), NPE, "TensorDataset", "inputs")
        .bad("TensorDataset 0-d", fx -> new TensorDataset(Tensor.scalar(1), Tensor.scalar(1)), IAE, "TensorDataset",
            "[]")
        .bad("TensorDataset index 4", fx -> new TensorDataset(fx.x, fx.y).get(4), IAE, "4")
        .bad("TensorDataset index -1", fx -> new TensorDataset(fx.x, fx.y).get(-1), IAE, "-1")
        .bad("DataLoader batch 0", fx -> DataLoader.builder(new TensorDataset(fx.x, fx.y)).batchSize(0), IAE,
            "DataLoader", "0")
        .bad("DataLoader null dataset", fx -> DataLoader.builder(null), NPE, "DataLoader", "dataset");
    // ---- readers (IOException naming the file; nulls as NPE)
    t.bad("Idx missing file", fx -> io(() -> Idx.read(dir.resolve("missing.idx"))), IOE, "missing.idx")
        .bad("Idx null", fx -> io(() -> Idx.read(null)), NPE, "Idx", "file")
        .bad("Idx garbage", fx -> io(() -> Idx.read(file("g.idx", new byte[] {1, 2, 3, 4, 5}))), IOE, "g.idx")
        .bad("Csv label column out of range", fx -> io(() -> Csv.read(file("a.csv", "1,2\n3,4\n".getBytes()), 5)),
            IAE, "a.csv", "5")
        .bad("Csv not a number", fx -> io(() -> Csv.read(file("b.csv", "a,b\n1,x\n".getBytes()), 0)), IAE, "b.csv", "x")
        .bad("SafeTensors empty file", fx -> io(() -> SafeTensors.load(file("e.safetensors", new byte[0]))), IOE,
            "e.safetensors")
        .bad("SafeTensors null", fx -> io(() -> SafeTensors.load(null)), NPE, "SafeTensors", "file")
        .bad("SafeTensors save null map", fx -> io(() -> { SafeTensors.save(dir.resolve("n.st"), null, Map.of());
          return null; }), NPE, "SafeTensors", "tensors")
        .bad("Npy garbage", fx -> io(() -> Npy.load(file("g.npy", new byte[] {7, 7, 7}))), IOE, "g.npy")
        .bad("Npy null tensor", fx -> io(() -> { Npy.save(dir.resolve("n.npy"), null); return null; }), NPE, "Npy",
            "tensor")
        .bad("Npz a directory", fx -> io(() -> Npz.load(dir)), IOE, dir.getFileName().toString())
        .bad("Checkpoint missing", fx -> io(() -> Checkpoint.load(dir.resolve("none.ckpt"), fx.lin, fx.adam)), IOE,
            "none.ckpt")
        .bad("Checkpoint null model", fx -> io(() -> Checkpoint.load(dir.resolve("none.ckpt"), null, fx.adam)), NPE,
            "Checkpoint", "model");
    // ---- legal edge cases
    t.ok("Linear on a batch of 0", fx -> fx.lin.forward(Tensor.zeros(0, 3)), r -> assertArrayEquals(new int[] {0, 2},
            ((Tensor) r).shape()))
        .ok("Linear on a 1-d input", fx -> fx.lin.forward(Tensor.zeros(3)), r -> assertArrayEquals(new int[] {2},
            ((Tensor) r).shape()))
        .ok("Dropout p 0 and 1", fx -> new Dropout(1.0).forward(fx.x).sum().item() + new Dropout(0.0).eval().forward(
            fx.x).sum().item(), r -> assertEquals(fx0().x.sum().item(), (Double) r, 1e-6))
        .ok("clipGradNorm 0 zeroes", fx -> {
          ClipGrad.clipGradNorm(fx.lin.parameters(), 0);
          return fx.lin.weight().grad().abs().sum().item();
        }, r -> assertEquals(0.0, (Double) r, 0.0))
        .ok("DataLoader batch larger than the data", fx -> DataLoader.builder(new TensorDataset(fx.x, fx.y))
            .batchSize(100).build().iterator().next().inputs(), r -> assertArrayEquals(new int[] {4, 3},
            ((Tensor) r).shape()))
        .ok("Embedding of an empty index", fx -> fx.emb.forward(Tensor.zeros(0)), r -> assertArrayEquals(
            new int[] {0, 2}, ((Tensor) r).shape()));
    return t;
  }

  private static Fx fx0() {
    return new Fx();
  }

  @Test
  void everyBadCallFailsCleanlyAndEveryEdgeCaseSucceeds() {
    TableReport.runAndAssert("nn", table());
  }
}
