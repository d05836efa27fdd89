package dev.tinytorch.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.nn.AvgPool2d;
import dev.tinytorch.nn.BatchNorm1d;
import dev.tinytorch.nn.BatchNorm2d;
import dev.tinytorch.nn.Conv2d;
import dev.tinytorch.nn.Dropout;
import dev.tinytorch.nn.Flatten;
import dev.tinytorch.nn.LayerNorm;
import dev.tinytorch.nn.LeakyReLU;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.MaxPool2d;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.Sigmoid;
import dev.tinytorch.nn.Softmax;
import dev.tinytorch.nn.Tanh;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

class Dl4jModelsTest {
  private static final double TOL = 1e-12;

  /** Random running statistics for every batch norm, so that inference really uses them. */
  private static void randomizeBatchNorms(Sequential model, long seed) {
    Generator g = new Generator(seed);
    Map<String, Tensor> state = new LinkedHashMap<>(model.stateDict());
    state.replaceAll((k, v) -> {
      if (k.endsWith("running_var")) {
        return Tensor.rand(g, v.dtype(), v.shape()).add(0.5);
      } else if (k.endsWith("running_mean") || (k.endsWith("weight") || k.endsWith("bias")) && v.dim() == 1) {
        return Tensor.randn(g, v.dtype(), v.shape());
      }
      return v;
    });
    model.loadStateDict(state);
  }

  private static void assertSameOutputs(Module model, MultiLayerNetwork net, Tensor x) {
    Tensor want;
    try (GradMode.Scope s = GradMode.off()) {
      model.eval();
      want = model.forward(x);
    }
    INDArray got = net.output(INDArrays.toINDArray(x), false);
    Tensor g = INDArrays.toTensor(got);
    assertEquals(want.numel(), g.numel());
    Tensor diff = want.reshape(g.shape()).sub(g).abs().max();
    assertTrue(diff.item() <= TOL, "max |difference| " + diff.item());
    assertTrue(want.abs().max().item() > 1e-3, "outputs are not trivially zero");
  }

  @Test
  void anMlpBecomesAMultiLayerNetworkWithTheSameOutputsAndBack() {
    Generator g = new Generator(11);
    Sequential model = new Sequential(new Linear(4, 8, true, g), new ReLU(), new BatchNorm1d(8), new Dropout(0.3),
        new Linear(8, 6, true, g), new Tanh(), new Linear(6, 5, false, g), new LeakyReLU(0.2), new Sigmoid(),
        new Linear(5, 3, true, g), new Softmax(1));
    model.to(DType.FLOAT64);
    randomizeBatchNorms(model, 12);
    Tensor x = Tensor.randn(new Generator(13), DType.FLOAT64, 7, 4);

    MultiLayerNetwork net = Dl4jModels.toMultiLayerNetwork(model, new int[] {4});
    assertEquals(DataType.DOUBLE, net.getLayerWiseConfigurations().getDataType());
    // Linear+ReLU, BN, Dropout, Linear+Tanh, Linear+LeakyReLU, Sigmoid, Linear+Softmax (the output layer)
    assertEquals(7, net.getnLayers());
    OutputLayer out = (OutputLayer) net.getLayerWiseConfigurations().getConf(6).getLayer();
    assertTrue(out.getLossFn() instanceof LossMCXENT, out.getLossFn().toString());
    assertSameOutputs(model, net, x);

    Sequential back = Dl4jModels.fromMultiLayerNetwork(net);
    assertEquals(model.toString(), back.toString());
    assertSameOutputs(back, net, x);
  }

  @Test
  void aCnnKeepsConvWeightsAndFlattenOrder() {
    Generator g = new Generator(21);
    Sequential model = new Sequential(new Conv2d(2, 3, 3, 1, 1, true, g), new ReLU(), new MaxPool2d(2),
        new BatchNorm2d(3), new Conv2d(3, 4, 3, 1, 0, true, g), new AvgPool2d(2, 1), new Flatten(),
        new Linear(16, 5, true, g));
    model.to(DType.FLOAT64);
    randomizeBatchNorms(model, 22);
    Tensor x = Tensor.randn(new Generator(23), DType.FLOAT64, 3, 2, 10, 10);

    MultiLayerNetwork net = Dl4jModels.toMultiLayerNetwork(model, new int[] {2, 10, 10});
    assertSameOutputs(model, net, x);
    Sequential back = Dl4jModels.fromMultiLayerNetwork(net);
    assertSameOutputs(back, net, x);
    assertTrue(back.get(3) instanceof BatchNorm2d, back.toString());
    assertTrue(back.get(6) instanceof Flatten, back.toString());
  }

  @Test
  void float32ModelsGiveFloatNetworks() {
    Sequential model = new Sequential(new Linear(3, 2, true, new Generator(5)), new Tanh());
    MultiLayerNetwork net = Dl4jModels.toMultiLayerNetwork(model, new int[] {3});
    assertEquals(DataType.FLOAT, net.getLayerWiseConfigurations().getDataType());
    Tensor x = Tensor.randn(new Generator(6), 4, 3);
    Tensor want = model.forward(x);
    Tensor got = INDArrays.toTensor(net.output(INDArrays.toINDArray(x)));
    assertTrue(want.allClose(got, 1e-6, 1e-6));
  }

  @Test
  void aDl4jNetworkWithLogStdBatchNormComesOverWithTheSameOutputs() {
    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.RELU).build())
        .layer(new BatchNormalization.Builder().build()) // DL4J's default keeps log10(std)
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3).activation(Activation.SOFTMAX).build())
        .setInputType(InputType.feedForward(4))
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.getParam("1_mean").assign(Nd4j.rand(DataType.DOUBLE, 1, 6).subi(0.5));
    net.getParam("1_log10stdev").assign(Nd4j.rand(DataType.DOUBLE, 1, 6).subi(0.5));
    net.getParam("1_gamma").assign(Nd4j.rand(DataType.DOUBLE, 1, 6).addi(0.5));
    Sequential model = Dl4jModels.fromMultiLayerNetwork(net);
    assertSameOutputs(model, net, Tensor.randn(new Generator(4), DType.FLOAT64, 5, 4));
  }

  @Test
  void layersWithoutACounterpartAreNamed() {
    Sequential model = new Sequential(new Linear(2, 2), new LayerNorm(2));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Dl4jModels.toMultiLayerNetwork(model, new int[] {2}));
    assertTrue(e.getMessage().contains("layer 1 (LayerNorm)"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> Dl4jModels.toMultiLayerNetwork(model, new int[] {2, 2}));
    assertTrue(e.getMessage().contains("[2, 2]"), e.getMessage());
    assertThrows(NullPointerException.class, () -> Dl4jModels.fromMultiLayerNetwork(null));
  }
}
