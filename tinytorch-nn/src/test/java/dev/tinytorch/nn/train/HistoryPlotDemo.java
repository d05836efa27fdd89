package dev.tinytorch.nn.train;

import java.nio.file.Path;

/** Renders HistoryTest's sample to a file for a person to look at: {@code HistoryPlotDemo /tmp/history.png}. */
final class HistoryPlotDemo {
  private HistoryPlotDemo() {}

  public static void main(String[] args) throws Exception {
    HistoryTest.sample().plot(Path.of(args.length > 0 ? args[0] : "history.png"));
  }
}
