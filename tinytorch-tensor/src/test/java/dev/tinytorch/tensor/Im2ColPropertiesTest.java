package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.tinytorch.tensor.testing.Gen;
import dev.tinytorch.tensor.testing.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link Conv#unfold} and {@link Conv#fold} on random geometries (kernel, stride, padding and
 * dilation per axis), both dtypes and random memory layouts, against a naive reference written
 * from PyTorch's definition; and fold as the adjoint of unfold, {@code <unfold(x), y> = <x, fold(y)>}.
 */
class Im2ColPropertiesTest {
  record UnfoldCase(Tensor x, Conv2dParams p) {}

  record FoldCase(Tensor cols, int outH, int outW, Conv2dParams p) {}

  record AdjointCase(Tensor x, Tensor y, Conv2dParams p) {}

  @Test
  void unfoldMatchesTheDefinitionOnRandomGeometriesAndViews() {
    Property.check("unfold matches the reference", 300, 71L, g -> {
      Conv2dParams p = params(g);
      int[] s = {Gen.intIn(g, 0, 2), Gen.intIn(g, 1, 3), size(g, p.kernelH(), p.dilationH(), p.paddingH()),
          size(g, p.kernelW(), p.dilationW(), p.paddingW())};
      Tensor x = Gen.tensor(g, Gen.dtype(g), s);
      return new UnfoldCase(Gen.bool(g) ? Gen.relayout(g, x) : x, p);
    }, c -> {
      Tensor cols = Conv.unfold(c.x(), c.p());
      assertEquals(c.x().dtype(), cols.dtype());
      Tensor expected = referenceUnfold(c.x(), c.p());
      assertArrayEquals(expected.shape(), cols.shape());
      // A copy, so bit-exact in either dtype.
      assertArrayEquals(expected.toDoubleArray(), cols.toDoubleArray());
    });
  }

  @Test
  void foldMatchesTheDefinitionOnRandomGeometriesAndViews() {
    Property.check("fold matches the reference", 300, 72L, g -> {
      Conv2dParams p = params(g);
      int h = size(g, p.kernelH(), p.dilationH(), p.paddingH());
      int w = size(g, p.kernelW(), p.dilationW(), p.paddingW());
      int[] s = {Gen.intIn(g, 0, 2), Gen.intIn(g, 1, 3) * p.kernelH() * p.kernelW(), p.outputH(h) * p.outputW(w)};
      Tensor cols = Gen.tensor(g, Gen.dtype(g), s);
      return new FoldCase(Gen.bool(g) ? Gen.relayout(g, cols) : cols, h, w, p);
    }, c -> {
      Tensor image = Conv.fold(c.cols(), c.outH(), c.outW(), c.p());
      assertEquals(c.cols().dtype(), image.dtype());
      Tensor expected = referenceFold(c.cols(), c.outH(), c.outW(), c.p());
      assertArrayEquals(expected.shape(), image.shape());
      // At most kh*kw terms per pixel, summed in another order than the reference's doubles.
      double tol = c.cols().dtype() == DType.FLOAT32 ? 1e-5 : 1e-12;
      assertArrayEquals(expected.toDoubleArray(), image.toDoubleArray(), tol);
    });
  }

  @Test
  void foldIsTheAdjointOfUnfold() {
    Property.check("<unfold(x), y> == <x, fold(y)>", 200, 73L, g -> {
      Conv2dParams p = params(g);
      int[] s = {Gen.intIn(g, 1, 2), Gen.intIn(g, 1, 3), size(g, p.kernelH(), p.dilationH(), p.paddingH()),
          size(g, p.kernelW(), p.dilationW(), p.paddingW())};
      Tensor x = Gen.tensor(g, DType.FLOAT64, s);
      int[] cols = {s[0], s[1] * p.kernelH() * p.kernelW(), p.outputH(s[2]) * p.outputW(s[3])};
      return new AdjointCase(x, Gen.tensor(g, DType.FLOAT64, cols), p);
    }, c -> {
      int h = c.x().size(2);
      int w = c.x().size(3);
      double left = Conv.unfold(c.x(), c.p()).mul(c.y()).sum().item();
      double right = c.x().mul(Conv.fold(c.y(), h, w, c.p())).sum().item();
      assertEquals(left, right, 1e-10 * (1 + Math.abs(left)));
    });
  }

  @Test
  void largeInputsSplitAcrossThreadsGiveTheSameResult() {
    // Above Im2Col.PARALLEL_ELEMENTS, so planes are spread over the fork-join pool.
    Generator g = new Generator(74);
    for (DType dtype : DType.values()) {
      Conv2dParams p = Conv2dParams.of(3).padding(1).stride(1, 2);
      Tensor x = Tensor.randn(g, dtype, 5, 8, 24, 30);
      Tensor cols = Conv.unfold(x, p);
      assertArrayEquals(new int[] {5, 72, 24 * 15}, cols.shape());
      assertArrayEquals(referenceUnfold(x, p).toDoubleArray(), cols.toDoubleArray());
      Tensor image = Conv.fold(cols, 24, 30, p);
      assertArrayEquals(referenceFold(cols, 24, 30, p).toDoubleArray(), image.toDoubleArray(),
          dtype == DType.FLOAT32 ? 1e-4 : 1e-12);
    }
  }

  @Test
  void oneByOneKernelIsAFreshReshapedCopy() {
    Tensor x = Im2ColTest.arange(24, 1, 0, 2, 3, 2, 2);
    Tensor cols = Conv.unfold(x, Conv2dParams.of(1));
    assertArrayEquals(new int[] {2, 3, 4}, cols.shape());
    assertArrayEquals(x.toDoubleArray(), cols.toDoubleArray());
    cols.fill(-1);
    assertEquals(0.0, x.get(0, 0, 0, 0));
    Tensor back = Conv.fold(cols, 2, 2, Conv2dParams.of(1));
    assertNotSame(cols, back);
    assertArrayEquals(new int[] {2, 3, 2, 2}, back.shape());
  }

  @Test
  void expandedInputsAreReadThroughTheirStrides() {
    // One row broadcast over H and a channel broadcast over C: stride-0 dims.
    Tensor row = Im2ColTest.arange(4, 1, 0, 1, 1, 1, 4);
    Tensor x = row.expand(2, 3, 3, 4);
    Conv2dParams p = Conv2dParams.of(2).padding(1).stride(2);
    assertArrayEquals(referenceUnfold(x, p).toDoubleArray(), Conv.unfold(x, p).toDoubleArray());
    assertArrayEquals(Conv.unfold(x.contiguous(), p).toDoubleArray(), Conv.unfold(x, p).toDoubleArray());
  }

  // ------------------------------------------------------------------ generators

  /** Kernel 1..4, stride 1..3, padding 0..2, dilation 1..3, each per axis. */
  private static Conv2dParams params(Generator g) {
    return Conv2dParams.of(Gen.intIn(g, 1, 4), Gen.intIn(g, 1, 4))
        .stride(Gen.intIn(g, 1, 3), Gen.intIn(g, 1, 3))
        .padding(Gen.intIn(g, 0, 2), Gen.intIn(g, 0, 2))
        .dilation(Gen.intIn(g, 1, 3), Gen.intIn(g, 1, 3));
  }

  /** An input size at which the window fits at least once: from the tightest fit up to 6 more. */
  private static int size(Generator g, int k, int d, int pad) {
    int least = Math.max(1, d * (k - 1) + 1 - 2 * pad);
    return Gen.intIn(g, least, least + 6);
  }

  // ------------------------------------------------------------------ the definition, element by element

  /** {@code out[n, c*kh*kw + i*kw + j, oh*outW + ow] = x[n, c, oh*sh - ph + i*dh, ow*sw - pw + j*dw]} or 0. */
  static Tensor referenceUnfold(Tensor x, Conv2dParams p) {
    int n = x.size(0);
    int c = x.size(1);
    int h = x.size(2);
    int w = x.size(3);
    int outH = p.outputH(h);
    int outW = p.outputW(w);
    int kh = p.kernelH();
    int kw = p.kernelW();
    int rows = c * kh * kw;
    int l = outH * outW;
    double[] out = new double[n * rows * l];
    for (int b = 0; b < n; b++) {
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < kh; i++) {
          for (int j = 0; j < kw; j++) {
            int row = ch * kh * kw + i * kw + j;
            for (int oh = 0; oh < outH; oh++) {
              for (int ow = 0; ow < outW; ow++) {
                int ih = oh * p.strideH() - p.paddingH() + i * p.dilationH();
                int iw = ow * p.strideW() - p.paddingW() + j * p.dilationW();
                boolean inside = ih >= 0 && ih < h && iw >= 0 && iw < w;
                out[(b * rows + row) * l + oh * outW + ow] = inside ? x.get(b, ch, ih, iw) : 0;
              }
            }
          }
        }
      }
    }
    return Tensor.of(out, n, rows, l);
  }

  /** {@code image[n, c, ih, iw] = sum of cols[n, row, col]} over the (row, col) that unfold reads from there. */
  static Tensor referenceFold(Tensor cols, int h, int w, Conv2dParams p) {
    int n = cols.size(0);
    int kh = p.kernelH();
    int kw = p.kernelW();
    int c = cols.size(1) / (kh * kw);
    int outH = p.outputH(h);
    int outW = p.outputW(w);
    double[] image = new double[n * c * h * w];
    for (int b = 0; b < n; b++) {
      for (int ch = 0; ch < c; ch++) {
        for (int i = 0; i < kh; i++) {
          for (int j = 0; j < kw; j++) {
            int row = ch * kh * kw + i * kw + j;
            for (int oh = 0; oh < outH; oh++) {
              for (int ow = 0; ow < outW; ow++) {
                int ih = oh * p.strideH() - p.paddingH() + i * p.dilationH();
                int iw = ow * p.strideW() - p.paddingW() + j * p.dilationW();
                if (ih >= 0 && ih < h && iw >= 0 && iw < w) {
                  image[((b * c + ch) * h + ih) * w + iw] += cols.get(b, row, oh * outW + ow);
                }
              }
            }
          }
        }
      }
    }
    return Tensor.of(image, n, c, h, w);
  }
}
