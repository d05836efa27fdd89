package dev.tinytorch.tensor.testing;

import dev.tinytorch.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A table of calls, each with what must happen: a bad call throws the expected type with a message
 * naming the op and the values or shapes, and leaves every tensor of its fixture bit-identical; a
 * legal edge case returns and passes its check. Rows run against a fresh fixture each, so one row's
 * damage cannot hide behind another's.
 *
 * @param <F> the fixture: the tensors, layers, optimizers a row may touch
 */
public final class BadInputTable<F> {
  /** One row: a name, the call, and either the expected failure or a check of the result. */
  public record Row<F>(String name, Function<F, Object> call, Class<? extends Throwable> expected, String[] parts,
      Consumer<Object> check) {}

  private final Supplier<F> fixture;
  private final Function<F, List<Tensor>> watched;
  private final List<Row<F>> rows = new ArrayList<>();

  public BadInputTable(Supplier<F> fixture, Function<F, List<Tensor>> watched) {
    this.fixture = fixture;
    this.watched = watched;
  }

  /** A call that must throw {@code expected} whose message contains every one of {@code parts}. */
  public BadInputTable<F> bad(String name, Function<F, Object> call, Class<? extends Throwable> expected,
      String... parts) {
    rows.add(new Row<>(name, call, expected, parts, null));
    return this;
  }

  /** A legal edge case: must return, and {@code check} must accept what it returned. */
  public BadInputTable<F> ok(String name, Function<F, Object> call, Consumer<Object> check) {
    rows.add(new Row<>(name, call, null, new String[0], check));
    return this;
  }

  /** A call that may throw a checked IOException (a reader), for use in a row. */
  public interface IoCall {
    Object call() throws java.io.IOException;
  }

  /** Runs {@code c}, carrying its IOException out of the row's lambda for {@link #run} to unwrap. */
  public static Object io(IoCall c) {
    try {
      return c.call();
    } catch (java.io.IOException e) {
      throw new Carried(e);
    }
  }

  private static final class Carried extends RuntimeException {
    Carried(java.io.IOException e) {
      super(e);
    }
  }

  public List<Row<F>> rows() {
    return rows;
  }

  /** Runs one row; null if it held, else what went wrong. */
  public String run(Row<F> row) {
    F fx = fixture.get();
    List<Object> before = snapshot(watched.apply(fx));
    Object result;
    try {
      result = row.call().apply(fx);
    } catch (Throwable thrown) {
      Throwable t = thrown instanceof Carried ? thrown.getCause() : thrown;
      if (row.expected() == null) {
        return "legal call threw " + t;
      }
      if (!row.expected().isInstance(t) || t.getClass() == NullPointerException.class && t.getMessage() == null) {
        return "threw " + t + (t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : "") + ", expected "
            + row.expected().getSimpleName();
      }
      String msg = String.valueOf(t.getMessage());
      for (String p : row.parts()) {
        if (!msg.contains(p)) {
          return t.getClass().getSimpleName() + " message lacks '" + p + "': " + msg;
        }
      }
      List<Object> after = snapshot(watched.apply(fx));
      if (!equalSnapshots(before, after)) {
        return "threw as expected but changed its inputs: " + t.getMessage();
      }
      return null;
    }
    if (row.expected() != null) {
      return "fell through: returned " + describe(result) + " instead of throwing " + row.expected().getSimpleName();
    }
    try {
      row.check().accept(result);
    } catch (Throwable t) {
      return "legal call returned a wrong result: " + t.getMessage();
    }
    return null;
  }

  private static String describe(Object o) {
    if (o instanceof Tensor) {
      Tensor t = (Tensor) o;
      return "a tensor of shape " + Arrays.toString(t.shape());
    }
    return String.valueOf(o);
  }

  /** Shape, dtype, raw bits, version, requiresGrad and grad of each watched tensor. */
  static List<Object> snapshot(List<Tensor> tensors) {
    List<Object> out = new ArrayList<>();
    for (Tensor t : tensors) {
      if (t == null) {
        out.add(null);
        continue;
      }
      out.add(Arrays.toString(t.shape()) + t.dtype() + t.version() + t.requiresGrad());
      out.add(bits(t));
      out.add(t.grad() == null ? null : Arrays.toString(t.grad().shape()));
      out.add(t.grad() == null ? null : bits(t.grad()));
    }
    return out;
  }

  private static long[] bits(Tensor t) {
    double[] v = t.toDoubleArray();
    long[] b = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = Double.doubleToRawLongBits(v[i]);
    }
    return b;
  }

  private static boolean equalSnapshots(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof long[] && y instanceof long[] ? !Arrays.equals((long[]) x, (long[]) y) : !java.util.Objects.equals(x, y)) {
        return false;
      }
    }
    return true;
  }
}
