package dev.tinytorch.examples;

import dev.tinytorch.interop.Dl4jData;
import dev.tinytorch.interop.Dl4jModels;
import dev.tinytorch.interop.INDArrays;
import dev.tinytorch.interop.Nd4jWeights;
import dev.tinytorch.nn.CrossEntropyLoss;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.Tanh;
import dev.tinytorch.nn.data.Batch;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.nn.train.Trainer;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.datavec.api.records.reader.RecordReader;
import org.datavec.api.records.reader.impl.csv.CSVRecordReader;
import org.datavec.api.split.FileSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.SplitTestAndTrain;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * Lesson 9: the DL4J round trip with tinytorch-interop. A DataVec CSV pipeline (iris) feeds TinyTorch's
 * Trainer; the trained weights go back to ND4J INDArrays; the model becomes a DL4J MultiLayerNetwork that
 * computes the same outputs. Needs an ND4J backend at run time (examples declares nd4j-native).
 *
 * <pre>{@code
 * Trainer.builder(model, opt, new CrossEntropyLoss()).build().fit(Dl4jData.batches(dataVecIterator, true), 60);
 * MultiLayerNetwork net = Dl4jModels.toMultiLayerNetwork(model, new int[] {4});
 * }</pre>
 */
public final class Lesson09Dl4jRoundTrip {
  private Lesson09Dl4jRoundTrip() {}

  public static void main(String[] args) throws Exception {
    run(60);
  }

  /** Trains for {@code epochs}; returns {test accuracy, largest |TinyTorch - DL4J| output difference}. */
  static double[] run(int epochs) throws Exception {
    System.out.println("== Lesson 9: DataVec -> TinyTorch -> INDArrays -> MultiLayerNetwork (iris) ==");
    // DataVec reads files through splits: the embedded CSV goes to a temporary file first.
    Path csv = Files.createTempFile("tinytorch-iris", ".csv");
    try (InputStream in = Lesson09Dl4jRoundTrip.class.getResourceAsStream("data/iris.csv")) {
      Files.copy(in, csv, StandardCopyOption.REPLACE_EXISTING);
    }
    SplitTestAndTrain split;
    try (RecordReader reader = new CSVRecordReader(1, ',')) {   // skip the header line
      reader.initialize(new FileSplit(csv.toFile()));
      DataSet all = new RecordReaderDataSetIterator(reader, 150, 4, 3).next();   // label column 4, 3 classes
      all.shuffle(7);
      split = all.splitTestAndTrain(120, new Random(7));
    } finally {
      Files.deleteIfExists(csv);
    }
    DataSetIterator train = new ListDataSetIterator<>(split.getTrain().asList(), 16);
    NormalizerStandardize normalizer = new NormalizerStandardize();   // DL4J's, fitted on the training rows
    normalizer.fit(train);
    train.setPreProcessor(normalizer);
    DataSet test = split.getTest().copy();
    normalizer.transform(test);

    Generator g = new Generator(3);
    Sequential model = new Sequential(new Linear(4, 16, true, g), new Tanh(), new Linear(16, 3, true, g));
    Trainer trainer = Trainer.builder(model, new Adam(model.parameters(), 0.01), new CrossEntropyLoss())
        .progress(false).build();
    // The DL4J iterator is an Iterable<Batch> for the Trainer; labels become class indices.
    trainer.fit(Dl4jData.batches(train, true), epochs);
    Batch testBatch = Dl4jData.toBatch(test, true);
    double accuracy = trainer.evaluate(List.of(testBatch)).accuracy();
    System.out.printf(Locale.ROOT, "TinyTorch MLP trained on the DataVec pipeline: test accuracy %.1f %% (30 rows)%n",
        100 * accuracy);

    Map<String, INDArray> weights = Nd4jWeights.toINDArrays(model);
    weights.forEach((name, a) -> System.out.println("  " + name + " -> INDArray " + Arrays.toString(a.shape())));

    MultiLayerNetwork net = Dl4jModels.toMultiLayerNetwork(model, new int[] {4});
    System.out.println("as a DL4J network: " + net.getnLayers() + " layers, " + net.numParams() + " parameters");
    model.eval();
    Tensor ours = model.forward(testBatch.inputs());
    Tensor theirs = INDArrays.toTensor(net.output(INDArrays.toINDArray(testBatch.inputs())));
    double diff = ours.sub(theirs.to(ours.dtype())).abs().max().item();
    System.out.printf(Locale.ROOT, "largest difference between TinyTorch's and DL4J's outputs on the test rows: %.2e%n",
        diff);
    return new double[] {accuracy, diff};
  }
}
