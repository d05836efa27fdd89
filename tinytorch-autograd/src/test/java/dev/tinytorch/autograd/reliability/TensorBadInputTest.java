package dev.tinytorch.autograd.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tinytorch.autograd.Autograd;
import dev.tinytorch.tensor.testing.BadInputTable;
import dev.tinytorch.tensor.testing.TableReport;
import dev.tinytorch.autograd.GradMode;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Bad input over the tensor and autograd API, from one table (issue 15): wrong shapes, ranks, dims
 * on both sides of the range, dtypes, NaN/Inf where refused, empty tensors, nulls, indices out of
 * range; each must throw the expected type naming the op and the shapes or values, and leave the
 * fixture bit-identical. The same table lists legal edge cases that must succeed.
 */
class TensorBadInputTest {
  static final Class<IllegalArgumentException> IAE = IllegalArgumentException.class;
  static final Class<IllegalStateException> ISE = IllegalStateException.class;
  static final Class<NullPointerException> NPE = NullPointerException.class;

  /** The tensors a row may touch: a [2, 3] leaf that requires grad, b [3, 4], an index, a 0-d and an empty one. */
  static final class Fx {
    final Tensor a = Tensor.randn(new Generator(1), 2, 3).requiresGrad(true);
    final Tensor b = Tensor.randn(new Generator(2), 3, 4);
    final Tensor c = Tensor.randn(new Generator(3), 2, 3);
    final Tensor img = Tensor.randn(new Generator(4), 1, 1, 4, 4);
    final Tensor idx = Tensor.of(new double[] {0, 2});
    final Tensor s = Tensor.scalar(2.0);
    final Tensor empty = Tensor.zeros(0, 3);

    List<Tensor> all() {
      return Arrays.asList(a, b, c, img, idx, s, empty);
    }
  }

  static Consumer<Object> shape(int... expected) {
    return r -> assertArrayEquals(expected, ((Tensor) r).shape());
  }

  static Consumer<Object> values(double... expected) {
    return r -> assertArrayEquals(expected, ((Tensor) r).toDoubleArray(), 1e-6);
  }

  static BadInputTable<Fx> table() {
    BadInputTable<Fx> t = new BadInputTable<>(Fx::new, Fx::all);
    Generator g = new Generator(9);
    // ---- factories
    t.bad("of(null)", fx -> Tensor.of((double[]) null), NPE, "of", "data")
        .bad("of(float null)", fx -> Tensor.of((float[]) null), NPE, "of", "data")
        .bad("of(rows null)", fx -> Tensor.of((double[][]) null), NPE, "of", "rows")
        .bad("of(data, null shape)", fx -> Tensor.of(new double[2], (int[]) null), NPE, "of", "shape")
        .bad("of wrong count", fx -> Tensor.of(new double[6], 4, 2), IAE, "of", "[4, 2]", "6")
        .bad("of negative dims", fx -> Tensor.of(new double[6], -2, -3), IAE, "of", "[-2, -3]")
        .bad("of ragged rows", fx -> Tensor.of(new double[][] {{1, 2}, {3}}), IAE, "of", "row 1")
        .bad("of null row", fx -> Tensor.of(new double[][] {{1, 2}, null}), NPE, "of", "row 1")
        .bad("zeros negative", fx -> Tensor.zeros(-1, 2), IAE, "zeros", "[-1, 2]")
        .bad("ones negative", fx -> Tensor.ones(2, -3), IAE, "ones", "[2, -3]")
        .bad("full negative", fx -> Tensor.full(1.0, -1), IAE, "full", "[-1]")
        .bad("zeros null dtype", fx -> Tensor.zeros((DType) null, 2), NPE, "zeros", "dtype")
        .bad("ones null dtype", fx -> Tensor.ones((DType) null, 2), NPE, "ones", "dtype")
        .bad("full null dtype", fx -> Tensor.full((DType) null, 1.0, 2), NPE, "full", "dtype")
        .bad("zeros null shape", fx -> Tensor.zeros((int[]) null), NPE, "zeros", "shape")
        .bad("scalar null dtype", fx -> Tensor.scalar(1.0, null), NPE, "scalar", "dtype")
        .bad("zerosLike null", fx -> Tensor.zerosLike(null), NPE, "zerosLike")
        .bad("onesLike null", fx -> Tensor.onesLike(null), NPE, "onesLike")
        .bad("arange step of the wrong sign", fx -> Tensor.arange(0, 5, -1), IAE, "arange", "-1")
        .bad("arange descending with positive step", fx -> Tensor.arange(5, 0, 1), IAE, "arange", "5", "0")
        .bad("arange zero step", fx -> Tensor.arange(0, 5, 0), IAE, "arange", "step")
        .bad("arange NaN end", fx -> Tensor.arange(0, Double.NaN, 1), IAE, "arange", "NaN")
        .bad("arange infinite end", fx -> Tensor.arange(0, Double.POSITIVE_INFINITY, 1), IAE, "arange", "Infinity")
        .bad("arange negative end", fx -> Tensor.arange(-3), IAE, "arange", "-3")
        .bad("arange null dtype", fx -> Tensor.arange(null, 0, 3, 1), NPE, "arange", "dtype")
        .bad("eye negative", fx -> Tensor.eye(-1), IAE, "eye", "-1")
        .bad("eye null dtype", fx -> Tensor.eye(null, 2, 2), NPE, "eye", "dtype")
        .bad("rand null generator", fx -> Tensor.rand(null, 2), NPE, "rand", "generator")
        .bad("randn null generator", fx -> Tensor.randn(null, 2), NPE, "randn", "generator")
        .bad("randn negative", fx -> Tensor.randn(g, -2), IAE, "randn", "[-2]")
        .bad("rand null dtype", fx -> Tensor.rand(g, null, 2), NPE, "rand", "dtype")
        .bad("cat null list", fx -> Tensor.cat((List<Tensor>) null, 0), NPE, "cat", "tensors")
        .bad("cat null element", fx -> Tensor.cat(new Tensor[] {fx.a, null}, 0), NPE, "cat", "1")
        .bad("cat empty list", fx -> Tensor.cat(new Tensor[0], 0), IAE, "cat", "empty")
        .bad("cat shapes", fx -> Tensor.cat(new Tensor[] {fx.a, fx.b}, 0), IAE, "cat", "[2, 3]", "[3, 4]")
        .bad("cat dim 2", fx -> Tensor.cat(new Tensor[] {fx.a, fx.c}, 2), IAE, "cat", "2")
        .bad("cat dim -3", fx -> Tensor.cat(new Tensor[] {fx.a, fx.c}, -3), IAE, "cat", "-3")
        .bad("stack shapes", fx -> Tensor.stack(new Tensor[] {fx.a, fx.b}, 0), IAE, "stack", "[2, 3]", "[3, 4]")
        .bad("stack dim 3", fx -> Tensor.stack(new Tensor[] {fx.a, fx.c}, 3), IAE, "stack", "3")
        .bad("stack dim -4", fx -> Tensor.stack(new Tensor[] {fx.a, fx.c}, -4), IAE, "stack", "-4")
        .bad("stack null element", fx -> Tensor.stack(new Tensor[] {null, fx.a}, 0), NPE, "stack", "0")
        .bad("where null", fx -> Tensor.where(null, fx.a, fx.c), NPE, "where", "condition");
    // ---- binary ops: null and incompatible shapes, generated per op
    List<String> names = List.of("add", "sub", "mul", "div", "maximum", "minimum", "gt", "ge", "lt", "le", "eq", "ne");
    List<BiFunction<Tensor, Tensor, Tensor>> ops = List.of(Tensor::add, Tensor::sub, Tensor::mul, Tensor::div,
        Tensor::maximum, Tensor::minimum, Tensor::gt, Tensor::ge, Tensor::lt, Tensor::le, Tensor::eq, Tensor::ne);
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      BiFunction<Tensor, Tensor, Tensor> op = ops.get(i);
      t.bad(n + "(null)", fx -> op.apply(fx.a, null), NPE, n, "other")
          .bad(n + " shapes", fx -> op.apply(fx.a, fx.b), IAE, n, "[2, 3]", "[3, 4]");
    }
    // ---- dims out of range, both signs, for every op taking a dim
    List<String> dimOps = List.of("sum", "mean", "max", "min", "var", "argmax", "argmin", "softmax", "logSoftmax",
        "unsqueeze", "squeeze", "select", "narrow", "indexSelect", "flatten", "transpose");
    for (String n : dimOps) {
      for (int d : new int[] {2, -3, 7}) {
        int dim = n.equals("unsqueeze") ? (d > 0 ? d + 1 : d - 1) : d;
        t.bad(n + " dim " + dim, fx -> dimCall(n, fx, dim), IAE, n, String.valueOf(dim));
      }
    }
    // ---- shapes, ranks, indices, values
    t.bad("sum repeated dim", fx -> fx.a.sum(new int[] {0, 0}, false), IAE, "sum", "0")
        .bad("sum null dims", fx -> fx.a.sum((int[]) null, false), NPE, "sum", "dims")
        .bad("var NaN correction", fx -> fx.a.var(new int[] {0}, Double.NaN, false), IAE, "var", "NaN")
        .bad("sumToSize", fx -> fx.a.sumToSize(4), IAE, "sumToSize", "[2, 3]", "[4]")
        .bad("matmul shapes", fx -> fx.a.matmul(fx.c), IAE, "matmul", "[2, 3]")
        .bad("matmul null", fx -> fx.a.matmul(null), NPE, "matmul", "other")
        .bad("matmul 0-d", fx -> fx.s.matmul(fx.a), IAE, "matmul", "[]")
        .bad("reshape count", fx -> fx.a.reshape(4, 2), IAE, "reshape", "6", "[4, 2]")
        .bad("reshape two -1", fx -> fx.a.reshape(-1, -1), IAE, "reshape", "-1")
        .bad("reshape negative", fx -> fx.a.reshape(-2, -3), IAE, "reshape", "-2")
        .bad("reshape null", fx -> fx.a.reshape((int[]) null), NPE, "reshape", "shape")
        .bad("view of a transpose", fx -> fx.a.t().view(6), IAE, "view", "[3, 2]")
        .bad("permute repeated", fx -> fx.a.permute(0, 0), IAE, "permute", "[0, 0]")
        .bad("permute rank", fx -> fx.a.permute(0), IAE, "permute", "[0]")
        .bad("permute null", fx -> fx.a.permute((int[]) null), NPE, "permute", "dims")
        .bad("t of 3-d", fx -> fx.img.t(), IAE, "t", "[1, 1, 4, 4]")
        .bad("expand", fx -> fx.a.expand(4, 3), IAE, "expand", "[2, 3]", "[4, 3]")
        .bad("expand fewer dims", fx -> fx.a.expand(3), IAE, "expand", "[2, 3]", "[3]")
        .bad("expandAs null", fx -> fx.a.expandAs(null), NPE, "expandAs", "other")
        .bad("narrow past end", fx -> fx.a.narrow(1, 2, 2), IAE, "narrow", "2")
        .bad("narrow negative length", fx -> fx.a.narrow(1, 0, -1), IAE, "narrow", "-1")
        .bad("select index", fx -> fx.a.select(0, 2), IAE, "select", "2")
        .bad("select negative index", fx -> fx.a.select(0, -3), IAE, "select", "-3")
        .bad("indexSelect index out of range", fx -> fx.a.indexSelect(1, Tensor.of(new double[] {0, 3})), IAE,
            "indexSelect", "3")
        .bad("indexSelect negative index", fx -> fx.a.indexSelect(1, Tensor.of(new double[] {-1})), IAE,
            "indexSelect", "-1")
        .bad("indexSelect fractional index", fx -> fx.a.indexSelect(1, Tensor.of(new double[] {0.5})), IAE,
            "indexSelect", "0.5")
        .bad("indexSelect 2-d index", fx -> fx.a.indexSelect(1, fx.c), IAE, "indexSelect", "[2, 3]")
        .bad("indexSelect null", fx -> fx.a.indexSelect(1, null), NPE, "indexSelect", "index")
        .bad("indexAdd source shape", fx -> fx.c.indexAdd(1, fx.idx, fx.b), IAE, "indexAdd", "[3, 4]")
        .bad("indexAdd null source", fx -> fx.c.indexAdd(1, fx.idx, null), NPE, "indexAdd", "source")
        .bad("where shapes", fx -> Tensor.where(fx.a.gt(0.0), fx.a, fx.b), IAE, "where", "[3, 4]")
        .bad("maskedFill shape", fx -> fx.a.maskedFill(fx.b.gt(0.0), 0), IAE, "maskedFill", "[3, 4]")
        .bad("maskedFill null", fx -> fx.a.maskedFill(null, 0), NPE, "maskedFill", "mask")
        .bad("clamp min > max", fx -> fx.a.clamp(1, 0), IAE, "clamp", "1", "0")
        .bad("clamp NaN", fx -> fx.a.clamp(Double.NaN, 1), IAE, "clamp", "NaN")
        .bad("item of [2, 3]", fx -> fx.a.item(), ISE, "item", "[2, 3]")
        .bad("get out of range", fx -> fx.a.get(2, 0), IAE, "get", "index 2", "[2, 3]")
        .bad("get wrong rank", fx -> fx.a.get(0), IAE, "get", "[2, 3]")
        .bad("get null", fx -> fx.a.get((int[]) null), NPE, "get", "index")
        .bad("to null", fx -> fx.a.to(null), NPE, "to", "dtype")
        .bad("gelu null", fx -> fx.a.gelu(null), NPE, "gelu", "approximation")
        .bad("maxPool2d rank", fx -> fx.a.maxPool2d(2, 2, 2, 2), IAE, "maxPool2d", "[2, 3]")
        .bad("maxPool2d kernel 0", fx -> fx.img.maxPool2d(0, 0, 1, 1), IAE, "maxPool2d", "0")
        .bad("maxPool2d stride -1", fx -> fx.img.maxPool2d(2, 2, -1, -1), IAE, "maxPool2d", "-1")
        .bad("avgPool2d kernel too big", fx -> fx.img.avgPool2d(5, 5, 1, 1), IAE, "avgPool2d", "5", "[1, 1, 4, 4]")
        .bad("copyFrom shape", fx -> fx.c.copyFrom(fx.b), IAE, "copyFrom", "[2, 3]", "[3, 4]")
        .bad("copyFrom null", fx -> fx.c.copyFrom(null), NPE, "copyFrom", "source")
        .bad("addInPlace shape", fx -> fx.c.addInPlace(fx.b), IAE, "addInPlace", "[2, 3]", "[3, 4]")
        .bad("addInPlace null", fx -> fx.c.addInPlace(null), NPE, "addInPlace", "other")
        .bad("addInPlace on a leaf that requires grad", fx -> fx.a.addInPlace(fx.c), ISE, "addInPlace")
        .bad("setData null", fx -> fx.c.setData(null), NPE, "setData", "source")
        .bad("setGrad shape", fx -> { fx.a.setGrad(fx.b); return null; }, IAE, "setGrad", "[3, 4]", "[2, 3]")
        .bad("backward of non-scalar", fx -> { fx.a.mul(2.0).backward(); return null; }, ISE, "backward", "[2, 3]")
        .bad("backward gradient shape", fx -> { fx.a.mul(2.0).backward(fx.b); return null; }, IAE, "backward",
            "[3, 4]", "[2, 3]")
        .bad("backward(null) on non-scalar is the implicit one", fx -> { fx.a.mul(2.0).backward(null); return null; }, ISE,
            "backward", "[2, 3]")
        .bad("backward without grad", fx -> { fx.c.sum().backward(); return null; }, ISE, "backward")
        .bad("flatten start > end", fx -> fx.a.flatten(1, 0), IAE, "flatten", "1", "0")
        .bad("allClose null", fx -> fx.a.allClose(null, 1e-5, 1e-8), NPE, "allClose", "other")
        .bad("Autograd.grad null output", fx -> Autograd.grad(null, fx.a, false),
            NPE, "grad", "output")
        .bad("Autograd.grad null input", fx -> Autograd.grad(fx.a.sum(), null, false), NPE, "grad", "input")
        .bad("empty max", fx -> fx.empty.max(), IAE, "max", "[0, 3]")
        .bad("empty argmax", fx -> fx.empty.argmax(), IAE, "argmax", "[0, 3]")
        .bad("empty item", fx -> fx.empty.item(), ISE, "item", "[0, 3]");
    // ---- legal edge cases
    t.ok("empty sum", fx -> fx.empty.sum(), values(0))
        .ok("empty sum over dim 0", fx -> fx.empty.sum(0), values(0, 0, 0))
        .ok("empty max over dim 1", fx -> fx.empty.max(1, false), shape(0))
        .ok("empty matmul", fx -> fx.empty.matmul(fx.b), shape(0, 4))
        .ok("empty cat", fx -> Tensor.cat(new Tensor[] {fx.empty, fx.c}, 0), r -> assertTrue(((Tensor) r).equal(fx0c())))
        .ok("empty arange", fx -> Tensor.arange(0, 0, 1), shape(0))
        .ok("descending arange", fx -> Tensor.arange(5, 0, -1.5), values(5, 3.5, 2, 0.5))
        .ok("zeros with a 0 dim", fx -> Tensor.zeros(2, 0), shape(2, 0))
        .ok("empty backward", fx -> {
          Tensor e = Tensor.zeros(0).requiresGrad(true);
          e.mul(3.0).sum().backward();
          return e.grad();
        }, shape(0))
        .ok("0-d times vector", fx -> fx.s.mul(Tensor.of(new double[] {1, 2})), values(2, 4))
        .ok("0-d item", fx -> fx.s.item(), r -> assertEquals(2.0, (Double) r))
        .ok("0-d sum and reshape", fx -> fx.s.sum().reshape(1, 1), shape(1, 1))
        .ok("0-d backward", fx -> {
          Tensor x = Tensor.scalar(3.0).requiresGrad(true);
          x.square().backward();
          return x.grad();
        }, values(6))
        .ok("size-1 broadcasting", fx -> Tensor.of(new double[] {1, 2}, 2, 1).add(Tensor.of(new double[] {10, 20, 30}, 1, 3)),
            values(11, 21, 31, 12, 22, 32))
        .ok("size-1 broadcasting backward sums", fx -> {
          Tensor x = Tensor.of(new double[] {1, 2}, 2, 1).requiresGrad(true);
          x.mul(Tensor.ones(1, 3)).sum().backward();
          return x.grad();
        }, values(3, 3))
        .ok("negative dims in range", fx -> fx.c.sum(-1), shape(2))
        .ok("select -1", fx -> fx.c.select(0, -1), r -> assertTrue(((Tensor) r).equal(fx0c().select(0, 1))))
        .ok("transpose(-1, -2)", fx -> fx.c.transpose(-1, -2), shape(3, 2))
        .ok("softmax of size 1", fx -> Tensor.of(new double[] {5, -7}, 2, 1).softmax(1), values(1, 1))
        .ok("squeeze a size-3 dim is a no-op", fx -> fx.c.squeeze(1), shape(2, 3))
        .ok("grad mode off accepts in-place on a leaf", fx -> {
          Tensor x = Tensor.zeros(2).requiresGrad(true);
          try (var off = GradMode.off()) {
            x.addInPlace(Tensor.ones(2));
          }
          return x;
        }, values(1, 1));
    return t;
  }

  private static Tensor fx0c() {
    return new Fx().c;
  }

  private static Object dimCall(String n, Fx fx, int d) {
    Tensor a = fx.c;
    switch (n) {
      case "sum": return a.sum(d);
      case "mean": return a.mean(d);
      case "max": return a.max(d, false);
      case "min": return a.min(d, false);
      case "var": return a.var(d, false);
      case "argmax": return a.argmax(d, false);
      case "argmin": return a.argmin(d, false);
      case "softmax": return a.softmax(d);
      case "logSoftmax": return a.logSoftmax(d);
      case "unsqueeze": return a.unsqueeze(d);
      case "squeeze": return a.squeeze(d);
      case "select": return a.select(d, 0);
      case "narrow": return a.narrow(d, 0, 1);
      case "indexSelect": return a.indexSelect(d, fx.idx);
      case "flatten": return a.flatten(0, d);
      case "transpose": return a.transpose(0, d);
      default: throw new AssertionError(n);
    }
  }

  @Test
  void everyBadCallFailsCleanlyAndEveryEdgeCaseSucceeds() {
    TableReport.runAndAssert("tensor/autograd", table());
  }
}
