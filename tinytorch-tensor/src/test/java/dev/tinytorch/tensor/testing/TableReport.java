package dev.tinytorch.tensor.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Runs a {@link BadInputTable}, prints the counts (bad, legal, failed) and fails listing every row that did not hold. */
public final class TableReport {
  private TableReport() {}

  public static <F> void runAndAssert(String label, BadInputTable<F> table) {
    List<String> failures = new ArrayList<>();
    int bad = 0;
    int legal = 0;
    int fellThrough = 0;
    for (BadInputTable.Row<F> row : table.rows()) {
      if (row.expected() == null) {
        legal++;
      } else {
        bad++;
      }
      String problem = table.run(row);
      if (problem != null) {
        failures.add(row.name() + ": " + problem);
        if (row.expected() != null) {
          fellThrough++;
        }
      }
    }
    System.out.println("Bad-input table " + label + ": " + bad + " bad calls, " + legal + " legal edge cases; "
        + fellThrough + " bad calls and " + (failures.size() - fellThrough) + " legal ones did not hold");
    if (!failures.isEmpty()) {
      fail(failures.size() + " of " + table.rows().size() + " rows did not hold:\n  " + String.join("\n  ", failures));
    }
  }
}
