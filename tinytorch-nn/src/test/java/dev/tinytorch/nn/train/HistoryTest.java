package dev.tinytorch.nn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History's lists, CSV (exact text) and PNG (decodes, has the size, is not blank). */
class HistoryTest {
  @TempDir
  Path dir;

  /** A made-up five-epoch run: loss falling, accuracy rising, a validation set, a step schedule. */
  static History sample() {
    return new History(List.of(
        new EpochInfo(1, 5, 4, 100, 1.25, 0.5, 1.5, 0.45, 0.1, 0.5),
        new EpochInfo(2, 5, 4, 100, 0.75, 0.7, 0.875, 0.65, 0.1, 0.25),
        new EpochInfo(3, 5, 4, 100, 0.5, 0.8, 0.625, 0.75, 0.05, 0.25),
        new EpochInfo(4, 5, 4, 100, 0.375, 0.875, 0.5, 0.8, 0.05, 0.125),
        new EpochInfo(5, 5, 4, 100, 0.3125, 0.9, 0.46875, 0.82, 0.025, 0.125)));
  }

  @Test
  void listsAreTheColumnsAndUnmodifiable() {
    History h = sample();
    assertEquals(5, h.size());
    assertEquals(List.of(1, 2, 3, 4, 5), h.epochs());
    assertEquals(List.of(1.25, 0.75, 0.5, 0.375, 0.3125), h.trainLoss());
    assertEquals(List.of(0.5, 0.7, 0.8, 0.875, 0.9), h.trainAccuracy());
    assertEquals(List.of(1.5, 0.875, 0.625, 0.5, 0.46875), h.validationLoss());
    assertEquals(List.of(0.45, 0.65, 0.75, 0.8, 0.82), h.validationAccuracy());
    assertEquals(List.of(0.1, 0.1, 0.05, 0.05, 0.025), h.lr());
    assertEquals(List.of(0.5, 0.25, 0.25, 0.125, 0.125), h.seconds());
    assertThrows(UnsupportedOperationException.class, () -> h.trainLoss().set(0, 0.0));
    assertThrows(UnsupportedOperationException.class, () -> h.epochs().add(6));
    assertThrows(UnsupportedOperationException.class, () -> h.rows().clear());
  }

  @Test
  void csvHasTheHeaderARowPerEpochAndEmptyFieldsForMissingValues() throws IOException {
    Path file = dir.resolve("sub/history.csv");
    sample().writeCsv(file);
    assertEquals("""
        epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,lr,seconds
        1,1.25,0.5,1.5,0.45,0.1,0.5
        2,0.75,0.7,0.875,0.65,0.1,0.25
        3,0.5,0.8,0.625,0.75,0.05,0.25
        4,0.375,0.875,0.5,0.8,0.05,0.125
        5,0.3125,0.9,0.46875,0.82,0.025,0.125
        """, Files.readString(file));
    History regression = new History(List.of(new EpochInfo(1, 1, 2, 8, 0.125, Double.NaN, Double.NaN, Double.NaN,
        1e-3, 2.0)));
    regression.writeCsv(file);
    assertEquals(History.CSV_HEADER + "\n1,0.125,,,,0.001,2.0\n", Files.readString(file), "replaced whole");
    new History(List.of()).writeCsv(file);
    assertEquals(History.CSV_HEADER + "\n", Files.readString(file));
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "no temporary file left behind");
    }
  }

  @Test
  void plotWritesADecodablePngOfTheSizeWithDrawnCurves() throws IOException {
    Path png = dir.resolve("history.png");
    sample().plot(png);
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "ImageIO decodes it");
    assertEquals(1200, image.getWidth());
    assertEquals(500, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    int notWhite = 0;
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colours.add(rgb);
        if (rgb != 0xFFFFFF) {
          notWhite++;
        }
      }
    }
    assertTrue(colours.size() > 20, "text, axes and two series colours: " + colours.size());
    assertTrue(notWhite > 2000, "not blank: " + notWhite);
    assertTrue(colours.contains(0x1F77B4) && colours.contains(0xFF7F0E), "the train and validation colours appear");
    assertTrue(hasColourIn(image, 0, 600, 0x1F77B4) && hasColourIn(image, 600, 1200, 0x1F77B4), "a curve per panel");

    Path small = dir.resolve("regression.png");
    new History(List.of(new EpochInfo(1, 2, 2, 8, 0.5, Double.NaN, Double.NaN, Double.NaN, 0.01, 1),
        new EpochInfo(2, 2, 2, 8, 0.25, Double.NaN, Double.NaN, Double.NaN, 0.01, 1))).plot(small, 640, 360);
    BufferedImage one = ImageIO.read(small.toFile());
    assertEquals(640, one.getWidth());
    assertEquals(360, one.getHeight());
    assertTrue(hasColourIn(one, 0, 640, 0x1F77B4), "the loss curve over the whole width");
  }

  @Test
  void plotDrawsInfiniteAndMissingValuesAsGaps() throws IOException {
    Path png = dir.resolve("diverged.png");
    new History(List.of(new EpochInfo(1, 3, 1, 8, 0.5, 0.5, 0.75, 0.5, 0.1, 1),
        new EpochInfo(2, 3, 1, 8, 0.4, 0.6, Double.POSITIVE_INFINITY, Double.NaN, 0.1, 1),
        new EpochInfo(3, 3, 1, 8, 0.3, 0.7, 0.5, 0.75, 0.1, 1))).plot(png);
    assertEquals(1200, ImageIO.read(png.toFile()).getWidth(), "XChart's refusal of infinities does not reach the user");
  }

  @Test
  void plotRefusesAnEmptyHistoryAndSillySizes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new History(List.of()).plot(dir.resolve("x.png")));
    assertTrue(e.getMessage().contains("no epochs"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> sample().plot(dir.resolve("x.png"), 10, 10));
    assertTrue(e.getMessage().contains("10 x 10"), e.getMessage());
    assertThrows(NullPointerException.class, () -> sample().plot(null));
    assertEquals(0, dir.toFile().list().length, "nothing written");
  }

  private static boolean hasColourIn(BufferedImage image, int fromX, int toX, int rgb) {
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = fromX; x < toX; x++) {
        if ((image.getRGB(x, y) & 0xFFFFFF) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
