package dev.tinytorch.examples;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** The lessons and milestones the command line runs, in order, each with a one-line title. */
final class Programs {
  /** A runnable example: {@code args} are what follows its name on the command line. */
  interface Body {
    void run(String[] args) throws Exception;
  }

  /** A program that may fail as a command line does: returns its exit code. */
  interface Command {
    int run(String[] args) throws Exception;
  }

  record Program(String title, Command command) {
    static Program of(String title, Body body) {
      return new Program(title, (Command) a -> {
        body.run(a);
        return 0;
      });
    }

    int run(String[] args) throws Exception {
      return command.run(args);
    }
  }

  static final Map<String, Program> LESSONS = new LinkedHashMap<>();
  static final Map<String, Program> MILESTONES = new LinkedHashMap<>();

  static {
    LESSONS.put("1", Program.of("tensors, dtypes, broadcasting and views", a -> Lesson01Tensors.run()));
    LESSONS.put("2", Program.of("autograd: the graph and the chain rule", a -> Lesson02Autograd.run()));
    LESSONS.put("3", Program.of("a training loop by hand: XOR", a -> Lesson03Xor.run(2000, 1)));
    LESSONS.put("4", Program.of("a custom Function: softplus with its own backward", a -> Lesson04CustomFunction.run()));
    LESSONS.put("5", Program.of("GradCheck: finite differences prove a gradient", a -> Lesson05GradCheck.run()));
    LESSONS.put("6", Program.of("layers: a Module of your own", a -> Lesson06Layers.run()));
    LESSONS.put("7", Program.of("training with the Trainer: two spirals", a -> Lesson07Training.run(60)));
    LESSONS.put("8", Program.of("saving and loading: safetensors and checkpoints",
        a -> Lesson08SavingLoading.run(java.nio.file.Files.createTempDirectory("tinytorch-lesson08"))));
    LESSONS.put("9", new Program("the DL4J round trip: DataVec CSV -> TinyTorch -> INDArrays -> MultiLayerNetwork",
        (Command) a -> lesson9()));

    MILESTONES.put("perceptron", Program.of("1957 perceptron: two separable clouds",
        a -> Milestone01Perceptron.run(1)));
    MILESTONES.put("xor", Program.of("1969 XOR: one layer fails, two solve it", a -> Milestone02Xor.run(1)));
    MILESTONES.put("mlp", Program.of("1986 MLP on TinyDigits (5 seeds)",
        a -> Milestone03DigitsMlp.runSeeds(1, 2, 3, 4, 5)));
    MILESTONES.put("cnn", Program.of("1998 CNN on TinyDigits, trained against frozen kernels (3 seeds)",
        a -> Milestone04DigitsCnn.runSeeds(1, 2, 3)));
    MILESTONES.put("fashion-mlp", new Program("Fashion-MNIST, the train command's MLP, 1 epoch (give the IDX folder)",
        (Command) a -> fashion("fashion-mlp", a, "mlp", "1")));
    MILESTONES.put("fashion-cnn", new Program("Fashion-MNIST, the train command's CNN, 3 epochs (give the IDX folder)",
        (Command) a -> fashion("fashion-cnn", a, "cnn", "3")));
    MILESTONES.put("transformer", Program.of("2017 attention: a transformer block learns to reverse 6 digits",
        a -> Milestone07Transformer.run(1, 300)));
  }

  private static int lesson9() throws Exception {
    try {
      Class.forName("org.nd4j.linalg.factory.Nd4j", false, Programs.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      // The runnable jar leaves ND4J out (its natives are large); Maven's class path has it.
      throw new IllegalStateException("lesson 9 needs ND4J, which tinytorch-examples.jar leaves out; run it with "
          + "./mvnw -q -pl examples -am -DskipTests package exec:exec -Dexamples.args=\"lesson 9\"");
    }
    Lesson09Dl4jRoundTrip.run(60);
    return 0;
  }

  /** Fashion-MNIST through {@code train}: the data folder, and optionally more of train's options after it. */
  private static int fashion(String name, String[] args, String model, String epochs) {
    if (args.length == 0) {
      throw new IllegalArgumentException(name + " needs the Fashion-MNIST folder (four IDX .gz files), for example: "
          + "milestone " + name + " ../shared/datasets/fashion-mnist");
    }
    java.util.List<String> more = java.util.Arrays.asList(args).subList(1, args.length);
    java.util.List<String> line = new java.util.ArrayList<>(java.util.List.of("train", "--data", args[0], "--model",
        model));
    // The milestone's epochs and folder unless the user gives their own (an option may appear only once).
    if (!more.contains("--epochs")) {
      line.addAll(java.util.List.of("--epochs", epochs));
    }
    if (!more.contains("--out")) {
      line.addAll(java.util.List.of("--out", "tinytorch-out/" + name));
    }
    line.addAll(more);
    return Main.execute(System.out, System.err, line.toArray(new String[0]));
  }

  private Programs() {}

  /** picocli's list of lesson numbers for --help. */
  static final class LessonNumbers implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return LESSONS.keySet().iterator();
    }
  }

  /** picocli's list of milestone names for --help. */
  static final class MilestoneNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return MILESTONES.keySet().iterator();
    }
  }
}
