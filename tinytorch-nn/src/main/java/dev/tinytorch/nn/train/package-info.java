/**
 * Training without writing the loop: {@link dev.tinytorch.nn.train.Trainer} (fit over any
 * {@code Iterable<Batch>}, evaluate under no-grad, a scheduler, gradient clipping, gradient accumulation
 * that scales by samples, listeners, progress as a terminal bar or one plain line per epoch) and
 * {@link dev.tinytorch.nn.train.History} (per-epoch numbers, CSV, a PNG of the loss and accuracy curves).
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder(model, new Adam(model.parameters(), 1e-3), new CrossEntropyLoss())
 *     .scheduler(new StepLR(opt, 5, 0.5)).clipGradNorm(1.0).build();
 * History h = trainer.fit(trainLoader, testLoader, 10);
 * h.plot(Path.of("history.png"));
 * }</pre>
 *
 * <p>Left out: early stopping and checkpointing policies (a {@link dev.tinytorch.nn.train.TrainingListener}
 * can do either; checkpoint files are nn.io's), metrics other than loss and accuracy, mixed precision,
 * and multi-threaded or distributed data parallelism. Accumulation assumes a mean loss: with
 * Reduction.SUM the micro-batch scaling does not give the big batch's gradient.
 */
package dev.tinytorch.nn.train;
