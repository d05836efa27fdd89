package dev.tinytorch.examples;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code tinytorch-examples.jar}: {@code train} (the main job), {@code lesson N},
 * {@code milestone NAME} and {@code list}. Before running anything the JVM is given the Vector API (see
 * {@link VectorLauncher}). Errors are one line on standard error and a non-zero exit code: 2 for a wrong
 * command line, 1 for data that cannot be used.
 *
 * <pre>{@code
 * java -jar examples/target/tinytorch-examples.jar train --epochs 10
 * java -jar examples/target/tinytorch-examples.jar milestone xor
 * }</pre>
 */
@Command(name = "tinytorch-examples", mixinStandardHelpOptions = true, version = "TinyTorch for Java 0.1.0",
    description = "TinyTorch for Java: the main training job, TinyTorch's milestones and the numbered lessons.",
    subcommands = {Main.ListCommand.class, Main.LessonCommand.class, Main.MilestoneCommand.class})
public final class Main implements Callable<Integer> {
  private Main() {}

  public static void main(String[] args) {
    // A command line that is wrong or only asks for help runs here: relaunching it would put the JVM's
    // incubator warning above the one line that says what is wrong.
    Optional<Integer> child = runsWork(args) ? VectorLauncher.relaunchIfUseful(args) : Optional.empty();
    if (child.isPresent()) {
      System.exit(child.get());
    }
    // This JVM prints its own kernels line (to standard output, where the run's record goes).
    System.setProperty("tinytorch.quiet", "true");
    System.exit(execute(System.out, System.err, args));
  }

  /** Whether {@code args} parse and ask for more than help or the version. */
  static boolean runsWork(String... args) {
    try {
      CommandLine.ParseResult r = commandLine(System.out).parseArgs(args);
      for (CommandLine.ParseResult p = r; p != null; p = p.subcommand()) {
        if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
          return false;
        }
      }
      return r.hasSubcommand();
    } catch (CommandLine.ParameterException e) {
      return false;
    }
  }

  private static CommandLine commandLine(PrintStream out) {
    CommandLine cl = new CommandLine(new Main());
    cl.addSubcommand("train", new CommandLine(new TrainCommand(out)));
    return cl;
  }

  /** Runs one command line in this JVM (tests call this); returns the exit code. */
  static int execute(PrintStream out, PrintStream err, String... args) {
    CommandLine cl = commandLine(out);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setParameterExceptionHandler((ex, arguments) -> {
      err.println("tinytorch-examples: " + oneLine(ex.getMessage()) + " (see "
          + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
      return 2;
    });
    cl.setExecutionExceptionHandler((ex, line, parsed) -> {
      String what = ex.getMessage() == null ? ex.getClass().getSimpleName() : oneLine(ex.getMessage());
      err.println("tinytorch-examples " + line.getCommandName() + ": " + what);
      return 1;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  @Override
  public Integer call() {
    // No subcommand: say what there is.
    CommandLine.usage(this, System.out);
    return 0;
  }

  private static String oneLine(String s) {
    return s.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the lessons and milestones.")
  static final class ListCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.println("TinyTorch kernels: " + VectorLauncher.describeKernels());
      out.println("lessons (lesson N):");
      Programs.LESSONS.forEach((n, p) -> out.printf(Locale.ROOT, "  %-3s %s%n", n, p.title()));
      out.println("milestones (milestone NAME):");
      Programs.MILESTONES.forEach((n, p) -> out.printf(Locale.ROOT, "  %-13s %s%n", n, p.title()));
      out.flush();
      return 0;
    }
  }

  @Command(name = "lesson", mixinStandardHelpOptions = true, description = "Runs a numbered lesson (see list).")
  static final class LessonCommand implements Callable<Integer> {
    @Parameters(paramLabel = "N", description = "The lesson's number: ${COMPLETION-CANDIDATES}.",
        completionCandidates = Programs.LessonNumbers.class)
    int number;

    @Override
    public Integer call() throws Exception {
      Programs.Program p = Programs.LESSONS.get(Integer.toString(number));
      if (p == null) {
        throw new IllegalArgumentException("no lesson " + number + "; there are lessons 1 to "
            + Programs.LESSONS.size());
      }
      return p.run(new String[0]);
    }
  }

  @Command(name = "milestone", mixinStandardHelpOptions = true,
      description = "Runs one of TinyTorch's milestones (see list); fashion-mlp and fashion-cnn take the "
          + "Fashion-MNIST folder as an argument.")
  static final class MilestoneCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "NAME", description = "One of: ${COMPLETION-CANDIDATES}.",
        completionCandidates = Programs.MilestoneNames.class)
    String name;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "What the milestone takes (a data folder).")
    String[] rest = new String[0];

    @Override
    public Integer call() throws Exception {
      Programs.Program p = Programs.MILESTONES.get(name);
      if (p == null) {
        throw new IllegalArgumentException("no milestone '" + name + "'; choose one of "
            + String.join(", ", Programs.MILESTONES.keySet()));
      }
      return p.run(rest);
    }
  }
}
