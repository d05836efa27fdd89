/**
 * Conversions between TinyTorch tensors and ND4J INDArrays, and DL4J data pipelines into training
 * (see ROADMAP.md). This is the only module that will depend on ND4J, so users of the other
 * modules get no native libraries.
 *
 * <p>Scope today: none yet; the module exists so the reactor and the BOM are stable.
 */
package dev.tinytorch.interop;
