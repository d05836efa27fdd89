package dev.tinytorch.interop;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.tinytorch.nn.Module;
import dev.tinytorch.nn.io.Npz;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A module's state dict as named INDArrays, and back; and named INDArrays as a {@code .npz} file
 * that both numpy and ND4J read with the same values.
 *
 * <pre>{@code
 * Map<String, INDArray> w = Nd4jWeights.toINDArrays(model);   // "0.weight" -> [4, 16] FLOAT, ...
 * w.get("0.weight").muli(0.5);
 * Nd4jWeights.load(model, w);                                 // strict, all-or-nothing
 * Nd4jWeights.saveNpz(Path.of("w.npz"), w);                   // Nd4j.createFromNpzFile(file) reads it
 * }</pre>
 *
 * <p>Keys and layouts are TinyTorch's ({@link Module#stateDict()}): {@code Linear.weight} is
 * [in, out], which is also DL4J's dense layout. The arrays are copies ({@link INDArrays}): changing
 * one does not change the module until it is loaded back.
 *
 * <p>{@link #saveNpz} exists because ND4J's own {@code .npy} writer mislabels 'f'-ordered arrays:
 * here every array is written row-major with {@code fortran_order: False}, whatever its order.
 * {@code Nd4j.createFromNpzFile} cannot read 0-d entries (for example a scalar buffer); numpy can.
 */
public final class Nd4jWeights {
  private Nd4jWeights() {}

  /** Every parameter and buffer of {@code m} by its state-dict key, as fresh 'c'-ordered INDArrays. */
  public static Map<String, INDArray> toINDArrays(Module m) {
    checkNotNull(m, "Nd4jWeights.toINDArrays: the module m is null");
    Map<String, INDArray> out = new LinkedHashMap<>();
    m.stateDict().forEach((k, v) -> out.put(k, INDArrays.toINDArray(v)));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Loads {@code weights} into {@code m} by state-dict key, each converted to its parameter's dtype.
   * As {@link Module#loadStateDict}: strict and all-or-nothing, a missing, unexpected or mis-shaped
   * key is an IllegalArgumentException naming them all, and then nothing has changed.
   */
  public static void load(Module m, Map<String, INDArray> weights) {
    checkNotNull(m, "Nd4jWeights.load: the module m is null");
    checkNotNull(weights, "Nd4jWeights.load: the weights map is null");
    m.loadStateDict(toTensors("Nd4jWeights.load", weights));
  }

  /**
   * Writes {@code arrays} as a numpy {@code .npz} (one stored {@code name.npy} entry per array,
   * row-major, FLOAT32 or FLOAT64 after {@link INDArrays#toTensor}), atomically.
   */
  public static void saveNpz(Path file, Map<String, INDArray> arrays) throws IOException {
    checkNotNull(file, "Nd4jWeights.saveNpz: file is null");
    checkNotNull(arrays, "Nd4jWeights.saveNpz: the arrays map is null");
    Npz.save(file, toTensors("Nd4jWeights.saveNpz", arrays));
  }

  /** All converted before anything is used, so a bad entry fails the call before it changes anything. */
  private static Map<String, Tensor> toTensors(String op, Map<String, INDArray> arrays) {
    Map<String, Tensor> out = new LinkedHashMap<>();
    arrays.forEach((k, v) -> {
      checkNotNull(k, "%s: a key is null", op);
      checkNotNull(v, "%s: the array for key '%s' is null", op, k);
      try {
        out.put(k, INDArrays.toTensor(v));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(op + ": key '" + k + "': " + e.getMessage(), e);
      }
    });
    return out;
  }
}
