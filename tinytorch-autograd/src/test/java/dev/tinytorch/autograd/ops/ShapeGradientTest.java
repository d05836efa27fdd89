package dev.tinytorch.autograd.ops;

import static dev.tinytorch.autograd.ops.GradProperty.c;
import static dev.tinytorch.autograd.ops.GradProperty.shape;
import static dev.tinytorch.autograd.ops.GradProperty.x;

import dev.tinytorch.autograd.GradCheck;
import dev.tinytorch.autograd.ops.GradProperty.Spec;
import dev.tinytorch.tensor.DType;
import dev.tinytorch.tensor.Tensor;
import dev.tinytorch.tensor.testing.Gen;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Gradient properties of views and joins: the rules that route gradients without arithmetic. */
class ShapeGradientTest {
  @TestFactory
  Stream<DynamicTest> shapes() {
    return GradProperty.tests(303,
        new Spec("reshape", g -> {
          int[] s = shape(g);
          int n = Arrays.stream(s).reduce(1, (a, b) -> a * b);
          int[] to = Gen.oneOf(g, new int[] {-1}, new int[] {n, 1}, new int[] {1, -1, 1});
          return c("reshape " + Arrays.toString(to), t -> t[0].reshape(to), x(g, s));
        }),
        new Spec("view and flatten", g -> c("flatten().view(-1)", t -> t[0].contiguous().view(-1).flatten(), x(g, shape(g)))),
        new Spec("transpose", g -> {
          int[] s = Gen.shape(g, 1, 3, 1, 3);
          int d0 = Gen.dim(g, s.length);
          int d1 = Gen.dim(g, s.length);
          return c("transpose(" + d0 + ", " + d1 + ")", t -> t[0].transpose(d0, d1), x(g, s));
        }),
        new Spec("permute", g -> {
          int[] s = shape(g);
          int[] p = Gen.permutation(g, s.length);
          return c("permute" + Arrays.toString(p), t -> t[0].permute(p), x(g, s));
        }),
        new Spec("expand", g -> {
          int[] target = shape(g);
          int[] small = Gen.broadcastableTo(g, target);
          return c("expand " + Arrays.toString(small) + " -> " + Arrays.toString(target),
              t -> t[0].expand(target), x(g, small));
        }),
        new Spec("narrow", g -> {
          int[] s = Gen.shape(g, 1, 3, 1, 4);
          int d = Gen.dim(g, s.length);
          int size = s[d < 0 ? d + s.length : d];
          int start = g.nextInt(size);
          int len = Gen.intIn(g, 0, size - start);
          return c("narrow(" + d + ", " + start + ", " + len + ")", t -> t[0].narrow(d, start, len), x(g, s));
        }),
        new Spec("slice", g -> {
          int[] s = Gen.shape(g, 1, 3, 1, 4);
          int d = Gen.dim(g, s.length);
          int from = Gen.intIn(g, -4, 4);
          int to = Gen.intIn(g, -4, 4);
          return c("slice(" + d + ", " + from + ", " + to + ")", t -> t[0].slice(d, from, to), x(g, s));
        }),
        new Spec("select", g -> {
          int[] s = Gen.shape(g, 1, 3, 1, 3);
          int d = Gen.dim(g, s.length);
          int i = g.nextInt(s[d < 0 ? d + s.length : d]);
          return c("select(" + d + ", " + i + ")", t -> t[0].select(d, i), x(g, s));
        }),
        new Spec("unsqueeze", g -> {
          int[] s = shape(g);
          int d = Gen.intIn(g, -s.length - 1, s.length);
          return c("unsqueeze(" + d + ")", t -> t[0].unsqueeze(d), x(g, s));
        }),
        new Spec("squeeze", g -> {
          int[] s = Gen.shape(g, 0, 3, 1, 2);
          boolean one = s.length > 0 && Gen.bool(g);
          int d = Gen.dim(g, s.length);
          return c(one ? "squeeze(" + d + ")" : "squeeze()", t -> one ? t[0].squeeze(d) : t[0].squeeze(), x(g, s));
        }),
        new Spec("cat", g -> {
          int[] s = Gen.shape(g, 1, 3, 1, 3);
          int d = Gen.dim(g, s.length);
          int n = Gen.intIn(g, 1, 3);
          Tensor[] parts = new Tensor[n];
          for (int i = 0; i < n; i++) {
            int[] si = s.clone();
            si[d < 0 ? d + s.length : d] = Gen.intIn(g, 0, 2);
            parts[i] = x(g, si);
          }
          return c("cat along " + d, t -> Tensor.cat(t, d), parts);
        }),
        new Spec("stack", g -> {
          int[] s = shape(g);
          int d = Gen.intIn(g, -s.length - 1, s.length);
          int n = Gen.intIn(g, 1, 3);
          Tensor[] parts = new Tensor[n];
          for (int i = 0; i < n; i++) {
            parts[i] = x(g, s);
          }
          return c("stack along " + d, t -> Tensor.stack(t, d), parts);
        }),
        new Spec("contiguous", g -> c("contiguous of a transposed view",
            t -> t[0].dim() >= 2 ? t[0].transpose(0, 1).contiguous() : t[0].contiguous(), x(g, shape(g)))),
        new Spec("clone", g -> c("clone", t -> t[0].clone().mul(2), x(g, shape(g)))),
        // A float32 round trip is the identity up to rounding: a larger eps sees through the rounding.
        new Spec("to dtype", g -> c("to(FLOAT32).to(FLOAT64)", t -> t[0].to(DType.FLOAT32).to(DType.FLOAT64).mul(3),
            x(g, shape(g)))).with(GradCheck.defaults().withEps(1e-2).withAtol(1e-4)));
  }
}
