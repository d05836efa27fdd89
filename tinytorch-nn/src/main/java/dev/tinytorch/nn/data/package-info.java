/**
 * Data for training, PyTorch's {@code torch.utils.data}: {@link dev.tinytorch.nn.data.Batch},
 * {@link dev.tinytorch.nn.data.Dataset} (batched gets), {@link dev.tinytorch.nn.data.TensorDataset},
 * {@link dev.tinytorch.nn.data.DataLoader} (seeded shuffling, a new order every epoch), and readers for
 * IDX (MNIST) and numeric CSV files, with a {@link dev.tinytorch.nn.data.Standardizer} fitted on the
 * training split.
 *
 * <p>Left out: worker threads and samplers (batches are gathered in one pass, which is cheap), and
 * transforms beyond standardisation; DL4J's pipelines reach here through tinytorch-interop.
 */
package dev.tinytorch.nn.data;
