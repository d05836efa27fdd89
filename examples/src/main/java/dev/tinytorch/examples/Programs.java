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

  record Program(String title, Body body) {
    void run(String[] args) throws Exception {
      body.run(args);
    }
  }

  static final Map<String, Program> LESSONS = new LinkedHashMap<>();
  static final Map<String, Program> MILESTONES = new LinkedHashMap<>();

  static {
    LESSONS.put("1", new Program("tensors, dtypes, broadcasting and views", a -> Lesson01Tensors.run()));
    LESSONS.put("2", new Program("autograd: the graph and the chain rule", a -> Lesson02Autograd.run()));
    LESSONS.put("3", new Program("a training loop by hand: XOR", a -> Lesson03Xor.run(2000, 1)));

    MILESTONES.put("perceptron", new Program("1957 perceptron: two separable clouds",
        a -> Milestone01Perceptron.run(1)));
    MILESTONES.put("xor", new Program("1969 XOR: one layer fails, two solve it", a -> Milestone02Xor.run(1)));
    MILESTONES.put("mlp", new Program("1986 MLP on TinyDigits (5 seeds)",
        a -> Milestone03DigitsMlp.runSeeds(1, 2, 3, 4, 5)));
    MILESTONES.put("cnn", new Program("1998 CNN on TinyDigits, trained against frozen kernels (3 seeds)",
        a -> Milestone04DigitsCnn.runSeeds(1, 2, 3)));
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
