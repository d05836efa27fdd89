package dev.tinytorch.nn.train;

import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What {@link Trainer#fit} shows while it works: nothing, one plain line per epoch (logs, CI, Maven's
 * test runner, any stream that is not a terminal), or on an interactive terminal a progress bar per
 * epoch (me.tongfei:progressbar) with the running loss and samples/s, followed by the same line.
 */
class Progress implements AutoCloseable {
  static final Progress NONE = new Progress();

  /** The form {@code enabled} and the output call for. */
  static Progress create(boolean enabled, PrintStream out) {
    if (!enabled) {
      return NONE;
    }
    boolean standard = out == System.out || out == System.err;
    return standard && interactive() ? new Bar(out) : new Lines(out);
  }

  void startEpoch(int epoch, int lastEpoch, long expectedSamples) {}

  void step(long samplesSoFar, double meanLossSoFar) {}

  void endEpoch(EpochInfo info) {}

  @Override
  public void close() {}

  /** {@code epoch 3/10  train loss 0.4123  acc 91.20 %  val loss 0.4500  acc 90.00 %  lr 0.01  1.23 s}. */
  static String line(EpochInfo e) {
    StringBuilder s = new StringBuilder();
    s.append("epoch ").append(e.epoch()).append('/').append(e.lastEpoch());
    s.append("  train loss ").append(fmt("%.4f", e.trainLoss()));
    appendAccuracy(s, e.trainAccuracy());
    if (!Double.isNaN(e.validationLoss())) {
      s.append("  val loss ").append(fmt("%.4f", e.validationLoss()));
      appendAccuracy(s, e.validationAccuracy());
    }
    s.append("  lr ").append(rate(e.lr()));
    s.append("  ").append(fmt("%.2f", e.seconds())).append(" s");
    return s.toString();
  }

  private static void appendAccuracy(StringBuilder s, double accuracy) {
    if (!Double.isNaN(accuracy)) {
      s.append("  acc ").append(fmt("%.2f", 100 * accuracy)).append(" %");
    }
  }

  /** A rate with at most 4 significant digits and no trailing zeros: 0.01, 0.003162, 1e-05. */
  static String rate(double lr) {
    if (!Double.isFinite(lr) || lr == 0) {
      return lr == 0 ? "0" : Double.toString(lr);
    }
    if (Math.abs(lr) >= 1e-4) {
      return new BigDecimal(lr).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }
    return fmt("%.3e", lr).replaceFirst("\\.?0*e", "e");
  }

  private static String fmt(String format, double value) {
    return String.format(Locale.ROOT, format, value);
  }

  /**
   * Whether this JVM talks to a person: a console (which JDK 22+ also returns when redirected, so its
   * {@code isTerminal()} is asked where it exists) and a TERM that draws bars.
   */
  static boolean interactive() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      if (!(Boolean) isTerminal.invoke(console)) {
        return false;
      }
    } catch (ReflectiveOperationException beforeJdk22) {
      // JDK 17-21: a non-null console already means a terminal on both ends.
    }
    String term = System.getenv("TERM");
    return term == null ? System.getProperty("os.name", "").startsWith("Windows") : !term.equals("dumb");
  }

  /** One line per epoch, nothing in between: readable in a log file. */
  static final class Lines extends Progress {
    private final PrintStream out;

    Lines(PrintStream out) {
      this.out = out;
    }

    @Override
    void endEpoch(EpochInfo info) {
      out.println(line(info));
      out.flush();
    }
  }

  /**
   * A bar per epoch in samples, redrawn in place, then the epoch's line. The speed is part of the
   * message rather than the library's own speed field, whose unit and ETA leave an 80-column
   * terminal almost no room for the bar.
   */
  static final class Bar extends Progress {
    private final PrintStream out;
    private ProgressBar bar;
    private long start;

    Bar(PrintStream out) {
      this.out = out;
    }

    @Override
    void startEpoch(int epoch, int lastEpoch, long expectedSamples) {
      close();
      bar = new ProgressBarBuilder()
          .setTaskName("epoch " + epoch + "/" + lastEpoch)
          .setInitialMax(expectedSamples)
          .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
          .setConsumer(new ConsoleProgressBarConsumer(out))
          .hideEta()
          .setUpdateIntervalMillis(200)
          .clearDisplayOnFinish()
          .build();
      start = System.nanoTime();
    }

    @Override
    void step(long samplesSoFar, double meanLossSoFar) {
      if (bar != null) {
        bar.stepTo(samplesSoFar);
        double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
        bar.setExtraMessage("loss " + fmt("%.4f", meanLossSoFar) + "  " + fmt("%.0f", samplesSoFar / seconds)
            + " samples/s");
      }
    }

    @Override
    void endEpoch(EpochInfo info) {
      close();
      out.println(line(info));
      out.flush();
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
        bar = null;
      }
    }
  }
}
