/**
 * Optimizers and learning-rate schedules, PyTorch's {@code torch.optim}: {@link
 * dev.tinytorch.nn.optim.SGD}, {@link dev.tinytorch.nn.optim.Adam}, {@link dev.tinytorch.nn.optim.AdamW}
 * with torch's exact update formulas, fused in-place steps and strict tensor-only state dicts; the
 * schedules {@link dev.tinytorch.nn.optim.StepLR}, {@link dev.tinytorch.nn.optim.ExponentialLR},
 * {@link dev.tinytorch.nn.optim.CosineAnnealingLR}, {@link dev.tinytorch.nn.optim.LinearWarmup},
 * {@link dev.tinytorch.nn.optim.CosineSchedule}; and {@link dev.tinytorch.nn.optim.ClipGrad}.
 */
package dev.tinytorch.nn.optim;
