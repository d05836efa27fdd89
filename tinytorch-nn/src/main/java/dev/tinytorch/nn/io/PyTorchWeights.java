package dev.tinytorch.nn.io;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.BatchNorm1d;
import dev.tinytorch.nn.BatchNorm2d;
import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.MultiHeadAttention;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Weights exchanged with PyTorch: a state dict that PyTorch wrote with
 * {@code safetensors.torch.save_file(model.state_dict(), path)} loads into the equivalent TinyTorch model,
 * and {@link #save} writes one that {@code model.load_state_dict(safetensors.torch.load_file(path))} takes.
 *
 * <pre>{@code
 * // Python: torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 3))
 * //         safetensors.torch.save_file(model.state_dict(), "mlp.safetensors")
 * Sequential model = new Sequential(new Linear(4, 8), new ReLU(), new Linear(8, 3));
 * PyTorchWeights.load(model, Path.of("mlp.safetensors"));    // 0.weight [8, 4] becomes our [4, 8]
 * PyTorchWeights.save(Path.of("back.safetensors"), model);   // and back to [8, 4]
 * }</pre>
 *
 * <p>The keys are the same on both sides; only the layout of some matrices differs. TinyTorch keeps
 * {@link Linear}'s weight and {@link MultiHeadAttention}'s {@code in_proj_weight} as [in, out] (so a
 * forward is {@code x @ W}), PyTorch as [out, in]; those are transposed, and which ones they are comes
 * from the module tree ({@link Module#namedModules()}), not from key names. Every other tensor (conv
 * weights [out, in, kh, kw], biases, norms, embeddings, running statistics) is the same in both. Batch
 * norm's {@code num_batches_tracked}, a 0-d I64 in PyTorch files, is read exactly and written as I64.
 *
 * <p>Loading is strict and all-or-nothing, as {@link Module#loadStateDict}: missing, unexpected or
 * mis-shaped keys are all named, with both layouts' shapes and the fix, before anything changes.
 * Values are converted to the model's dtypes.
 */
public final class PyTorchWeights {
  private PyTorchWeights() {}

  /** Loads a PyTorch state dict saved as safetensors into {@code model}. */
  public static void load(Module model, Path safetensorsFile) throws IOException {
    checkNotNull(model, "PyTorchWeights.load: model is null");
    checkNotNull(safetensorsFile, "PyTorchWeights.load: safetensorsFile is null");
    Map<String, Tensor> state = SafeTensors.load(safetensorsFile);
    fromPyTorch(model, state, "PyTorchWeights.load: " + safetensorsFile);
  }

  /** Writes {@code model}'s state dict in PyTorch's layout (with {@code format = pt} metadata, as Hugging Face does). */
  public static void save(Path file, Module model) throws IOException {
    checkNotNull(file, "PyTorchWeights.save: file is null");
    checkNotNull(model, "PyTorchWeights.save: model is null");
    SafeTensors.save(file, toPyTorch(model), Map.of("format", "pt"), countKeys(model));
  }

  /** {@code model}'s state dict in PyTorch's layout: the {@link #transposedKeys} transposed, the rest as is. */
  public static Map<String, Tensor> toPyTorch(Module model) {
    checkNotNull(model, "PyTorchWeights.toPyTorch: model is null");
    Set<String> transposed = transposedKeys(model);
    Map<String, Tensor> out = new LinkedHashMap<>();
    model.stateDict().forEach((k, v) -> out.put(k, transposed.contains(k) ? v.t().contiguous() : v.clone()));
    return Collections.unmodifiableMap(out);
  }

  /** Loads a state dict in PyTorch's layout (as {@code safetensors.torch.load_file} gives it) into {@code model}. */
  public static void fromPyTorch(Module model, Map<String, Tensor> state) {
    checkNotNull(model, "PyTorchWeights.fromPyTorch: model is null");
    checkNotNull(state, "PyTorchWeights.fromPyTorch: state is null");
    fromPyTorch(model, state, "PyTorchWeights.fromPyTorch");
  }

  /**
   * The state-dict keys of {@code model} whose matrices PyTorch stores transposed: each {@link Linear}'s
   * {@code weight} and each {@link MultiHeadAttention}'s {@code in_proj_weight} (its {@code out_proj} is a
   * Linear), found by walking the module tree.
   */
  public static Set<String> transposedKeys(Module model) {
    checkNotNull(model, "PyTorchWeights.transposedKeys: model is null");
    Set<String> keys = new LinkedHashSet<>();
    model.namedModules().forEach((path, m) -> {
      if (m instanceof Linear) {
        keys.add(key(path, "weight"));
      } else if (m instanceof MultiHeadAttention) {
        keys.add(key(path, "in_proj_weight"));
      }
    });
    return Collections.unmodifiableSet(keys);
  }

  /** Keys of batch norms' step counts, which PyTorch keeps as long (I64) tensors. */
  static Set<String> countKeys(Module model) {
    Set<String> keys = new LinkedHashSet<>();
    model.namedModules().forEach((path, m) -> {
      boolean counts = (m instanceof BatchNorm1d b1 && b1.numBatchesTracked() != null)
          || (m instanceof BatchNorm2d b2 && b2.numBatchesTracked() != null);
      if (counts) {
        keys.add(key(path, "num_batches_tracked"));
      }
    });
    return keys;
  }

  private static String key(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static void fromPyTorch(Module model, Map<String, Tensor> state, String where) {
    Map<String, Tensor> own = model.stateDict();
    Set<String> transposed = transposedKeys(model);
    List<String> missing = new ArrayList<>();
    List<String> unexpected = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    boolean alreadyOurs = false;
    for (Map.Entry<String, Tensor> e : own.entrySet()) {
      String k = e.getKey();
      Tensor given = state.get(k);
      if (given == null) {
        missing.add(k);
        continue;
      }
      int[] ours = e.getValue().shape();
      boolean t = transposed.contains(k);
      int[] want = t ? new int[] {ours[1], ours[0]} : ours;
      if (!Arrays.equals(given.shape(), want)) {
        mismatched.add(k + " expects PyTorch's " + Arrays.toString(want)
            + (t ? " (TinyTorch's " + Arrays.toString(ours) + " transposed)" : "")
            + ", the file has " + Arrays.toString(given.shape()));
        alreadyOurs |= t && ours[0] != ours[1] && Arrays.equals(given.shape(), ours);
      }
    }
    for (String k : state.keySet()) {
      if (!own.containsKey(k)) {
        unexpected.add(k);
      }
    }
    if (missing.isEmpty() && unexpected.isEmpty() && mismatched.isEmpty()) {
      Map<String, Tensor> ours = new LinkedHashMap<>();
      state.forEach((k, v) -> ours.put(k, transposed.contains(k) ? v.t() : v));
      model.loadStateDict(ours);
      return;
    }
    StringBuilder sb = new StringBuilder(where).append(": the PyTorch state dict does not fit the ")
        .append(model.getClass().getSimpleName()).append(':');
    if (!missing.isEmpty()) {
      sb.append(" missing keys ").append(missing).append(';');
    }
    if (!unexpected.isEmpty()) {
      sb.append(" unexpected keys ").append(unexpected).append(';');
    }
    if (!mismatched.isEmpty()) {
      sb.append(" shape mismatch: ").append(String.join(", ", mismatched)).append(';');
    }
    sb.append(" nothing was loaded. Build the TinyTorch model with the PyTorch model's layers, sizes and "
        + "registration names (Linear(in, out) for nn.Linear(in, out)), so that the keys of "
        + "model.state_dict() and stateDict() agree");
    if (alreadyOurs) {
      sb.append("; the weights are already in TinyTorch's [in, out] layout, so the file was written by "
          + "TinyTorch: load it with SafeTensors.load and model.loadStateDict (or Checkpoint.load)");
    }
    if (!unexpected.isEmpty() && unexpected.stream().allMatch(k -> k.startsWith("module."))) {
      sb.append("; every unexpected key starts with 'module.' (a DataParallel model): strip that prefix");
    }
    if (!unexpected.isEmpty() && unexpected.stream().allMatch(k -> k.startsWith("model.") || k.startsWith("optimizer."))) {
      sb.append("; the keys look like a TinyTorch checkpoint: load it with Checkpoint.load");
    }
    throw new IllegalArgumentException(sb.toString());
  }
}
