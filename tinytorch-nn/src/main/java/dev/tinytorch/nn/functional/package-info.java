/**
 * {@link dev.tinytorch.nn.functional.F}: every layer and loss as a function of tensors, PyTorch's
 * {@code torch.nn.functional}, with the same argument orders. Layers' {@code forward} methods call it.
 *
 * <p>Left out: parameters and state (the layers in {@code dev.tinytorch.nn} hold them).
 */
package dev.tinytorch.nn.functional;
