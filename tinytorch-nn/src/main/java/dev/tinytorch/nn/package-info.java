/**
 * Neural-network building blocks: modules and parameters, layers, losses, optimizers, data loading
 * and the training loop (see ROADMAP.md).
 *
 * <p>Scope today: none yet; the module exists so the reactor, the BOM and users' dependency
 * declarations are stable. It leaves out everything tensor- or gradient-level, which lives in
 * tinytorch-tensor and tinytorch-autograd.
 */
package dev.tinytorch.nn;
