package dev.tinytorch.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.Tanh;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.data.DataLoader;
import dev.tinytorch.nn.data.TensorDataset;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.nn.train.EpochInfo;
import dev.tinytorch.nn.train.History;
import dev.tinytorch.nn.train.Trainer;
import dev.tinytorch.nn.train.TrainingListener;
import dev.tinytorch.tensor.Generator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.learning.config.Adam.Builder;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Real DL4J pipelines on iris, both ways: DataVec into a TinyTorch MLP, a TinyTorch loader into DL4J's fit. */
class Dl4jPipelineTest {
  /** Iris read by DataVec, shuffled with seed 7 and split 120 / 30. */
  private static SplitTestAndTrain irisSplit() throws Exception {
    RecordReader reader = new CSVRecordReader(1, ','); // skip the header line
    reader.initialize(new FileSplit(Iris.csv()));
    DataSetIterator all = new RecordReaderDataSetIterator(reader, 150, 4, 3); // label column 4, 3 classes
    DataSet iris = all.next();
    assertEquals(150, iris.numExamples());
    iris.shuffle(7);
    return iris.splitTestAndTrain(120, new Random(7));
  }

  @Test
  void dataVecPipelineTrainsATinyTorchMlp() throws Exception {
    SplitTestAndTrain split = irisSplit();
    DataSetIterator train = new ListDataSetIterator<>(split.getTrain().asList(), 16);
    NormalizerStandardize normalizer = new NormalizerStandardize(); // DL4J's own, fitted on the training rows
    normalizer.fit(train);
    train.setPreProcessor(normalizer);
    DataSet test = split.getTest().copy();
    normalizer.transform(test);

    Generator g = new Generator(3);
    Sequential model = new Sequential(new Linear(4, 16, true, g), new Tanh(), new Linear(16, 3, true, g));
    Optimizer opt = new Adam(model.parameters(), 0.01);
    // The DL4J iterator trains through nn.train's Trainer like any Iterable<Batch>, reset every epoch.
    List<Integer> samplesPerEpoch = new ArrayList<>();
    TrainingListener count = new TrainingListener() {
      @Override
      public void onEpoch(EpochInfo info) {
        samplesPerEpoch.add(info.samples());
      }
    };
    Trainer trainer = Trainer.builder(model, opt, new CrossEntropyLoss()).progress(false).listener(count).build();
    History h = trainer.fit(Dl4jData.batches(train, true), 60);
    assertEquals(Collections.nCopies(60, 120), samplesPerEpoch, "every epoch sees every training row");
    double last = h.trainLoss().get(59);
    Batch testBatch = Dl4jData.toBatch(test, true);
    double trainAccuracy = Iris.accuracy(model, normalized(normalizer, split.getTrain()));
    double testAccuracy = Iris.accuracy(model, testBatch);
    assertTrue(last < 0.15, "final training loss " + last);
    assertTrue(trainAccuracy >= 0.96, "train accuracy " + trainAccuracy);
    assertTrue(testAccuracy >= 0.93, "test accuracy " + testAccuracy);
  }

  @Test
  void dl4jFitsOnATinyTorchDataLoader() throws Exception {
    SplitTestAndTrain split = irisSplit();
    NormalizerStandardize normalizer = new NormalizerStandardize();
    normalizer.fit(split.getTrain());
    Batch train = normalized(normalizer, split.getTrain());
    Batch test = normalized(normalizer, split.getTest());
    DataLoader loader = DataLoader.builder(new TensorDataset(train.inputs(), train.targets()))
        .batchSize(16).shuffle(5).build();

    MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(5)
        .updater(new Builder().learningRate(0.01).build())
        .list()
        .layer(new DenseLayer.Builder().nIn(4).nOut(16).activation(Activation.TANH).build())
        .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(3)
            .activation(Activation.SOFTMAX).build())
        .build();
    MultiLayerNetwork net = new MultiLayerNetwork(conf);
    net.init();
    net.fit(Dl4jData.iterator(loader, 3), 60);

    DataLoader testLoader = DataLoader.builder(new TensorDataset(test.inputs(), test.targets())).batchSize(30).build();
    Evaluation eval = net.evaluate(Dl4jData.iterator(testLoader, 3));
    assertTrue(eval.accuracy() >= 0.93, eval.stats());
    Evaluation onTrain = net.evaluate(Dl4jData.iterator(loader, 3));
    assertEquals(120, onTrain.getNumRowCounter());
    assertTrue(onTrain.accuracy() >= 0.96, onTrain.stats());
  }

  /** The rows of {@code ds} standardized by {@code normalizer}, labels as class indices. */
  private static Batch normalized(NormalizerStandardize normalizer, DataSet ds) {
    DataSet copy = ds.copy();
    normalizer.transform(copy);
    return Dl4jData.toBatch(copy, true);
  }
}
