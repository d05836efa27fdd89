/**
 * Files: {@link dev.tinytorch.nn.io.SafeTensors} (Hugging Face's format, the checkpoint format) and numpy's
 * {@link dev.tinytorch.nn.io.Npy} / {@link dev.tinytorch.nn.io.Npz} (the exchange format with numpy and
 * ND4J). Writes are atomic (a temporary file, then a rename); reads validate the whole file before
 * returning a tensor and name the file and entry of any damage.
 *
 * <p>Left out (for now): checkpoints of model plus optimizer, and PyTorch's weight layout (issue 11).
 * Pickle-based {@code .pt} files are never read: they run code.
 */
package dev.tinytorch.nn.io;
