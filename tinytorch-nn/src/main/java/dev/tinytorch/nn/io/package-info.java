/**
 * Files: {@link dev.tinytorch.nn.io.SafeTensors} (Hugging Face's format), numpy's
 * {@link dev.tinytorch.nn.io.Npy} / {@link dev.tinytorch.nn.io.Npz} (the exchange format with numpy and
 * ND4J), {@link dev.tinytorch.nn.io.Checkpoint} (model, optimizer state and metadata in one safetensors
 * file, to resume training exactly) and {@link dev.tinytorch.nn.io.PyTorchWeights} (state dicts in
 * PyTorch's layout, read and written as safetensors). Writes are atomic (a temporary file, then a
 * rename); reads validate the whole file before returning a tensor and name the file and entry of any
 * damage; loads into a model are strict and all-or-nothing.
 *
 * <p>Left out: learning-rate schedulers' and data loaders' positions in checkpoints (put them in the
 * metadata), and pickle-based {@code .pt} files, which are never read: they run code.
 */
package dev.tinytorch.nn.io;
