/**
 * The runnable jar's command line ({@link dev.tinytorch.examples.Main}: {@code train}, {@code lesson N},
 * {@code milestone NAME}, {@code list}), the main training job, TinyTorch's milestones and the numbered
 * lessons, each printing what it shows. Left out: benchmarks (their own module) and anything a library
 * user would depend on; nothing here is published.
 */
package dev.tinytorch.examples;
