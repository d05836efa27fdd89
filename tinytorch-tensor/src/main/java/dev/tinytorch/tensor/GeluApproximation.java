package dev.tinytorch.tensor;

/** Which formula {@link Tensor#gelu(GeluApproximation)} uses, as PyTorch's {@code approximate=} argument. */
public enum GeluApproximation {
  /** The exact form {@code x * Phi(x) = x/2 * (1 + erf(x / sqrt 2))}; the default. */
  NONE,
  /** {@code x/2 * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))}, the GPT-2 approximation. */
  TANH
}
