package dev.tinytorch.nn.train;

import dev.tinytorch.nn.io.AtomicFiles;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** History's PNG: an XChart per panel, drawn off-screen and composed under one title. */
final class HistoryPlot {
  static final int WIDTH = 1200;
  static final int HEIGHT = 500;
  private static final int TITLE_BAND = 44;
  private static final Color TRAIN = new Color(31, 119, 180);
  private static final Color VALIDATION = new Color(255, 127, 14);

  private HistoryPlot() {}

  static void write(History h, Path png, int width, int height) throws IOException {
    headlessUnlessDisplay();
    BufferedImage image;
    try {
      image = render(h, width, height);
    } catch (java.awt.AWTError | java.awt.HeadlessException e) {
      throw new IOException("History.plot: " + png + ": no graphics available (" + e + "); run the JVM with "
          + "-Djava.awt.headless=true", e);
    }
    AtomicFiles.write(png, out -> {
      if (!ImageIO.write(image, "png", out)) {
        throw new IOException("History.plot: " + png + ": this JVM has no PNG writer");
      }
    });
  }

  /**
   * Off-screen drawing needs no display, but AWT without the headless flag looks for one and fails
   * without it (a server, CI). The flag is only set when nobody chose and no display is visible.
   */
  private static void headlessUnlessDisplay() {
    if (System.getProperty("java.awt.headless") == null && System.getenv("DISPLAY") == null
        && System.getenv("WAYLAND_DISPLAY") == null) {
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      if (!os.contains("win") && !os.contains("mac")) {
        System.setProperty("java.awt.headless", "true");
      }
    }
  }

  static BufferedImage render(History h, int width, int height) {
    boolean accuracy = h.trainAccuracy().stream().anyMatch(v -> !Double.isNaN(v))
        || h.validationAccuracy().stream().anyMatch(v -> !Double.isNaN(v));
    int panels = accuracy ? 2 : 1;
    int panelWidth = width / panels;
    int panelHeight = height - TITLE_BAND;
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, width, height);
      int first = h.epochs().get(0);
      int last = h.epochs().get(h.size() - 1);
      String title = "Training history, " + (first == last ? "epoch " + first : "epochs " + first + "-" + last);
      g.setColor(Color.DARK_GRAY);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
      FontMetrics fm = g.getFontMetrics();
      g.drawString(title, (width - fm.stringWidth(title)) / 2, (TITLE_BAND + fm.getAscent()) / 2);
      XYChart loss = chart("Loss", "loss", panelWidth, panelHeight, Styler.LegendPosition.InsideNE);
      addSeries(loss, h, h.trainLoss(), h.validationLoss(), 1);
      g.drawImage(BitmapEncoder.getBufferedImage(loss), 0, TITLE_BAND, null);
      if (accuracy) {
        XYChart acc = chart("Accuracy", "accuracy (%)", panelWidth, panelHeight, Styler.LegendPosition.InsideSE);
        addSeries(acc, h, h.trainAccuracy(), h.validationAccuracy(), 100);
        g.drawImage(BitmapEncoder.getBufferedImage(acc), panelWidth, TITLE_BAND, null);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static XYChart chart(String title, String yAxis, int width, int height, Styler.LegendPosition legend) {
    XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle("epoch").yAxisTitle(yAxis)
        .build();
    var st = c.getStyler();
    st.setChartBackgroundColor(Color.WHITE);
    st.setPlotBackgroundColor(Color.WHITE);
    st.setPlotBorderColor(Color.GRAY);
    st.setPlotGridLinesColor(new Color(225, 225, 225));
    st.setLegendPosition(legend);
    st.setLegendBorderColor(Color.LIGHT_GRAY);
    st.setChartTitleBoxVisible(false);
    st.setMarkerSize(6);
    st.setXAxisDecimalPattern("0");
    return c;
  }

  private static void addSeries(XYChart c, History h, List<Double> train, List<Double> validation, double scale) {
    double[] x = h.epochs().stream().mapToDouble(Integer::doubleValue).toArray();
    add(c, "train", x, train, scale, TRAIN);
    boolean withValidation = validation.stream().anyMatch(v -> !Double.isNaN(v));
    if (withValidation) {
      add(c, "validation", x, validation, scale, VALIDATION);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (List<Double> values : withValidation ? List.of(train, validation) : List.of(train)) {
      for (double v : values) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v * scale);
          max = Math.max(max, v * scale);
        }
      }
    }
    c.getStyler().setYAxisDecimalPattern(decimalPattern(min, max));
  }

  /**
   * Enough decimals for ticks a few per range apart, with a leading zero: XChart's default prints
   * .0008 for small losses, and a fixed pattern either hides them or clutters large ones.
   */
  static String decimalPattern(double min, double max) {
    double range = max - min > 0 ? max - min : Math.abs(max);
    int decimals = range > 0 && Double.isFinite(range) ? (int) Math.ceil(-Math.log10(range)) + 1 : 2;
    decimals = Math.max(0, Math.min(decimals, 12));
    // Whole numbers for wide ranges (accuracy in %); otherwise one decimal always, so that 1.0 does not
    // print as a bare 1 between 0.8 and 1.2.
    return decimals == 0 ? "0" : "0.0" + "#".repeat(decimals - 1);
  }

  private static void add(XYChart c, String name, double[] x, List<Double> values, double scale, Color color) {
    // XChart refuses infinities (a diverged validation loss); NaN is drawn as a gap, so both become gaps.
    double[] y = values.stream().mapToDouble(v -> Double.isFinite(v) ? v * scale : Double.NaN).toArray();
    XYSeries s = c.addSeries(name, x, y);
    s.setMarker(SeriesMarkers.CIRCLE);
    s.setLineColor(color);
    s.setMarkerColor(color);
  }
}
