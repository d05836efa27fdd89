package dev.tinytorch.examples;

import dev.tinytorch.nn.Linear;
import dev.tinytorch.nn.ReLU;
import dev.tinytorch.nn.Sequential;
import dev.tinytorch.nn.io.Checkpoint;
import dev.tinytorch.nn.io.SafeTensors;
import dev.tinytorch.nn.optim.Adam;
import dev.tinytorch.tensor.Generator;
import dev.tinytorch.tensor.Tensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Lesson 8: saving and loading. A state dict goes to a .safetensors file (the format PyTorch and Hugging Face
 * read: {@code safetensors.torch.load_file}); a fresh model loads it and computes the same outputs. A
 * {@link Checkpoint} adds the optimizer's state (Adam's moments) and metadata, so training resumes exactly.
 *
 * <pre>{@code
 * SafeTensors.save(Path.of("model.safetensors"), model.stateDict(), Map.of());
 * fresh.loadStateDict(SafeTensors.load(Path.of("model.safetensors")));
 * }</pre>
 */
public final class Lesson08SavingLoading {
  private Lesson08SavingLoading() {}

  public static void main(String[] args) throws IOException {
    run(Files.createTempDirectory("tinytorch-lesson08"));
  }

  static Sequential model(long seed) {
    Generator g = new Generator(seed);
    return new Sequential(new Linear(4, 8, true, g), new ReLU(), new Linear(8, 3, true, g));
  }

  /** Saves into {@code dir}; returns whether the reloaded model computes exactly the saved one's outputs. */
  static boolean run(Path dir) throws IOException {
    System.out.println("== Lesson 8: saving and loading (safetensors, checkpoints) ==");
    Sequential model = model(1);
    Tensor x = Tensor.randn(new Generator(9), 5, 4);
    Path weights = dir.resolve("model.safetensors");
    SafeTensors.save(weights, model.stateDict(), Map.of("note", "lesson 8"));
    System.out.println("saved " + model.stateDict().keySet() + " to " + weights.getFileName() + " ("
        + Files.size(weights) + " bytes); metadata " + SafeTensors.metadata(weights));
    Sequential fresh = model(2);   // other random weights ...
    System.out.println("a fresh model gives the same outputs before loading: " + fresh.forward(x).equal(model.forward(x)));
    fresh.loadStateDict(SafeTensors.load(weights));   // ... replaced, all or nothing
    boolean same = fresh.forward(x).equal(model.forward(x));
    System.out.println("after loading: " + same);

    // A checkpoint: model, optimizer state and metadata in one file.
    Adam adam = new Adam(model.parameters(), 1e-3);
    model.forward(x).square().mean().backward();
    adam.step();
    Path checkpoint = dir.resolve("checkpoint.safetensors");
    Checkpoint.save(checkpoint, model, adam, Map.of("epoch", "1"));
    Sequential resumed = model(3);
    Adam resumedAdam = new Adam(resumed.parameters(), 1e-3);
    Map<String, String> meta = Checkpoint.load(checkpoint, resumed, resumedAdam);
    System.out.println("checkpoint metadata " + meta + "; resumed model equal: "
        + resumed.forward(x).equal(model.forward(x)));
    return same;
  }
}
