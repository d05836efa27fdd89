package dev.tinytorch.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * A leaf's first grad is the pass's own gradient tensor when nothing else can reach it, else a
 * copy. Each case here would see a grad change behind its back (or change someone else's tensor)
 * if the copy were skipped wrongly; the last ones check that it is skipped where it can be.
 */
class EngineGradOwnershipTest {
  private static Tensor leaf(double... v) {
    return Tensor.of(v).requiresGrad(true);
  }

  /** Adds 100 to every element of {@code t} in place, as an optimizer or a user might. */
  private static void scribble(Tensor t) {
    try (var off = GradMode.off()) {
      t.addInPlace(Tensor.full(DType.FLOAT64, 100, t.shape()));
    }
  }

  private static void assertSeparate(Tensor a, Tensor b) {
    assertFalse(a.sharesStorage(b), "the two tensors share storage");
  }

  @Test
  void addSendsOneGradientToBothInputsButTheirGradsStaySeparate() {
    Tensor a = leaf(1, 2);
    Tensor b = leaf(3, 4);
    a.add(b).mul(Tensor.of(new double[] {2, 3})).sum().backward(); // AddBackward gets a fresh gradient
    assertSeparate(a.grad(), b.grad());
    scribble(a.grad());
    assertArrayEquals(new double[] {102, 103}, a.grad().toDoubleArray());
    assertArrayEquals(new double[] {2, 3}, b.grad().toDoubleArray());
  }

  @Test
  void theCallersGradientIsNeverALeafsGrad() {
    Tensor a = leaf(1, 2);
    Tensor b = leaf(3, 4);
    Tensor gradient = Tensor.of(new double[] {5, 6});
    a.add(b).backward(gradient);
    assertSeparate(a.grad(), gradient);
    assertSeparate(b.grad(), gradient);
    assertSeparate(a.grad(), b.grad());
    scribble(gradient);
    assertArrayEquals(new double[] {5, 6}, a.grad().toDoubleArray());
    assertArrayEquals(new double[] {5, 6}, b.grad().toDoubleArray());

    Tensor c = leaf(1, 2, 3, 4);
    Tensor viewGradient = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    c.reshape(2, 2).backward(viewGradient); // the rule returns a view of the caller's tensor
    assertSeparate(c.grad(), viewGradient);
    scribble(viewGradient);
    assertArrayEquals(new double[] {1, 2, 3, 4}, c.grad().toDoubleArray());

    Tensor root = leaf(7, 8);
    root.backward(gradient); // the root is the leaf: its grad is the gradient itself, copied
    assertSeparate(root.grad(), gradient);
    assertArrayEquals(new double[] {105, 106}, root.grad().toDoubleArray());
  }

  @Test
  void aGradientOfAnotherDtypeIsConvertedAndStillNotShared() {
    Tensor a = Tensor.of(new float[] {1, 2}).requiresGrad(true);
    Tensor gradient = Tensor.of(new double[] {0.5, 0.25});
    a.add(0.0).backward(gradient);
    assertEquals(DType.FLOAT32, a.grad().dtype());
    assertArrayEquals(new double[] {0.5, 0.25}, a.grad().toDoubleArray());
    Tensor root = Tensor.of(new float[] {1, 2}).requiresGrad(true);
    root.backward(gradient);
    assertEquals(DType.FLOAT32, root.grad().dtype());
    assertArrayEquals(new double[] {0.5, 0.25}, root.grad().toDoubleArray());
  }

  @Test
  void aLeafUsedTwiceGetsTheSum() {
    Tensor x = leaf(1, 2);
    x.add(x).mul(3).sum().backward();
    assertArrayEquals(new double[] {6, 6}, x.grad().toDoubleArray());
    Tensor y = leaf(1, 2);
    y.mul(y).sum().backward();
    assertArrayEquals(new double[] {2, 4}, y.grad().toDoubleArray());
    assertTrue(y.grad().spansStorage());
  }

  @Test
  void viewsOfOneFreshGradientReachingTwoLeavesAreCopied() {
    Tensor a = leaf(1, 2, 3, 4);
    Tensor b = leaf(5, 6, 7, 8);
    Tensor w = Tensor.of(new double[] {1, 2, 3, 4}, 2, 2);
    a.reshape(2, 2).add(b.reshape(2, 2)).mul(w).sum().backward();
    assertSeparate(a.grad(), b.grad());
    scribble(b.grad());
    assertArrayEquals(new double[] {1, 2, 3, 4}, a.grad().toDoubleArray());
    assertArrayEquals(new int[] {4}, a.grad().shape());
  }

  @Test
  void broadcastViewsAreNeverALeafsGrad() {
    Tensor a = leaf(1, 2, 3);
    a.sum().backward(); // SumBackward returns the root gradient expanded: one element, stride 0
    assertTrue(a.grad().spansStorage());
    try (var off = GradMode.off()) {
      a.grad().addInPlace(Tensor.of(new double[] {1, 2, 3}));
    }
    assertArrayEquals(new double[] {2, 3, 4}, a.grad().toDoubleArray());

    Tensor m = leaf(1, 2, 3);
    m.mean().backward(); // a fresh one-element gradient, expanded: ours, but not a plain buffer
    assertTrue(m.grad().spansStorage());
    try (var off = GradMode.off()) {
      m.grad().addInPlace(Tensor.of(new double[] {0, 1, 2}));
    }
    assertArrayEquals(new double[] {1 / 3.0, 1 + 1 / 3.0, 2 + 1 / 3.0}, m.grad().toDoubleArray(), 1e-15);

    Tensor e = leaf(1, 2, 3).reshape(1, 3).detach().requiresGrad(true);
    e.expand(2, 3).mul(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3)).sum().backward();
    assertArrayEquals(new double[] {5, 7, 9}, e.grad().toDoubleArray());
  }

  @Test
  void transposedAndNarrowedGradientsAreCopiedIntoPlainBuffers() {
    Tensor a = leaf(1, 2, 3, 4, 5, 6).reshape(2, 3).detach().requiresGrad(true);
    a.t().mul(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2)).sum().backward();
    assertTrue(a.grad().spansStorage());
    assertArrayEquals(new double[] {1, 3, 5, 2, 4, 6}, a.grad().toDoubleArray());

    Tensor p = leaf(1, 2);
    Tensor q = leaf(3, 4, 5);
    Tensor.cat(new Tensor[] {p, q}, 0).mul(Tensor.of(new double[] {1, 2, 3, 4, 5})).sum().backward();
    assertTrue(p.grad().spansStorage());
    assertTrue(q.grad().spansStorage());
    assertSeparate(p.grad(), q.grad());
    scribble(p.grad());
    assertArrayEquals(new double[] {3, 4, 5}, q.grad().toDoubleArray());

    Tensor only = leaf(3, 4, 5); // the only input needing grad: its narrow is ours, but a window on a bigger buffer
    Tensor.cat(new Tensor[] {Tensor.of(new double[] {1, 2}), only}, 0)
        .mul(Tensor.of(new double[] {1, 2, 3, 4, 5})).sum().backward();
    assertTrue(only.grad().spansStorage());
    assertArrayEquals(new double[] {3, 4, 5}, only.grad().toDoubleArray());
  }

  @Test
  void retainGraphTwiceAccumulatesIntoANewTensor() {
    Tensor a = leaf(1, 2);
    Tensor b = leaf(3, 4);
    Tensor y = a.add(b).mul(2).sum();
    y.backward(Tensor.onesLike(y), true, false);
    Tensor first = a.grad();
    y.backward(Tensor.onesLike(y), true, false);
    assertArrayEquals(new double[] {4, 4}, a.grad().toDoubleArray());
    assertArrayEquals(new double[] {4, 4}, b.grad().toDoubleArray());
    assertSeparate(a.grad(), b.grad());
    // Accumulation builds a new tensor (PyTorch adds in place; see BackwardPass.accumulateIntoLeaves).
    assertArrayEquals(new double[] {2, 2}, first.toDoubleArray());
  }

  @Test
  void createGraphGradsAreSeparateAndDifferentiable() {
    Tensor a = leaf(3.0);
    Tensor b = leaf(5.0);
    Tensor y = a.mul(a).mul(b).add(a.add(b));
    y.backward(Tensor.onesLike(y), false, true);
    assertEquals(2 * 3 * 5 + 1, a.grad().item()); // 2ab + 1
    assertEquals(9 + 1, b.grad().item()); // a^2 + 1
    assertTrue(a.grad().requiresGrad());
    assertSeparate(a.grad(), b.grad());
    assertEquals(2 * 5, Autograd.grad(a.grad(), a, false)[0].item()); // d(2ab+1)/da = 2b
    Tensor c = leaf(1.0, 2.0);
    Tensor d = leaf(3.0, 4.0);
    c.add(d).backward(Tensor.of(new double[] {1, 1}), false, true); // the same gradient to both
    assertSeparate(c.grad(), d.grad());
  }

  /** A user's identity rule that hands its gradOutput straight to both inputs. */
  static final class PassThrough extends Function {
    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].add(in[1]);
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
      return new Tensor[] {gradOutput, gradOutput};
    }
  }

  /** A user's (wrong) rule that returns a tensor it keeps. */
  static final class Constant extends Function {
    final Tensor kept = Tensor.of(new double[] {7, 8});

    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].clone();
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
      return new Tensor[] {kept};
    }
  }

  @Test
  void whatAUsersRuleReturnsIsAlwaysCopied() {
    Tensor a = leaf(1, 2);
    Tensor b = leaf(3, 4);
    new PassThrough().apply(a, b).mul(Tensor.of(new double[] {2, 3})).sum().backward();
    assertSeparate(a.grad(), b.grad());
    scribble(a.grad());
    assertArrayEquals(new double[] {2, 3}, b.grad().toDoubleArray());

    Tensor x = leaf(1, 2);
    Constant rule = new Constant();
    rule.apply(x).sum().backward();
    assertSeparate(x.grad(), rule.kept);
    scribble(x.grad());
    assertArrayEquals(new double[] {7, 8}, rule.kept.toDoubleArray());

    Tensor z = leaf(1, 2);
    Tensor out = new PassThrough().apply(z, Tensor.of(new double[] {0, 0})).mul(2).sum();
    assertArrayEquals(new boolean[] {false}, takenWithoutCopy(out, z), "a user's rule may keep what it returns");
  }

  /** A user's rule that keeps the gradient it receives. */
  static final class Stash extends Function {
    Tensor kept;

    @Override
    protected Tensor forward(Tensor... in) {
      return in[0].clone();
    }

    @Override
    public Tensor[] backward(Tensor gradOutput) {
      kept = gradOutput;
      return new Tensor[] {gradOutput.mul(1.0)};
    }
  }

  @Test
  void aGradientAUsersRuleReceivedIsCopiedForALeafThatSharesIt() {
    Tensor a = leaf(1, 2);
    Tensor b = leaf(3, 4);
    Stash stash = new Stash();
    // AddBackward sends one fresh tensor to b and to the Stash node, which runs after b got it.
    stash.apply(a).add(b).mul(Tensor.of(new double[] {2, 3})).sum().backward();
    assertSeparate(b.grad(), stash.kept);
    scribble(b.grad());
    assertArrayEquals(new double[] {2, 3}, stash.kept.toDoubleArray());
    assertArrayEquals(new double[] {2, 3}, a.grad().toDoubleArray());
  }

  @Test
  void manyUserRulesStillLeaveSharedGradientsSeparate() {
    Tensor a = leaf(1, 2);
    Tensor b = leaf(3, 4);
    Tensor h = a.add(b);
    for (int i = 0; i < 100; i++) { // more outside-held gradients than the last step compares against
      h = new PassThrough().apply(h, Tensor.of(new double[] {0, 0}));
    }
    h.mul(2).sum().backward();
    assertSeparate(a.grad(), b.grad());
    scribble(a.grad());
    assertArrayEquals(new double[] {2, 2}, b.grad().toDoubleArray());
  }

  /** Runs a pass over {@code root} and reports, per leaf, whether its grad became the pass's gradient itself. */
  private static boolean[] takenWithoutCopy(Tensor root, Tensor... leaves) {
    BackwardPass pass = BackwardPass.acquire();
    try {
      pass.run(root, Tensor.onesLike(root), false, false, null);
      pass.accumulateIntoLeaves(false);
      boolean[] out = new boolean[leaves.length];
      for (int i = 0; i < leaves.length; i++) {
        out[i] = leaves[i].grad() == pass.leafGrad(leaves[i]);
      }
      return out;
    } finally {
      pass.finish();
    }
  }

  @Test
  void freshGradientsFromBuiltInRulesAreTakenWithoutACopy() {
    Tensor x = Tensor.of(new double[] {-1, 2, 3});
    Tensor w = leaf(0.5, 0.5, 0.5);
    Tensor b = leaf(1, 1, 1);
    // MulBackward makes w's gradient; AddBackward passes one tensor to b and to MulBackward, which
    // has dropped it by the end of the pass.
    assertArrayEquals(new boolean[] {true, true}, takenWithoutCopy(x.mul(w).add(b).relu().sum(), w, b));
    Tensor p = leaf(1, 2);
    Tensor q = leaf(3, 4);
    // One fresh tensor for two leaves: the first takes it, the second a copy.
    assertArrayEquals(new boolean[] {true, false}, takenWithoutCopy(p.add(q).mul(2).sum(), p, q));
    Tensor r = leaf(1, 2);
    Tensor s = leaf(3, 4);
    assertArrayEquals(new boolean[] {false, false}, takenWithoutCopy(r.add(s).sum(), r, s), "the caller's gradient");

    Tensor in = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Tensor weight = leaf(1, 2, 3, 4, 5, 6).reshape(3, 2).detach().requiresGrad(true);
    Tensor bias = leaf(0.1, 0.2);
    // matmul's gradient is fresh; the broadcast bias's gradient is summed down, so fresh too.
    assertArrayEquals(new boolean[] {true, true}, takenWithoutCopy(in.matmul(weight).add(bias).sum(), weight, bias));

    Tensor twice = leaf(1, 2);
    assertArrayEquals(new boolean[] {true}, takenWithoutCopy(twice.add(twice).sum(), twice)); // a sum of two
    Tensor viaReshape = leaf(1, 2, 3, 4);
    assertArrayEquals(
        new boolean[] {true}, takenWithoutCopy(viaReshape.mul(2).reshape(2, 2).mul(3).sum(), viaReshape));
    Tensor meaned = leaf(1, 2, 3);
    assertArrayEquals(new boolean[] {false}, takenWithoutCopy(meaned.mean(), meaned)); // a broadcast view
    Tensor u = leaf(1, 2);
    Tensor v = leaf(3, 4);
    BackwardPass pass = BackwardPass.acquire();
    try {
      Tensor y = u.add(v).mul(2).sum();
      pass.run(y, Tensor.onesLike(y), false, true, null);
      pass.accumulateIntoLeaves(true);
      assertFalse(u.grad() == pass.leafGrad(u) || v.grad() == pass.leafGrad(v), "createGraph copies shared ones");
    } finally {
      pass.finish();
    }
  }
}
