package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Unfold and fold at stride 1 with "same" padding, where a tap's runs for consecutive output rows
 * are copied as one run ({@code Im2Col.Plan.joined}), against a loop over every (tap, position):
 * padding slots stay zero, the fold adds only real positions, dilation and rectangular kernels.
 */
class Im2ColJoinedRunsTest {
  /** {kh, kw, ph, pw, dh, dw, h, w}. */
  private static final int[][] CASES = {
      {3, 3, 1, 1, 1, 1, 5, 6}, {3, 3, 1, 1, 1, 1, 1, 1}, {5, 5, 2, 2, 1, 1, 7, 4}, {1, 3, 0, 1, 1, 1, 3, 5},
      {3, 3, 2, 2, 2, 2, 6, 6}, {3, 1, 1, 0, 1, 1, 4, 2}, {2, 2, 1, 1, 2, 2, 5, 5},
  };

  @Test
  void matchesTheNaiveUnfoldAndFold() {
    Generator g = new Generator(3);
    for (int[] c : CASES) {
      Conv2dParams p = Conv2dParams.of(c[0], c[1]).padding(c[2], c[3]).dilation(c[4], c[5]);
      int h = c[6];
      int w = c[7];
      int outH = p.outputH(h);
      int outW = p.outputW(w);
      Tensor x = Tensor.randn(g, 2, 3, h, w);
      float[] xs = x.toFloatArray();
      int k = 3 * c[0] * c[1];
      int l = outH * outW;
      float[] expected = new float[2 * k * l];
      for (int n = 0; n < 2; n++) {
        for (int ch = 0; ch < 3; ch++) {
          for (int i = 0; i < c[0]; i++) {
            for (int j = 0; j < c[1]; j++) {
              int row = (ch * c[0] + i) * c[1] + j;
              for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                  int ih = oh + i * c[4] - c[2];
                  int iw = ow + j * c[5] - c[3];
                  if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                    expected[(n * k + row) * l + oh * outW + ow] = xs[((n * 3 + ch) * h + ih) * w + iw];
                  }
                }
              }
            }
          }
        }
      }
      String what = java.util.Arrays.toString(c);
      Tensor cols = Conv.unfold(x, p);
      assertArrayEquals(expected, cols.toFloatArray(), what + ": unfold");
      // Fold is unfold's adjoint: <unfold(x), r> == <x, fold(r)> with the same products, summed in double.
      Tensor r = Tensor.randn(g, cols.shape());
      Tensor folded = Conv.fold(r, h, w, p);
      float[] rs = r.toFloatArray();
      float[] fs = folded.toFloatArray();
      float[] naive = new float[xs.length];
      for (int n = 0; n < 2; n++) {
        for (int ch = 0; ch < 3; ch++) {
          for (int i = 0; i < c[0]; i++) {
            for (int j = 0; j < c[1]; j++) {
              int row = (ch * c[0] + i) * c[1] + j;
              for (int oh = 0; oh < outH; oh++) {
                for (int ow = 0; ow < outW; ow++) {
                  int ih = oh + i * c[4] - c[2];
                  int iw = ow + j * c[5] - c[3];
                  if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                    naive[((n * 3 + ch) * h + ih) * w + iw] += rs[(n * k + row) * l + oh * outW + ow];
                  }
                }
              }
            }
          }
        }
      }
      // Same adds in the same order per element (tap order), so equal bit for bit.
      assertArrayEquals(naive, fs, what + ": fold");
      assertTrue(folded.dtype() == DType.FLOAT32);
    }
  }
}
