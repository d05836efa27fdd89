package dev.tinytorch.nn;

import dev.tinytorch.tensor.Tensor;
import java.util.Arrays;

/** Input checks shared by the image layers, so each names itself, the shapes and the fix the same way. */
final class SpatialChecks {
  private SpatialChecks() {}

  /**
   * An NCHW input with {@code channels} channels (any channel count when negative) that a
   * {@code kernel x kernel} window fits once padded.
   */
  static void image(String layer, Tensor x, int channels, int kernel, int padding) {
    int[] s = x.shape();
    String want = "[N, " + (channels < 0 ? "C" : String.valueOf(channels)) + ", H, W]";
    if (s.length != 4) {
      String fix = s.length == 3 && (channels < 0 || s[0] == channels)
          ? "a single image needs the batch dim: x.unsqueeze(0)"
          : "reshape the input to " + want + " (NCHW)";
      throw new IllegalArgumentException(layer + ": expects input " + want + ", got " + Arrays.toString(s) + "; " + fix);
    }
    if (channels >= 0 && s[1] != channels) {
      throw new IllegalArgumentException(layer + ": expects input " + want + ", got " + Arrays.toString(s)
          + "; the input has " + s[1] + " channels: build the layer with " + s[1] + " input channels, or feed it "
          + channels + "-channel images (NCHW: channels are dim 1; permute(0, 3, 1, 2) turns NHWC into NCHW)");
    }
    int ph = s[2] + 2 * padding;
    int pw = s[3] + 2 * padding;
    if (ph < kernel || pw < kernel) {
      throw new IllegalArgumentException(layer + ": input " + Arrays.toString(s) + " is " + s[2] + " x " + s[3]
          + (padding > 0 ? " (" + ph + " x " + pw + " with padding " + padding + ")" : "")
          + ", smaller than the " + kernel + " x " + kernel
          + " kernel; use a smaller kernel, more padding, or a larger input (fewer downsampling layers before this one)");
    }
  }
}
