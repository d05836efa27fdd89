package dev.tinytorch.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Tensor.toString against the strings PyTorch 1.13 prints for the same values. */
class TensorFormatTest {
  private static final double NAN = Double.NaN;
  private static final double INF = Double.POSITIVE_INFINITY;

  /** The values {@code i * a + b} for i in [0, n), as tools/golden/format.py's seq builds them. */
  private static Tensor seq(int n, double a, double b, DType dtype) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i * a + b;
    }
    return Tensor.of(v).to(dtype);
  }

  private static Tensor seq(int n, double a, double b) {
    return seq(n, a, b, DType.FLOAT32);
  }

  private static Tensor f32(double... v) {
    return Tensor.of(v).to(DType.FLOAT32);
  }

  @Test
  void matricesAndScalars() {
    assertEquals(MATRIX, Tensor.of(new float[][] {{1, 2}, {3, 4}}).toString());
    assertEquals(MATRIX_F64, Tensor.of(new double[][] {{1, 2}, {3, 4}}).toString());
    assertEquals(SCALAR, Tensor.scalar(3).toString());
    assertEquals(SCALAR_F64, Tensor.scalar(2.5, DType.FLOAT64).toString());
    assertEquals(SCALAR_NEG_SMALL, Tensor.scalar(-1.5e-7).toString());
    assertEquals(ONE_ELEMENT, f32(5).toString());
  }

  @Test
  void emptyTensorsShowTheirSizeUnlessPlain1d() {
    assertEquals(EMPTY, Tensor.zeros(0).toString());
    assertEquals(EMPTY_0x3, Tensor.zeros(0, 3).toString());
    assertEquals(EMPTY_2x0_F64, Tensor.zeros(DType.FLOAT64, 2, 0).toString());
  }

  @Test
  void fixedPointPaddingAndRounding() {
    assertEquals(FRACTIONS, f32(1.5, -2.25, 3.14159).toString());
    assertEquals(TENTHS, f32(0.1, 0.2, 0.3).toString());
    assertEquals(NEGATIVE_PADDING, Tensor.of(new float[][] {{-1.5f, 2}, {3, -40.25f}}).toString());
    assertEquals(ROUND_HALF_EVEN_FIXED_F64, Tensor.of(new double[] {0.03125, 0.15625, 1.00005, 2.71828}).toString());
  }

  @Test
  void scientificWhenTorchUsesIt() {
    assertEquals(SCI_SMALL, f32(1e-5, 1.0).toString());
    assertEquals(SCI_RATIO, f32(1.0, 2000.5).toString());
    assertEquals(SCI_MIXED_SIGNS, f32(-1.2345e-8, 3.0e5, 0.0).toString());
    assertEquals(INT_SCI_RATIO, f32(1.0, 10000.0).toString());
    assertEquals(INT_SCI_BIG, f32(1e9, 1.0).toString());
    assertEquals(ROUND_HALF_EVEN_F64, Tensor.of(new double[] {0.125, 1.00005, 2.00015, 0.00015}).toString());
  }

  @Test
  void integerValuedFloatsZerosAndNonFinite() {
    assertEquals(INT_NEGATIVE, f32(-1, 20, 300).toString());
    assertEquals(NEGATIVE_ZERO, f32(-0.0, 1.0).toString());
    assertEquals(NEGATIVE_ZERO_FIXED, Tensor.of(new float[][] {{-0.0f, 0.5f}}).toString());
    assertEquals(NONFINITE, f32(NAN, INF, -INF, 1.5).toString());
    assertEquals(NONFINITE_INT, f32(NAN, INF, -INF, 2.0).toString());
    assertEquals(ONLY_NAN, f32(NAN).toString());
    assertEquals(ZEROS, Tensor.zeros(3).toString());
  }

  @Test
  void longRowsWrapAtEightyColumnsAndHigherRanksGetBlankLines() {
    assertEquals(WRAPPED_VECTOR, seq(30, 1.5, 0.25).toString());
    assertEquals(WRAPPED_ROWS, seq(60, 0.731, -20.0).reshape(2, 30).toString());
    assertEquals(CUBE, seq(24, 1.0, 0.0).reshape(2, 3, 4).toString());
    assertEquals(RANK4, seq(16, 0.5, -4.0).reshape(2, 2, 2, 2).toString());
  }

  @Test
  void bigTensorsShowThreeEdgeItemsPerDim() {
    assertEquals(SUMMARY_1D, seq(2000, 1.0, 0.0).toString());
    assertEquals(SUMMARY_2D, seq(2000, 0.37, -100.0).reshape(40, 50).toString());
    assertEquals(SUMMARY_3D, seq(1331, 1.0, 0.0).reshape(11, 11, 11).toString());
    assertEquals(SUMMARY_NARROW, seq(1002, 0.25, 0.0).reshape(501, 2).toString());
    assertEquals(SUMMARY_F64, seq(1001, 0.001, 0.0, DType.FLOAT64).toString());
  }

  @Test
  void summaryStartsAboveAThousandElements() {
    // 1000 elements is at torch's threshold, not above it: printed in full.
    String full = Tensor.zeros(1000).toString();
    assertEquals(1000, full.split("0\\.").length - 1);
    assertEquals("tensor([0., 0., 0.,  ..., 0., 0., 0.])", Tensor.zeros(1001).toString());
  }

  @Test
  void stridedViewsPrintTheirLogicalOrder() {
    assertEquals(TRANSPOSED, seq(6, 1.0, 1.0).reshape(2, 3).t().toString());
    assertEquals(EXPANDED, f32(1, 2).expand(3, 2).toString());
  }

  @Test
  void gradientSuffixes() {
    assertEquals(REQUIRES_GRAD, f32(1, 2).requiresGrad(true).toString());
    assertEquals(REQUIRES_GRAD_F64, Tensor.of(new double[][] {{1, 2}}).requiresGrad(true).toString());
    Tensor product = Tensor.of(new double[] {2, 4}).setGradFn(() -> "MulBackward0");
    assertEquals(GRAD_FN, product.toString());
  }

  @Test
  void suffixesMoveToANewLinePastEightyColumns() {
    assertEquals(SUFFIX_WRAP, seq(7, 1.12345, 1234.5, DType.FLOAT64).toString());
    assertEquals(SUFFIX_WRAP_SHORT, seq(5, 1.12345, 1234.5, DType.FLOAT64).toString());
    assertEquals(SUFFIX_FITS, seq(4, 1.12345, 1234.5, DType.FLOAT64).toString());
    assertEquals(SUFFIX_WRAP_GRAD, seq(7, 1.12345, 1234.5, DType.FLOAT64).requiresGrad(true).toString());
  }

  @Test
  void pythonNumberFormatting() {
    assertEquals("0.1250", TensorFormat.plain(0.125, 4));
    assertEquals("0.0312", TensorFormat.plain(0.03125, 4));
    assertEquals("-0.0000", TensorFormat.plain(-1e-9, 4));
    assertEquals("-0", TensorFormat.plain(-0.0, 0));
    assertEquals("1.0000e+01", TensorFormat.scientific(9.99996));
    assertEquals("1.2346e+300", TensorFormat.scientific(1.23456e300));
    assertEquals("-4.9407e-324", TensorFormat.scientific(-Double.MIN_VALUE));
    assertEquals("0.0000e+00", TensorFormat.scientific(0.0));
  }

  // Produced by /usr/bin/python3 tools/golden/format.py (PyTorch 1.13); regenerate there, do not edit by hand.
  static final String MATRIX =
      "tensor([[1., 2.],\n        [3., 4.]])";
  static final String MATRIX_F64 =
      "tensor([[1., 2.],\n        [3., 4.]], dtype=FLOAT64)";
  static final String SCALAR =
      "tensor(3.)";
  static final String SCALAR_F64 =
      "tensor(2.5000, dtype=FLOAT64)";
  static final String SCALAR_NEG_SMALL =
      "tensor(-1.5000e-07)";
  static final String ONE_ELEMENT =
      "tensor([5.])";
  static final String EMPTY =
      "tensor([])";
  static final String EMPTY_0x3 =
      "tensor([], size=(0, 3))";
  static final String EMPTY_2x0_F64 =
      "tensor([], size=(2, 0), dtype=FLOAT64)";
  static final String FRACTIONS =
      "tensor([ 1.5000, -2.2500,  3.1416])";
  static final String TENTHS =
      "tensor([0.1000, 0.2000, 0.3000])";
  static final String NEGATIVE_PADDING =
      "tensor([[ -1.5000,   2.0000],\n        [  3.0000, -40.2500]])";
  static final String SCI_SMALL =
      "tensor([1.0000e-05, 1.0000e+00])";
  static final String SCI_RATIO =
      "tensor([1.0000e+00, 2.0005e+03])";
  static final String SCI_MIXED_SIGNS =
      "tensor([-1.2345e-08,  3.0000e+05,  0.0000e+00])";
  static final String INT_SCI_RATIO =
      "tensor([1.0000e+00, 1.0000e+04])";
  static final String INT_SCI_BIG =
      "tensor([1.0000e+09, 1.0000e+00])";
  static final String INT_NEGATIVE =
      "tensor([ -1.,  20., 300.])";
  static final String NEGATIVE_ZERO =
      "tensor([-0., 1.])";
  static final String NEGATIVE_ZERO_FIXED =
      "tensor([[-0.0000, 0.5000]])";
  static final String NONFINITE =
      "tensor([   nan,    inf,   -inf, 1.5000])";
  static final String NONFINITE_INT =
      "tensor([nan, inf, -inf, 2.])";
  static final String ONLY_NAN =
      "tensor([nan])";
  static final String ZEROS =
      "tensor([0., 0., 0.])";
  static final String ROUND_HALF_EVEN_F64 =
      "tensor([1.2500e-01, 1.0001e+00, 2.0002e+00, 1.5000e-04], dtype=FLOAT64)";
  static final String ROUND_HALF_EVEN_FIXED_F64 =
      "tensor([0.0312, 0.1562, 1.0001, 2.7183], dtype=FLOAT64)";
  static final String WRAPPED_VECTOR =
      "tensor([ 0.2500,  1.7500,  3.2500,  4.7500,  6.2500,  7.7500,  9.2500, 10.7500,\n        12.2500, 13.7500, 15.2500, 16.7500, 18.2500, 19.7500, 21.2500, 22.7500,\n        24.2500, 25.7500, 27.2500, 28.7500, 30.2500, 31.7500, 33.2500, 34.7500,\n        36.2500, 37.7500, 39.2500, 40.7500, 42.2500, 43.7500])";
  static final String WRAPPED_ROWS =
      "tensor([[-20.0000, -19.2690, -18.5380, -17.8070, -17.0760, -16.3450, -15.6140,\n         -14.8830, -14.1520, -13.4210, -12.6900, -11.9590, -11.2280, -10.4970,\n          -9.7660,  -9.0350,  -8.3040,  -7.5730,  -6.8420,  -6.1110,  -5.3800,\n          -4.6490,  -3.9180,  -3.1870,  -2.4560,  -1.7250,  -0.9940,  -0.2630,\n           0.4680,   1.1990],\n        [  1.9300,   2.6610,   3.3920,   4.1230,   4.8540,   5.5850,   6.3160,\n           7.0470,   7.7780,   8.5090,   9.2400,   9.9710,  10.7020,  11.4330,\n          12.1640,  12.8950,  13.6260,  14.3570,  15.0880,  15.8190,  16.5500,\n          17.2810,  18.0120,  18.7430,  19.4740,  20.2050,  20.9360,  21.6670,\n          22.3980,  23.1290]])";
  static final String CUBE =
      "tensor([[[ 0.,  1.,  2.,  3.],\n         [ 4.,  5.,  6.,  7.],\n         [ 8.,  9., 10., 11.]],\n\n        [[12., 13., 14., 15.],\n         [16., 17., 18., 19.],\n         [20., 21., 22., 23.]]])";
  static final String RANK4 =
      "tensor([[[[-4.0000, -3.5000],\n          [-3.0000, -2.5000]],\n\n         [[-2.0000, -1.5000],\n          [-1.0000, -0.5000]]],\n\n\n        [[[ 0.0000,  0.5000],\n          [ 1.0000,  1.5000]],\n\n         [[ 2.0000,  2.5000],\n          [ 3.0000,  3.5000]]]])";
  static final String SUMMARY_1D =
      "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])";
  static final String SUMMARY_2D =
      "tensor([[-100.0000,  -99.6300,  -99.2600,  ...,  -82.6100,  -82.2400,\n          -81.8700],\n        [ -81.5000,  -81.1300,  -80.7600,  ...,  -64.1100,  -63.7400,\n          -63.3700],\n        [ -63.0000,  -62.6300,  -62.2600,  ...,  -45.6100,  -45.2400,\n          -44.8700],\n        ...,\n        [ 584.5000,  584.8700,  585.2400,  ...,  601.8900,  602.2600,\n          602.6300],\n        [ 603.0000,  603.3700,  603.7400,  ...,  620.3900,  620.7600,\n          621.1300],\n        [ 621.5000,  621.8700,  622.2400,  ...,  638.8900,  639.2600,\n          639.6300]])";
  static final String SUMMARY_3D =
      "tensor([[[0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 8.0000e+00,\n          9.0000e+00, 1.0000e+01],\n         [1.1000e+01, 1.2000e+01, 1.3000e+01,  ..., 1.9000e+01,\n          2.0000e+01, 2.1000e+01],\n         [2.2000e+01, 2.3000e+01, 2.4000e+01,  ..., 3.0000e+01,\n          3.1000e+01, 3.2000e+01],\n         ...,\n         [8.8000e+01, 8.9000e+01, 9.0000e+01,  ..., 9.6000e+01,\n          9.7000e+01, 9.8000e+01],\n         [9.9000e+01, 1.0000e+02, 1.0100e+02,  ..., 1.0700e+02,\n          1.0800e+02, 1.0900e+02],\n         [1.1000e+02, 1.1100e+02, 1.1200e+02,  ..., 1.1800e+02,\n          1.1900e+02, 1.2000e+02]],\n\n        [[1.2100e+02, 1.2200e+02, 1.2300e+02,  ..., 1.2900e+02,\n          1.3000e+02, 1.3100e+02],\n         [1.3200e+02, 1.3300e+02, 1.3400e+02,  ..., 1.4000e+02,\n          1.4100e+02, 1.4200e+02],\n         [1.4300e+02, 1.4400e+02, 1.4500e+02,  ..., 1.5100e+02,\n          1.5200e+02, 1.5300e+02],\n         ...,\n         [2.0900e+02, 2.1000e+02, 2.1100e+02,  ..., 2.1700e+02,\n          2.1800e+02, 2.1900e+02],\n         [2.2000e+02, 2.2100e+02, 2.2200e+02,  ..., 2.2800e+02,\n          2.2900e+02, 2.3000e+02],\n         [2.3100e+02, 2.3200e+02, 2.3300e+02,  ..., 2.3900e+02,\n          2.4000e+02, 2.4100e+02]],\n\n        [[2.4200e+02, 2.4300e+02, 2.4400e+02,  ..., 2.5000e+02,\n          2.5100e+02, 2.5200e+02],\n         [2.5300e+02, 2.5400e+02, 2.5500e+02,  ..., 2.6100e+02,\n          2.6200e+02, 2.6300e+02],\n         [2.6400e+02, 2.6500e+02, 2.6600e+02,  ..., 2.7200e+02,\n          2.7300e+02, 2.7400e+02],\n         ...,\n         [3.3000e+02, 3.3100e+02, 3.3200e+02,  ..., 3.3800e+02,\n          3.3900e+02, 3.4000e+02],\n         [3.4100e+02, 3.4200e+02, 3.4300e+02,  ..., 3.4900e+02,\n          3.5000e+02, 3.5100e+02],\n         [3.5200e+02, 3.5300e+02, 3.5400e+02,  ..., 3.6000e+02,\n          3.6100e+02, 3.6200e+02]],\n\n        ...,\n\n        [[9.6800e+02, 9.6900e+02, 9.7000e+02,  ..., 9.7600e+02,\n          9.7700e+02, 9.7800e+02],\n         [9.7900e+02, 9.8000e+02, 9.8100e+02,  ..., 9.8700e+02,\n          9.8800e+02, 9.8900e+02],\n         [9.9000e+02, 9.9100e+02, 9.9200e+02,  ..., 9.9800e+02,\n          9.9900e+02, 1.0000e+03],\n         ...,\n         [1.0560e+03, 1.0570e+03, 1.0580e+03,  ..., 1.0640e+03,\n          1.0650e+03, 1.0660e+03],\n         [1.0670e+03, 1.0680e+03, 1.0690e+03,  ..., 1.0750e+03,\n          1.0760e+03, 1.0770e+03],\n         [1.0780e+03, 1.0790e+03, 1.0800e+03,  ..., 1.0860e+03,\n          1.0870e+03, 1.0880e+03]],\n\n        [[1.0890e+03, 1.0900e+03, 1.0910e+03,  ..., 1.0970e+03,\n          1.0980e+03, 1.0990e+03],\n         [1.1000e+03, 1.1010e+03, 1.1020e+03,  ..., 1.1080e+03,\n          1.1090e+03, 1.1100e+03],\n         [1.1110e+03, 1.1120e+03, 1.1130e+03,  ..., 1.1190e+03,\n          1.1200e+03, 1.1210e+03],\n         ...,\n         [1.1770e+03, 1.1780e+03, 1.1790e+03,  ..., 1.1850e+03,\n          1.1860e+03, 1.1870e+03],\n         [1.1880e+03, 1.1890e+03, 1.1900e+03,  ..., 1.1960e+03,\n          1.1970e+03, 1.1980e+03],\n         [1.1990e+03, 1.2000e+03, 1.2010e+03,  ..., 1.2070e+03,\n          1.2080e+03, 1.2090e+03]],\n\n        [[1.2100e+03, 1.2110e+03, 1.2120e+03,  ..., 1.2180e+03,\n          1.2190e+03, 1.2200e+03],\n         [1.2210e+03, 1.2220e+03, 1.2230e+03,  ..., 1.2290e+03,\n          1.2300e+03, 1.2310e+03],\n         [1.2320e+03, 1.2330e+03, 1.2340e+03,  ..., 1.2400e+03,\n          1.2410e+03, 1.2420e+03],\n         ...,\n         [1.2980e+03, 1.2990e+03, 1.3000e+03,  ..., 1.3060e+03,\n          1.3070e+03, 1.3080e+03],\n         [1.3090e+03, 1.3100e+03, 1.3110e+03,  ..., 1.3170e+03,\n          1.3180e+03, 1.3190e+03],\n         [1.3200e+03, 1.3210e+03, 1.3220e+03,  ..., 1.3280e+03,\n          1.3290e+03, 1.3300e+03]]])";
  static final String SUMMARY_NARROW =
      "tensor([[0.0000e+00, 2.5000e-01],\n        [5.0000e-01, 7.5000e-01],\n        [1.0000e+00, 1.2500e+00],\n        ...,\n        [2.4900e+02, 2.4925e+02],\n        [2.4950e+02, 2.4975e+02],\n        [2.5000e+02, 2.5025e+02]])";
  static final String SUMMARY_F64 =
      "tensor([0.0000, 0.0010, 0.0020,  ..., 0.9980, 0.9990, 1.0000], dtype=FLOAT64)";
  static final String TRANSPOSED =
      "tensor([[1., 4.],\n        [2., 5.],\n        [3., 6.]])";
  static final String EXPANDED =
      "tensor([[1., 2.],\n        [1., 2.],\n        [1., 2.]])";
  static final String REQUIRES_GRAD =
      "tensor([1., 2.], requires_grad=True)";
  static final String REQUIRES_GRAD_F64 =
      "tensor([[1., 2.]], dtype=FLOAT64, requires_grad=True)";
  static final String GRAD_FN =
      "tensor([2., 4.], dtype=FLOAT64, grad_fn=<MulBackward0>)";
  static final String SUFFIX_WRAP =
      "tensor([1234.5000, 1235.6235, 1236.7469, 1237.8703, 1238.9938, 1240.1173,\n        1241.2407], dtype=FLOAT64)";
  static final String SUFFIX_WRAP_SHORT =
      "tensor([1234.5000, 1235.6235, 1236.7469, 1237.8703, 1238.9938], dtype=FLOAT64)";
  static final String SUFFIX_FITS =
      "tensor([1234.5000, 1235.6235, 1236.7469, 1237.8703], dtype=FLOAT64)";
  static final String SUFFIX_WRAP_GRAD =
      "tensor([1234.5000, 1235.6235, 1236.7469, 1237.8703, 1238.9938, 1240.1173,\n        1241.2407], dtype=FLOAT64, requires_grad=True)";
}
