package dev.tinytorch.nn.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.optim.Optimizer;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model, its optimizer's state and metadata in one safetensors file, to stop training and resume it
 * exactly: the model's state-dict entries under {@code model.<key>}, the optimizer's under
 * {@code optimizer.<key>} (Adam's moments and step counts, SGD's momentum buffers), and the metadata in
 * {@code __metadata__} beside {@code tinytorch.format = checkpoint-1}, the optimizer's class, learning
 * rate and the model keys of the parameters it updates.
 *
 * <pre>{@code
 * Checkpoint.save(Path.of("run/epoch3.safetensors"), model, optimizer, Map.of("epoch", "3"));
 * // later, in a fresh process:
 * Module model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
 * Optimizer optimizer = new Adam(model.parameters(), 1e-3);
 * Map<String, String> meta = Checkpoint.load(Path.of("run/epoch3.safetensors"), model, optimizer);
 * int nextEpoch = Integer.parseInt(meta.get("epoch")) + 1;   // training continues bit for bit
 * }</pre>
 *
 * <p>The write is atomic (a crash mid-save leaves the previous file). {@link #load} is all-or-nothing
 * across model and optimizer: it reads and validates the whole file (damage is an IOException from
 * {@link SafeTensors}), then checks every model key and shape and the optimizer's state against the
 * given objects, and only when everything fits changes anything; otherwise one
 * IllegalArgumentException names the file, each key with its shapes, and the fix. Values are converted
 * to the model's dtypes. The file is read by any safetensors reader (PyTorch sees the model entries in
 * TinyTorch's layout; {@link PyTorchWeights} writes PyTorch's).
 */
public final class Checkpoint {
  /** The metadata key of the format marker. */
  public static final String FORMAT_KEY = "tinytorch.format";
  /** The format this class writes and reads. */
  public static final String FORMAT = "checkpoint-1";
  private static final String RESERVED = "tinytorch.";
  private static final String OPTIMIZER_KEY = "tinytorch.optimizer";
  private static final String LR_KEY = "tinytorch.optimizer.lr";
  private static final String PARAMS_KEY = "tinytorch.optimizer.parameters";
  private static final String MODEL = "model.";
  private static final String OPTIMIZER = "optimizer.";

  private Checkpoint() {}

  /**
   * Writes {@code model}'s state, {@code optimizer}'s (may be null) and {@code metadata} (may be null;
   * keys starting with {@code tinytorch.} are reserved) to {@code file}, atomically.
   */
  public static void save(Path file, Module model, Optimizer optimizer, Map<String, String> metadata)
      throws IOException {
    checkNotNull(file, "Checkpoint.save: file is null");
    checkNotNull(model, "Checkpoint.save: model is null");
    Map<String, String> meta = new LinkedHashMap<>();
    if (metadata != null) {
      metadata.forEach((k, v) -> {
        checkNotNull(k, "Checkpoint.save: a metadata key is null");
        checkNotNull(v, "Checkpoint.save: metadata '%s' is null", k);
        checkArgument(!k.startsWith(RESERVED), "Checkpoint.save: metadata key '%s' starts with '%s', which "
            + "is reserved for the checkpoint's own entries; rename it", k, RESERVED);
        meta.put(k, v);
      });
    }
    meta.put(FORMAT_KEY, FORMAT);
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    model.stateDict().forEach((k, v) -> tensors.put(MODEL + k, v));
    if (optimizer != null) {
      List<String> names = parameterNames(model, optimizer);
      for (int i = 0; i < names.size(); i++) {
        checkArgument(names.get(i) != null, "Checkpoint.save: %s's parameter %s (%s %s) is not a parameter of "
            + "the %s; save the model the optimizer trains", optimizer.getClass().getSimpleName(), i,
            optimizer.parameters().get(i).dtype(), Arrays.toString(optimizer.parameters().get(i).shape()),
            model.getClass().getSimpleName());
      }
      JsonArray json = new JsonArray();
      names.forEach(json::add);
      meta.put(OPTIMIZER_KEY, optimizer.getClass().getName());
      meta.put(LR_KEY, Double.toString(optimizer.lr()));
      meta.put(PARAMS_KEY, json.toString());
      optimizer.stateDict().forEach((k, v) -> tensors.put(OPTIMIZER + k, v));
    }
    SafeTensors.save(file, tensors, meta);
  }

  /**
   * Loads {@code file} into {@code model} and {@code optimizer} (null to load the model only; any
   * optimizer state in the file is then ignored) and returns the metadata given to {@link #save}
   * (without the {@code tinytorch.*} entries). The optimizer's learning rate is restored as well, as
   * PyTorch's {@code load_state_dict} restores its parameter groups.
   */
  public static Map<String, String> load(Path file, Module model, Optimizer optimizer) throws IOException {
    checkNotNull(file, "Checkpoint.load: file is null");
    checkNotNull(model, "Checkpoint.load: model is null");
    SafeTensors.Content content = SafeTensors.read(file);
    String where = "Checkpoint.load: " + file;
    Map<String, String> meta = content.metadata();
    checkFormat(where, meta);
    Map<String, Tensor> modelState = new LinkedHashMap<>();
    Map<String, Tensor> optimizerState = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    content.tensors().forEach((k, v) -> {
      if (k.startsWith(MODEL)) {
        modelState.put(k.substring(MODEL.length()), v);
      } else if (k.startsWith(OPTIMIZER)) {
        optimizerState.put(k.substring(OPTIMIZER.length()), v);
      } else {
        problems.add("entry " + k + " is neither model.* nor optimizer.*");
      }
    });
    List<String> hints = new ArrayList<>();
    checkModel(model, modelState, problems, hints);
    double lr = optimizer == null ? Double.NaN : checkOptimizer(meta, model, optimizer, optimizerState, problems);
    if (!problems.isEmpty()) {
      hints.add(0, "build the model (and optimizer) as they were when the checkpoint was saved (the file's shapes above)");
      throw new IllegalArgumentException(where + " does not fit the " + model.getClass().getSimpleName()
          + (optimizer == null ? "" : " and " + optimizer.getClass().getSimpleName()) + ": "
          + String.join("; ", problems) + ". Nothing was loaded; " + String.join("; ", hints));
    }
    // Everything is checked: these calls cannot refuse. The snapshot still guards the optimizer, so
    // that not even an unforeseen failure of the model's load leaves it changed alone.
    if (optimizer != null) {
      Map<String, Tensor> before = optimizer.stateDict();
      double lrBefore = optimizer.lr();
      optimizer.loadStateDict(optimizerState);
      try {
        model.loadStateDict(modelState);
      } catch (RuntimeException e) {
        optimizer.loadStateDict(before);
        optimizer.setLr(lrBefore);
        throw e;
      }
      optimizer.setLr(lr);
    } else {
      model.loadStateDict(modelState);
    }
    Map<String, String> user = new LinkedHashMap<>();
    meta.forEach((k, v) -> {
      if (!k.startsWith(RESERVED)) {
        user.put(k, v);
      }
    });
    return Collections.unmodifiableMap(user);
  }

  /**
   * Everything in {@code file}'s {@code __metadata__}: the metadata given to {@link #save} and the
   * {@code tinytorch.*} entries (format, optimizer class, learning rate). Validates the whole file.
   */
  public static Map<String, String> metadata(Path file) throws IOException {
    checkNotNull(file, "Checkpoint.metadata: file is null");
    Map<String, String> meta = SafeTensors.read(file).metadata();
    checkFormat("Checkpoint.metadata: " + file, meta);
    return meta;
  }

  private static void checkFormat(String where, Map<String, String> meta) throws IOException {
    String format = meta.get(FORMAT_KEY);
    if (format == null) {
      throw new IOException(where + " is not a TinyTorch checkpoint: its metadata has no " + FORMAT_KEY
          + "; load a plain state dict with SafeTensors.load and Module.loadStateDict, a PyTorch state dict "
          + "with PyTorchWeights.load");
    }
    if (!format.equals(FORMAT)) {
      throw new IOException(where + " has " + FORMAT_KEY + " = " + format + ", but this TinyTorch reads "
          + FORMAT + "; load it with the TinyTorch version that wrote it");
    }
  }

  /** Missing, unexpected and mis-shaped model keys, as {@link Module#loadStateDict} would refuse them. */
  private static void checkModel(Module model, Map<String, Tensor> state, List<String> problems, List<String> hints) {
    Map<String, Tensor> own = model.stateDict();
    Set<String> transposed = PyTorchWeights.transposedKeys(model);
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    boolean pytorchLayout = false;
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      Tensor given = state.get(e.getKey());
      if (given == null) {
        missing.add(MODEL + e.getKey());
        continue;
      }
      int[] want = e.getValue().shape();
      int[] got = given.shape();
      if (!Arrays.equals(want, got)) {
        mismatched.add(MODEL + e.getKey() + " is " + Arrays.toString(got) + " in the file, the model's is "
            + Arrays.toString(want));
        pytorchLayout |= transposed.contains(e.getKey()) && got.length == 2 && got[0] == want[1] && got[1] == want[0];
      }
    }
    List<String> unexpected = new ArrayList<>();
    for (String k : state.keySet()) {
      if (!own.containsKey(k)) {
        unexpected.add(MODEL + k);
      }
    }
    if (!missing.isEmpty()) {
      problems.add("the file lacks the model keys " + missing);
    }
    if (!unexpected.isEmpty()) {
      problems.add("the file has model keys the model lacks " + unexpected);
    }
    if (!mismatched.isEmpty()) {
      problems.add("shape mismatch: " + String.join(", ", mismatched));
    }
    if (pytorchLayout) {
      hints.add("a Linear or attention weight is transposed, so the weights may come from PyTorch ([out, in] "
          + "layout): convert them with PyTorchWeights.fromPyTorch, or load a PyTorch file with PyTorchWeights.load");
    }
  }

  /** Checks the optimizer against the file; returns the learning rate to restore. */
  private static double checkOptimizer(Map<String, String> meta, Module model, Optimizer optimizer,
      Map<String, Tensor> state, List<String> problems) {
    String saved = meta.get(OPTIMIZER_KEY);
    String mine = optimizer.getClass().getName();
    if (saved == null) {
      problems.add("the file holds no optimizer state (it was saved without an optimizer); pass null as the "
          + "optimizer to load the model only");
      return Double.NaN;
    }
    if (!saved.equals(mine)) {
      problems.add("the file holds " + simpleName(saved) + " state, the optimizer is "
          + optimizer.getClass().getSimpleName() + "; build a " + simpleName(saved));
      return Double.NaN;
    }
    List<String> names = parameterNames(model, optimizer);
    List<String> savedNames = new ArrayList<>();
    double lr = Double.NaN;
    try {
      JsonParser.parseString(meta.getOrDefault(PARAMS_KEY, "[]")).getAsJsonArray()
          .forEach(n -> savedNames.add(n.getAsString()));
      lr = Double.parseDouble(meta.getOrDefault(LR_KEY, "NaN"));
    } catch (JsonParseException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
      problems.add("its metadata " + PARAMS_KEY + " / " + LR_KEY + " is malformed (" + e.getMessage() + ")");
      return Double.NaN;
    }
    if (!(lr >= 0 && Double.isFinite(lr))) {
      problems.add("its metadata " + LR_KEY + " = " + meta.get(LR_KEY) + " is not a learning rate");
    }
    if (!names.equals(savedNames)) {
      List<String> shown = new ArrayList<>();
      names.forEach(n -> shown.add(n == null ? "(not in the model)" : MODEL + n));
      List<String> savedShown = new ArrayList<>();
      savedNames.forEach(n -> savedShown.add(MODEL + n));
      problems.add("the optimizer updates " + shown + " but the saved one updated " + savedShown
          + "; build the optimizer over the same parameters in the same order (e.g. model.parameters())");
      return lr;
    }
    List<String> stateProblems = new ArrayList<>();
    optimizer.checkStateDict(state).forEach(p -> stateProblems.add(p.replace("state.", OPTIMIZER + "state.")));
    if (!stateProblems.isEmpty()) {
      problems.add(optimizer.getClass().getSimpleName() + " state: " + String.join(", ", stateProblems));
    }
    return lr;
  }

  /** The model key of each of the optimizer's parameters (the first, for a shared one), or null. */
  private static List<String> parameterNames(Module model, Optimizer optimizer) {
    Map<Tensor, String> byTensor = new IdentityHashMap<>();
    model.namedParameters().forEach((name, p) -> byTensor.putIfAbsent(p, name));
    List<String> names = new ArrayList<>();
    for (Tensor p : optimizer.parameters()) {
      names.add(byTensor.get(p));
    }
    return names;
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
