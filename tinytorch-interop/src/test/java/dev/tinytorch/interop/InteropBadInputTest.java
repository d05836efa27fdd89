package dev.tinytorch.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.BadInputTable;
import dev.tinytorch.tensor.testing.TableReport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Bad input over the converters (issue 15), from the same table harness as the tensor and nn APIs. */
class InteropBadInputTest {
  static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
  static final Class<NullPointerException> NPE = NullPointerException.class;

  static final class Fx {
    final Sequential model = new Sequential(new Linear(3, 4, true, new Generator(1)), new ReLU(),
        new Linear(4, 2, true, new Generator(2)));
    final Tensor x = Tensor.randn(new Generator(3), 5, 3);

    List<Tensor> all() {
      List<Tensor> out = new ArrayList<>(model.parameters());
      out.add(x);
      return out;
    }
  }

  static BadInputTable<Fx> table() {
    BadInputTable<Fx> t = new BadInputTable<>(Fx::new, Fx::all);
    t.bad("toTensor null", fx -> INDArrays.toTensor(null), NPE, "toTensor", "null")
        .bad("toTensor UTF8", fx -> INDArrays.toTensor(Nd4j.create("a", "b")), IAE, "toTensor", "UTF8")
        .bad("toINDArray null", fx -> INDArrays.toINDArray(null), NPE, "toINDArray", "null")
        .bad("toBatch null", fx -> Dl4jData.toBatch(null, true), NPE, "toBatch", "null")
        .bad("toBatch row mismatch", fx -> Dl4jData.toBatch(new DataSet(Nd4j.zeros(DataType.FLOAT, 4, 3),
            Nd4j.zeros(DataType.FLOAT, 3, 2)), false), IAE, "toBatch", "[4, 3]", "[3, 2]")
        .bad("batches null", fx -> Dl4jData.batches(null, true), NPE, "batches", "null")
        .bad("iterator null", fx -> Dl4jData.iterator(null), NPE, "iterator", "null")
        .bad("Nd4jWeights.load wrong shape", fx -> {
          Map<String, org.nd4j.linalg.api.ndarray.INDArray> w = new HashMap<>(Nd4jWeights.toINDArrays(fx.model));
          String key = w.keySet().iterator().next();
          w.put(key, Nd4j.zeros(DataType.FLOAT, 7, 7));
          Nd4jWeights.load(fx.model, w);
          return null;
        }, IAE, "[7, 7]")
        .bad("Nd4jWeights.load null map", fx -> { Nd4jWeights.load(fx.model, null); return null; }, NPE, "load",
            "weights")
        .bad("Nd4jWeights.toINDArrays null", fx -> Nd4jWeights.toINDArrays(null), NPE, "toINDArrays", "module")
        .bad("toMultiLayerNetwork null", fx -> Dl4jModels.toMultiLayerNetwork(null, new int[] {3}), NPE,
            "toMultiLayerNetwork", "model")
        .bad("toMultiLayerNetwork input rank 2", fx -> Dl4jModels.toMultiLayerNetwork(fx.model, new int[] {3, 3}),
            IAE, "toMultiLayerNetwork", "[3, 3]")
        .bad("toMultiLayerNetwork empty", fx -> Dl4jModels.toMultiLayerNetwork(new Sequential(), new int[] {3}), IAE,
            "toMultiLayerNetwork", "empty")
        .bad("fromMultiLayerNetwork null", fx -> Dl4jModels.fromMultiLayerNetwork(null), NPE, "fromMultiLayerNetwork",
            "network");
    t.ok("empty INDArray round trip", fx -> INDArrays.toTensor(INDArrays.toINDArray(Tensor.zeros(0, 3))),
            r -> assertArrayEquals(new int[] {0, 3}, ((Tensor) r).shape()))
        .ok("0-d round trip", fx -> INDArrays.toTensor(INDArrays.toINDArray(Tensor.scalar(2.5))),
            r -> assertArrayEquals(new double[] {2.5}, ((Tensor) r).toDoubleArray(), 0.0));
    return t;
  }

  @Test
  void everyBadCallFailsCleanlyAndEveryEdgeCaseSucceeds() {
    TableReport.runAndAssert("interop", table());
  }
}
