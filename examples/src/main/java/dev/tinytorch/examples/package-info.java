/**
 * Numbered runnable lessons that print what they show, and {@link dev.tinytorch.examples.Main},
 * the job the README runs. Left out: benchmarks of record (their own module or package later).
 */
package dev.tinytorch.examples;
