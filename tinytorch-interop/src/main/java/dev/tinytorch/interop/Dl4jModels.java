package dev.tinytorch.interop;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.AvgPool2d;
import dev.tinytorch.nn.BatchNorm1d;
import dev.tinytorch.nn.BatchNorm2d;
import dev.tinytorch.nn.Conv2d;
import dev.tinytorch.nn.Dropout;
import dev.tinytorch.nn.Flatten;
import dev.tinytorch.nn.Identity;
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
import dev.tinytorch.tensor.Tensor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Whole models to and from DL4J: a {@link Sequential} becomes a {@link MultiLayerNetwork} with the
 * same weights and the same outputs, the way to DL4J's production tooling (model serving,
 * {@code ModelSerializer}) and its Spark training; and back.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Conv2d(1, 4, 3), new ReLU(), new MaxPool2d(2),
 *     new Flatten(), new Linear(4 * 3 * 3, 10), new Softmax(1));
 * MultiLayerNetwork net = Dl4jModels.toMultiLayerNetwork(model, new int[] {1, 8, 8});  // C, H, W
 * INDArray probs = net.output(INDArrays.toINDArray(images));   // equals model.eval().forward(images)
 * Sequential back = Dl4jModels.fromMultiLayerNetwork(net);
 * }</pre>
 *
 * <p>Layer mapping, both ways: {@code Linear} is a {@code DenseLayer} (W [nIn, nOut] like ours, b
 * [1, nOut]); {@code Conv2d} a {@code ConvolutionLayer} (W [out, in, k, k] like ours, truncate
 * mode, NCHW); {@code MaxPool2d}/{@code AvgPool2d} a {@code SubsamplingLayer}; {@code BatchNorm1d/2d}
 * a {@code BatchNormalization} (gamma, beta, mean, var; DL4J's decay is 1 - momentum);
 * {@code Dropout(p)} a {@code DropoutLayer} (DL4J takes the retain probability 1 - p); ReLU, Tanh,
 * Sigmoid, LeakyReLU, Softmax(1) and Identity are folded into the Linear or Conv2d before them, else an
 * {@code ActivationLayer}. {@code Flatten} is DL4J's {@code CnnToFeedForwardPreProcessor}, which
 * flattens NCHW in the same [C, H, W] order.
 *
 * <p>The last layer: a final Linear (with the activation folded into it) becomes an
 * {@code OutputLayer}, so that the network can also be trained in DL4J: with Softmax its loss is
 * multi-class cross-entropy (MCXENT), with Sigmoid binary cross-entropy (XENT), otherwise MSE. End a
 * classifier with {@code Softmax(1)} to train it in DL4J; outputs equal either way.
 *
 * <p>The network's data type is the parameters' (FLOAT for FLOAT32, DOUBLE for FLOAT64). A layer
 * without a counterpart is refused with an IllegalArgumentException naming its index and class.
 */
public final class Dl4jModels {
  private Dl4jModels() {}

  /**
   * {@code model} as an initialised DL4J network with copies of its weights and running statistics.
   *
   * @param inputShape one sample's shape: {@code [features]} or {@code [channels, height, width]}
   */
  public static MultiLayerNetwork toMultiLayerNetwork(Sequential model, int[] inputShape) {
    checkNotNull(model, "Dl4jModels.toMultiLayerNetwork: the model is null");
    checkNotNull(inputShape, "Dl4jModels.toMultiLayerNetwork: inputShape is null");
    checkArgument(inputShape.length == 1 || inputShape.length == 3,
        "Dl4jModels.toMultiLayerNetwork: inputShape must be [features] or [channels, height, width], got %s",
        Arrays.toString(inputShape));
    List<Module> layers = model.layers();
    checkArgument(!layers.isEmpty(), "Dl4jModels.toMultiLayerNetwork: the Sequential is empty");
    DType dtype = model.parameters().isEmpty() ? DType.FLOAT32 : model.parameters().get(0).dtype();
    ToDl4j plan = new ToDl4j(layers);
    NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
        .dataType(dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE)
        .list();
    for (Layer l : plan.confs) {
      list.layer(l);
    }
    list.setInputType(inputShape.length == 1 ? InputType.feedForward(inputShape[0])
        : InputType.convolutional(inputShape[1], inputShape[2], inputShape[0]));
    MultiLayerConfiguration conf = list.build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    for (int i = 0; i < plan.params.size(); i++) {
      for (Map.Entry<String, Tensor> p : plan.params.get(i).entrySet()) {
        INDArray target = net.getParam(i + "_" + p.getKey());
        Tensor value = p.getValue();
        target.assign(INDArrays.toINDArray(value).reshape(target.shape()).castTo(target.dataType()));
      }
    }
    return net;
  }

  /**
   * {@code net} as a Sequential of TinyTorch layers holding copies of its weights, for the layer kinds
   * {@link #toMultiLayerNetwork} makes (an OutputLayer becomes a Linear and its activation; its loss is
   * not part of the model).
   */
  public static Sequential fromMultiLayerNetwork(MultiLayerNetwork net) {
    checkNotNull(net, "Dl4jModels.fromMultiLayerNetwork: the network is null");
    MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
    List<Module> modules = new ArrayList<>();
    Map<String, Tensor> state = new LinkedHashMap<>();
    boolean spatial = conf.getInputPreProcess(0) == null && isSpatial(conf.getConf(0).getLayer());
    for (int i = 0; i < net.getnLayers(); i++) {
      Layer l = conf.getConf(i).getLayer();
      InputPreProcessor pre = conf.getInputPreProcess(i);
      if (pre instanceof CnnToFeedForwardPreProcessor) {
        modules.add(new Flatten());
        spatial = false;
      } else if (pre != null) {
        throw new IllegalArgumentException("Dl4jModels.fromMultiLayerNetwork: layer " + i + " has the input "
            + "preprocessor " + pre.getClass().getSimpleName() + ", which has no TinyTorch counterpart (only "
            + "CnnToFeedForwardPreProcessor, as Flatten, has)");
      }
      String prefix = Integer.toString(modules.size());
      if (l instanceof DenseLayer || l instanceof OutputLayer) {
        org.deeplearning4j.nn.conf.layers.FeedForwardLayer f = (org.deeplearning4j.nn.conf.layers.FeedForwardLayer) l;
        boolean bias = net.getLayer(i).paramTable().containsKey("b");
        modules.add(new Linear((int) f.getNIn(), (int) f.getNOut(), bias));
        state.put(prefix + ".weight", INDArrays.toTensor(net.getParam(i + "_W")));
        if (bias) {
          state.put(prefix + ".bias", INDArrays.toTensor(net.getParam(i + "_b")).reshape((int) f.getNOut()));
        }
        addActivation(modules, ((BaseLayer) l).getActivationFn(), i);
        spatial = false;
      } else if (l instanceof ConvolutionLayer c && l.getClass() == ConvolutionLayer.class) {
        int k = square(c.getKernelSize(), "kernel", i);
        int s = square(c.getStride(), "stride", i);
        int p = square(c.getPadding(), "padding", i);
        checkArgument(Arrays.stream(c.getDilation()).allMatch(d -> d == 1) && c.getConvolutionMode() != ConvolutionMode.Same,
            "Dl4jModels.fromMultiLayerNetwork: layer %s (ConvolutionLayer) uses dilation %s or Same mode; Conv2d has "
                + "neither", i, Arrays.toString(c.getDilation()));
        boolean bias = net.getLayer(i).paramTable().containsKey("b");
        modules.add(new Conv2d((int) c.getNIn(), (int) c.getNOut(), k, s, p, bias));
        state.put(prefix + ".weight", INDArrays.toTensor(net.getParam(i + "_W")));
        if (bias) {
          state.put(prefix + ".bias", INDArrays.toTensor(net.getParam(i + "_b")).reshape((int) c.getNOut()));
        }
        addActivation(modules, c.getActivationFn(), i);
        spatial = true;
      } else if (l instanceof SubsamplingLayer s && l.getClass() == SubsamplingLayer.class) {
        int k = square(s.getKernelSize(), "kernel", i);
        int st = square(s.getStride(), "stride", i);
        checkArgument(square(s.getPadding(), "padding", i) == 0 && s.getConvolutionMode() != ConvolutionMode.Same,
            "Dl4jModels.fromMultiLayerNetwork: layer %s (SubsamplingLayer) pads; MaxPool2d and AvgPool2d do not", i);
        if (s.getPoolingType() == PoolingType.MAX) {
          modules.add(new MaxPool2d(k, st));
        } else if (s.getPoolingType() == PoolingType.AVG) {
          modules.add(new AvgPool2d(k, st));
        } else {
          throw new IllegalArgumentException("Dl4jModels.fromMultiLayerNetwork: layer " + i + " pools by "
              + s.getPoolingType() + "; only MAX and AVG have TinyTorch counterparts");
        }
        spatial = true;
      } else if (l instanceof BatchNormalization b) {
        int n = (int) b.getNOut();
        double momentum = complement(b.getDecay());
        modules.add(spatial ? new BatchNorm2d(n, b.getEps(), momentum, true, true)
            : new BatchNorm1d(n, b.getEps(), momentum, true, true));
        state.put(prefix + ".weight", INDArrays.toTensor(net.getParam(i + "_gamma")).reshape(n));
        state.put(prefix + ".bias", INDArrays.toTensor(net.getParam(i + "_beta")).reshape(n));
        state.put(prefix + ".running_mean", INDArrays.toTensor(net.getParam(i + "_mean")).reshape(n));
        Tensor var = b.isUseLogStd()
            // DL4J keeps log10(std); its inference uses var = std^2 with eps added afterwards.
            ? INDArrays.toTensor(net.getParam(i + "_log10stdev")).mul(2 * Math.log(10)).exp()
            : INDArrays.toTensor(net.getParam(i + "_var"));
        state.put(prefix + ".running_var", var.reshape(n));
        state.put(prefix + ".num_batches_tracked", Tensor.scalar(0));
      } else if (l instanceof DropoutLayer d) {
        checkArgument(d.getIDropout() instanceof org.deeplearning4j.nn.conf.dropout.Dropout
                || d.getIDropout() == null,
            "Dl4jModels.fromMultiLayerNetwork: layer %s drops with %s; only plain Dropout has a counterpart", i,
            d.getIDropout());
        double retain = d.getIDropout() == null ? 1
            : ((org.deeplearning4j.nn.conf.dropout.Dropout) d.getIDropout()).getP();
        modules.add(new Dropout(complement(retain)));
      } else if (l instanceof ActivationLayer a) {
        if (!addActivation(modules, a.getActivationFn(), i)) {
          modules.add(new Identity());
        }
      } else {
        throw new IllegalArgumentException("Dl4jModels.fromMultiLayerNetwork: layer " + i + " ("
            + l.getClass().getSimpleName() + ") has no TinyTorch counterpart; supported are DenseLayer, OutputLayer, "
            + "ConvolutionLayer, SubsamplingLayer (MAX, AVG), BatchNormalization, DropoutLayer and ActivationLayer");
      }
    }
    Sequential out = new Sequential(modules.toArray(new Module[0]));
    if (conf.getDataType() == DataType.DOUBLE) {
      out.to(DType.FLOAT64);
    }
    out.loadStateDict(state);
    return out;
  }

  /** 1 - p in decimal, so that 0.1 comes back as 0.1 after two trips, not 0.09999999999999998. */
  static double complement(double p) {
    return BigDecimal.ONE.subtract(new BigDecimal(Double.toString(p))).doubleValue();
  }

  private static boolean isSpatial(Layer l) {
    return l instanceof ConvolutionLayer || l instanceof SubsamplingLayer;
  }

  private static int square(int[] v, String what, int layer) {
    checkArgument(v.length == 2 && v[0] == v[1], "Dl4jModels.fromMultiLayerNetwork: layer %s has %s %s; TinyTorch's "
        + "2-d layers take one size for both dims", layer, what, Arrays.toString(v));
    return v[0];
  }

  /** Adds the module for {@code fn}; false for identity, which needs none. */
  private static boolean addActivation(List<Module> modules, IActivation fn, int layer) {
    if (fn == null || fn instanceof ActivationIdentity) {
      return false;
    }
    if (fn instanceof ActivationReLU r) {
      checkArgument(r.getMax() == null && r.getThreshold() == null && r.getNegativeSlope() == null,
          "Dl4jModels.fromMultiLayerNetwork: layer %s has a ReLU with max, threshold or slope; ours has none", layer);
      modules.add(new ReLU());
    } else if (fn instanceof ActivationTanH) {
      modules.add(new Tanh());
    } else if (fn instanceof ActivationSigmoid) {
      modules.add(new Sigmoid());
    } else if (fn instanceof ActivationSoftmax) {
      modules.add(new Softmax(1));
    } else if (fn instanceof ActivationLReLU l) {
      modules.add(new LeakyReLU(l.getAlpha()));
    } else {
      throw new IllegalArgumentException("Dl4jModels.fromMultiLayerNetwork: layer " + layer + " has activation "
          + fn + ", which has no TinyTorch counterpart here (supported: identity, relu, tanh, sigmoid, softmax, "
          + "leakyrelu)");
    }
    return true;
  }

  /** The DL4J layer confs and, per DL4J layer, its parameters by DL4J name, made from TinyTorch layers. */
  private static final class ToDl4j {
    final List<Layer> confs = new ArrayList<>();
    final List<Map<String, Tensor>> params = new ArrayList<>();

    ToDl4j(List<Module> layers) {
      int lastLinear = -1;
      for (int i = 0; i < layers.size(); i++) {
        if (layers.get(i) instanceof Linear) {
          lastLinear = i;
        }
      }
      for (int i = 0; i < layers.size(); i++) {
        Module m = layers.get(i);
        IActivation next = i + 1 < layers.size() ? activation(layers.get(i + 1)) : null;
        Map<String, Tensor> p = new LinkedHashMap<>();
        if (m instanceof Linear lin) {
          IActivation act = next != null ? next : new ActivationIdentity();
          boolean last = i == lastLinear && (i + 1 == layers.size() || (next != null && i + 2 == layers.size()));
          p.put("W", lin.weight());
          if (lin.bias() != null) {
            p.put("b", lin.bias());
          }
          confs.add(last
              ? new OutputLayer.Builder(lossFor(act)).nIn(lin.inFeatures()).nOut(lin.outFeatures())
                  .activation(act).hasBias(lin.bias() != null).build()
              : new DenseLayer.Builder().nIn(lin.inFeatures()).nOut(lin.outFeatures()).activation(act)
                  .hasBias(lin.bias() != null).build());
          i += next != null ? 1 : 0;
        } else if (m instanceof Conv2d c) {
          IActivation act = next != null ? next : new ActivationIdentity();
          p.put("W", c.weight());
          if (c.bias() != null) {
            p.put("b", c.bias());
          }
          confs.add(new ConvolutionLayer.Builder(c.kernelSize(), c.kernelSize()).stride(c.stride(), c.stride())
              .padding(c.padding(), c.padding()).nIn(c.inChannels()).nOut(c.outChannels())
              .convolutionMode(ConvolutionMode.Truncate).activation(act).hasBias(c.bias() != null).build());
          i += next != null ? 1 : 0;
        } else if (m instanceof MaxPool2d mp) {
          confs.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(mp.kernel(), mp.kernel())
              .stride(mp.stride(), mp.stride()).convolutionMode(ConvolutionMode.Truncate).build());
        } else if (m instanceof AvgPool2d ap) {
          confs.add(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(ap.kernel(), ap.kernel())
              .stride(ap.stride(), ap.stride()).convolutionMode(ConvolutionMode.Truncate).build());
        } else if (m instanceof BatchNorm1d || m instanceof BatchNorm2d) {
          confs.add(batchNorm(m, p, i));
        } else if (m instanceof Dropout d) {
          confs.add(new DropoutLayer.Builder(complement(d.p())).build());
        } else if (m instanceof Flatten) {
          continue; // DL4J inserts CnnToFeedForwardPreProcessor before the next dense layer itself
        } else if (activation(m) != null) {
          confs.add(new ActivationLayer.Builder().activation(activation(m)).build());
        } else {
          throw new IllegalArgumentException("Dl4jModels.toMultiLayerNetwork: layer " + i + " ("
              + m.getClass().getSimpleName() + ") has no DL4J counterpart here; supported are Linear, Conv2d, "
              + "MaxPool2d, AvgPool2d, BatchNorm1d/2d, Dropout, Flatten, ReLU, Tanh, Sigmoid, LeakyReLU, "
              + "Softmax(1) and Identity");
        }
        params.add(p);
      }
    }

    private static Layer batchNorm(Module m, Map<String, Tensor> p, int i) {
      Tensor weight = m instanceof BatchNorm1d b1 ? b1.weight() : ((BatchNorm2d) m).weight();
      Tensor bias = m instanceof BatchNorm1d b1 ? b1.bias() : ((BatchNorm2d) m).bias();
      Tensor mean = m instanceof BatchNorm1d b1 ? b1.runningMean() : ((BatchNorm2d) m).runningMean();
      Tensor var = m instanceof BatchNorm1d b1 ? b1.runningVar() : ((BatchNorm2d) m).runningVar();
      double eps = m instanceof BatchNorm1d b1 ? b1.eps() : ((BatchNorm2d) m).eps();
      double momentum = m instanceof BatchNorm1d b1 ? b1.momentum() : ((BatchNorm2d) m).momentum();
      checkArgument(weight != null && mean != null, "Dl4jModels.toMultiLayerNetwork: layer %s (%s) needs affine "
          + "weights and running statistics, which DL4J's BatchNormalization always has", i, m.getClass().getSimpleName());
      p.put("gamma", weight);
      p.put("beta", bias);
      p.put("mean", mean);
      p.put("var", var);
      return new BatchNormalization.Builder().eps(eps).decay(complement(momentum)).useLogStd(false).build();
    }

    /** The DL4J activation of an activation module, or null for any other module. */
    private static IActivation activation(Module m) {
      if (m instanceof ReLU) {
        return new ActivationReLU();
      } else if (m instanceof Tanh) {
        return new ActivationTanH();
      } else if (m instanceof Sigmoid) {
        return new ActivationSigmoid();
      } else if (m instanceof LeakyReLU l) {
        return new ActivationLReLU(l.slope());
      } else if (m instanceof Softmax s && s.dim() == 1) {
        return new ActivationSoftmax();
      } else if (m instanceof Identity) {
        return new ActivationIdentity();
      }
      return null;
    }

    private static LossFunction lossFor(IActivation act) {
      if (act instanceof ActivationSoftmax) {
        return LossFunction.MCXENT;
      }
      return act instanceof ActivationSigmoid ? LossFunction.XENT : LossFunction.MSE;
    }
  }
}
