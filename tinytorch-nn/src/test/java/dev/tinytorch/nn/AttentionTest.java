package dev.tinytorch.nn;

import static dev.tinytorch.nn.testing.GradProperties.x;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.nn.functional.F;
import dev.tinytorch.nn.functional.MaskType;
import dev.tinytorch.nn.testing.GradProperties;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Multi-head and scaled dot-product attention: gradient properties, the layer's options and bad input. */
class AttentionTest {
  /** A 0/1 mask of {@code shape} (last dim S) that never masks key 0, so no row is fully masked. */
  private static Tensor booleanMask(Generator g, int... shape) {
    int n = 1;
    for (int s : shape) {
      n *= s;
    }
    int keys = shape[shape.length - 1];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i % keys != 0 && Gen.bool(g) ? 1 : 0;
    }
    return Tensor.of(v, shape);
  }

  /** heads 1..3, head dim 1..2, B 1..2, T 1..3, S 1..4; self or cross; no mask, boolean, additive, causal. */
  private static GradProperties.Case multiHead(Generator g) {
    int heads = Gen.intIn(g, 1, 3);
    int e = heads * Gen.intIn(g, 1, 2);
    int b = Gen.intIn(g, 1, 2);
    int t = Gen.intIn(g, 1, 3);
    boolean self = Gen.bool(g);
    int s = self ? t : Gen.intIn(g, 1, 4);
    boolean causal = Gen.chance(g, 0.3);
    int kind = Gen.intIn(g, 0, 3);
    Tensor mask = switch (kind) {
      case 1 -> booleanMask(g, t, s);
      case 2 -> booleanMask(g, b, 1, 1, s);
      case 3 -> Tensor.rand(g, DType.FLOAT64, b * heads, t, s).mul(4).sub(2);
      default -> null;
    };
    MaskType type = kind == 3 ? MaskType.ADDITIVE : MaskType.BOOLEAN;
    String what = (self ? "self" : "cross") + "-attention E " + e + " heads " + heads + " B " + b + " T " + t + " S " + s
        + " mask " + (mask == null ? "none" : type + " " + java.util.Arrays.toString(mask.shape())) + (causal ? " causal" : "");
    Tensor inW = x(g, e, 3 * e);
    Tensor inB = x(g, 3 * e);
    Tensor outW = x(g, e, e);
    Tensor outB = x(g, e);
    if (self) {
      return GradProperties.of(what, in -> F.multiHeadAttention(in[0], in[0], in[0], heads, in[1], in[2], in[3], in[4],
          mask, type, causal), x(g, b, t, e), inW, inB, outW, outB);
    }
    return GradProperties.of(what, in -> F.multiHeadAttention(in[0], in[1], in[2], heads, in[3], in[4], in[5], in[6],
        mask, type, causal), x(g, b, t, e), x(g, b, s, e), x(g, b, s, e), inW, inB, outW, outB);
  }

  @Test
  void multiHeadGradientsOfInputsAndEveryParameter() {
    GradProperties.check("multiHeadAttention", 100, 2020, AttentionTest::multiHead);
  }

  /** [..., T, d] with 0..2 batch dims, broadcast between q and k/v sometimes, and a mask or causal. */
  private static GradProperties.Case sdpa(Generator g) {
    int[] batch = Gen.shape(g, 2, 2);
    int t = Gen.intIn(g, 1, 3);
    int s = Gen.intIn(g, 1, 3);
    int d = Gen.intIn(g, 1, 3);
    int dv = Gen.intIn(g, 1, 3);
    int[] kvBatch = Gen.bool(g) ? batch : new int[0];
    boolean causal = Gen.bool(g);
    Tensor mask = Gen.bool(g) ? booleanMask(g, t, s) : null;
    String what = "sdpa batch " + java.util.Arrays.toString(batch) + " kv batch " + java.util.Arrays.toString(kvBatch)
        + " T " + t + " S " + s + " d " + d + " dv " + dv + (mask != null ? " masked" : "") + (causal ? " causal" : "");
    return GradProperties.of(what, in -> F.scaledDotProductAttention(in[0], in[1], in[2], mask, causal),
        x(g, concat(batch, t, d)), x(g, concat(kvBatch, s, d)), x(g, concat(kvBatch, s, dv)));
  }

  private static int[] concat(int[] batch, int a, int b) {
    int[] out = java.util.Arrays.copyOf(batch, batch.length + 2);
    out[batch.length] = a;
    out[batch.length + 1] = b;
    return out;
  }

  @Test
  void scaledDotProductGradients() {
    GradProperties.check("scaledDotProductAttention", 100, 2021, AttentionTest::sdpa);
  }

  @Test
  void scaledDotProductSecondOrder() {
    GradProperties.checkSecondOrder("scaledDotProductAttention", 10, 2022, AttentionTest::sdpa);
  }

  @Test
  void scaledDotProductIsTheFormulaWrittenOut() {
    Generator g = new Generator(3);
    Tensor q = Tensor.randn(g, DType.FLOAT64, 2, 3, 4);
    Tensor k = Tensor.randn(g, DType.FLOAT64, 2, 5, 4);
    Tensor v = Tensor.randn(g, DType.FLOAT64, 2, 5, 2);
    Tensor bias = Tensor.randn(g, DType.FLOAT64, 3, 5);
    Tensor expected = q.matmul(k.transpose(1, 2)).div(2).add(bias).softmax(-1).matmul(v);
    assertTrue(F.scaledDotProductAttention(q, k, v, bias, MaskType.ADDITIVE, false).allClose(expected, 1e-12, 1e-12));
    // Causal with S > T is aligned at the top left: query i sees keys 0..i.
    Tensor w = F.attentionWeights(q, k, null, MaskType.BOOLEAN, true);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 5; j++) {
        assertEquals(j > i, w.get(1, i, j) == 0, "weight (" + i + ", " + j + ")");
      }
      assertEquals(1, w.sum(-1).get(1, i), 1e-12);
    }
  }

  @Test
  void parameterNamesShapesAndPyTorchsInit() {
    MultiHeadAttention m = new MultiHeadAttention(8, 2, true, new Generator(4));
    assertEquals(List.of("in_proj_weight", "in_proj_bias", "out_proj.weight", "out_proj.bias"),
        List.copyOf(m.namedParameters().keySet()));
    assertArrayEquals(new int[] {8, 24}, m.inProjWeight().shape());
    assertArrayEquals(new int[] {24}, m.inProjBias().shape());
    assertArrayEquals(new int[] {8, 8}, m.outProj().weight().shape());
    assertEquals(0, m.inProjBias().abs().max().item());
    assertEquals(0, m.outProj().bias().abs().max().item());
    double xavier = Math.sqrt(6.0 / (8 + 24));
    assertTrue(m.inProjWeight().abs().max().item() <= xavier);
    assertTrue(m.inProjWeight().abs().max().item() > 0.9 * xavier);
    assertTrue(m.outProj().weight().abs().max().item() <= 1 / Math.sqrt(8));
    assertEquals(4, m.headDim());
    assertEquals(8 * 24 + 24 + 64 + 8, m.parameterCount());

    MultiHeadAttention plain = new MultiHeadAttention(4, 4, false);
    assertEquals(List.of("in_proj_weight", "out_proj.weight"), List.copyOf(plain.namedParameters().keySet()));
    assertNull(plain.inProjBias());
    assertArrayEquals(new int[] {2, 3, 4}, plain.forward(Tensor.randn(new Generator(1), 2, 3, 4)).shape());
  }

  @Test
  void dropoutActsOnlyInTrainingAndIsSeeded() {
    Tensor x = Tensor.randn(new Generator(2), 2, 4, 6);
    MultiHeadAttention a = MultiHeadAttention.builder(6, 3).dropout(0.5).generator(new Generator(7)).build();
    MultiHeadAttention b = MultiHeadAttention.builder(6, 3).dropout(0.5).generator(new Generator(7)).build();
    Tensor ya = a.forward(x);
    assertTrue(ya.equal(b.forward(x)), "the same seed drops the same weights");
    a.eval();
    MultiHeadAttention noDrop = MultiHeadAttention.builder(6, 3).generator(new Generator(7)).build();
    assertTrue(a.forward(x).allClose(noDrop.forward(x), 1e-6, 1e-6), "eval mode has no dropout");
    assertFalse(ya.allClose(noDrop.forward(x), 1e-3, 1e-3), "training mode drops");
  }

  @Test
  void worksInFloat32AndPrints() {
    MultiHeadAttention m = MultiHeadAttention.builder(4, 2).causal(true).build();
    Tensor y = m.forward(Tensor.randn(new Generator(5), 1, 3, 4));
    assertEquals(DType.FLOAT32, y.dtype());
    assertTrue(m.isCausal());
    assertEquals("MultiHeadAttention(\n  embed_dim=4, num_heads=2, dropout=0.0, causal=true, bias=true\n"
        + "  (out_proj): Linear(in_features=4, out_features=4, bias=true)\n)", m.toString());
  }

  private static final class Block extends Module {
    final MultiHeadAttention attn = module("attn", new MultiHeadAttention(4, 2));

    @Override
    public Tensor forward(Tensor x) {
      return attn.forward(x);
    }
  }

  @Test
  void badInputNamesTheLayerTheShapesAndTheFix() {
    Block block = new Block();
    MultiHeadAttention m = block.attn;
    var width = assertThrows(IllegalArgumentException.class, () -> block.forward(Tensor.zeros(2, 3, 5)));
    assertTrue(width.getMessage().startsWith(
        "attn (MultiHeadAttention E=4, 2 heads): expects query [B, T, 4] (batch first), got [2, 3, 5]"), width.getMessage());
    var unbatched = assertThrows(IllegalArgumentException.class, () -> block.forward(Tensor.zeros(3, 4)));
    assertTrue(unbatched.getMessage().contains("unsqueeze(0)"), unbatched.getMessage());
    Tensor q = Tensor.zeros(2, 3, 4);
    var key = assertThrows(IllegalArgumentException.class, () -> m.forward(q, Tensor.zeros(1, 5, 4), Tensor.zeros(1, 5, 4), null));
    assertTrue(key.getMessage().contains("expects key [2, S, 4]"), key.getMessage());
    var value = assertThrows(IllegalArgumentException.class, () -> m.forward(q, Tensor.zeros(2, 5, 4), Tensor.zeros(2, 4, 4), null));
    assertTrue(value.getMessage().contains("value [2, 4, 4] must have the key's shape [2, 5, 4]"), value.getMessage());
    var mask = assertThrows(IllegalArgumentException.class,
        () -> m.forward(q, Tensor.zeros(2, 5, 4), Tensor.zeros(2, 5, 4), Tensor.zeros(3, 4)));
    assertTrue(mask.getMessage().contains("mask [3, 4] fits none of the shapes")
        && mask.getMessage().contains("[T, S] = [3, 5]") && mask.getMessage().contains("[B, 1, 1, S] = [2, 1, 1, 5]"),
        mask.getMessage());
    var fn = assertThrows(IllegalArgumentException.class, () -> F.scaledDotProductAttention(
        Tensor.zeros(2, 3, 4), Tensor.zeros(2, 5, 4), Tensor.zeros(2, 5, 4), Tensor.zeros(4, 5), false));
    assertTrue(fn.getMessage().contains("mask [4, 5] does not broadcast to the scores"), fn.getMessage());
    assertThrows(IllegalArgumentException.class, () -> F.scaledDotProductAttention(
        Tensor.zeros(3, 4), Tensor.zeros(5, 3), Tensor.zeros(5, 4), null, false));
    assertThrows(NullPointerException.class, () -> m.forward(q, null, q, null));
    assertThrows(NullPointerException.class, () -> m.forward(q, q, q, null, null));
  }

  @Test
  void embedDimNotDivisibleByHeads() {
    var e = assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(10, 3));
    assertEquals("MultiHeadAttention: embed dim 10 is not divisible by 3 heads (each head gets embedDim / numHeads "
        + "dims); pick a head count that divides 10, e.g. 1, 2, 5, 10", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new MultiHeadAttention(0, 1));
    assertThrows(IllegalArgumentException.class, () -> MultiHeadAttention.builder(4, 2).dropout(1).build());
    var fn = assertThrows(IllegalArgumentException.class, () -> F.multiHeadAttention(Tensor.zeros(1, 2, 6),
        Tensor.zeros(1, 2, 6), Tensor.zeros(1, 2, 6), 4, Tensor.zeros(6, 18), null, Tensor.zeros(6, 6), null,
        null, MaskType.BOOLEAN, false));
    assertTrue(fn.getMessage().contains("embed dim 6 is not divisible by 4 heads"), fn.getMessage());
  }
}
