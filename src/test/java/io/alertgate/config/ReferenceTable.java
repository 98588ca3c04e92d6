package io.alertgate.config;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The table in the README's "Configuration reference" section, row by row with code spans unwrapped, so that a test
 * can hold it against the settings the code declares.
 *
 * @param rows the table's rows below its header, in order
 */
record ReferenceTable(List<Row> rows) {

  static final String HEADING = "## Configuration reference";
  static final List<String> COLUMNS = List.of("variable", "YAML key", "default", "meaning");

  /** One row; a blank variable or YAML key cell is empty. */
  record Row(Optional<String> variable, Optional<String> yamlKey, String defaultValue, String meaning) {}

  static ReferenceTable parse(String readme) {
    if (readme.lines().noneMatch(HEADING::equals)) {
      throw new IllegalArgumentException("README.md has no section headed '" + HEADING + "'");
    }
    // The table is the first run of lines that start with '|' after the heading.
    List<String> lines = readme.lines()
        .dropWhile(line -> !line.equals(HEADING))
        .dropWhile(line -> !line.startsWith("|"))
        .takeWhile(line -> line.startsWith("|"))
        .toList();
    if (lines.size() < 2 || !cells(lines.get(0)).equals(COLUMNS)) {
      throw new IllegalArgumentException("README.md's '" + HEADING + "' section has no table with the columns "
          + String.join(" | ", COLUMNS));
    }
    return new ReferenceTable(lines.stream().skip(2).map(ReferenceTable::row).toList());
  }

  private static Row row(String line) {
    List<String> cells = cells(line);
    if (cells.size() != COLUMNS.size()) {
      throw new IllegalArgumentException("README.md's configuration table has a row of " + cells.size()
          + " cells, not " + COLUMNS.size() + ": " + line);
    }
    return new Row(nonEmpty(cells.get(0)), nonEmpty(cells.get(1)), cells.get(2), cells.get(3));
  }

  /** A line's cells, trimmed and out of their code spans; a '\|' inside a cell is text, not a column break. */
  private static List<String> cells(String line) {
    String[] parts = line.trim().split("(?<!\\\\)\\|", -1);
    return Arrays.stream(parts, 1, parts.length - 1)
        .map(String::trim)
        .map(cell -> cell.matches("`[^`]*`") ? cell.substring(1, cell.length() - 1) : cell)
        .toList();
  }

  private static Optional<String> nonEmpty(String cell) {
    return cell.isEmpty() ? Optional.empty() : Optional.of(cell);
  }
}
