package io.alertgate.config;

import io.alertgate.support.TestConfigs;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigReferenceTest {

  // Maven runs tests in the project's root, where the README is.
  private static final Path README = Path.of("README.md");
  private static final String TABLE_RULE = "|---|---|---|---|\n";

  @Test
  @DisplayName("The README's configuration table has every variable and key the code reads, paired and defaulted alike")
  void readmeTableMatchesTheCode() throws IOException {
    List<String> problems = problems(readme());
    assertTrue(problems.isEmpty(), () -> "README.md and the code disagree:\n" + String.join("\n", problems));
  }

  @Test
  @DisplayName("Every key a section reads is one it declares, so none can escape the table above")
  void everyKeyReadIsDeclared() {
    Set<String> declared = GatewayConfig.KEYS.stream().map(ConfigKey::path).collect(Collectors.toSet());
    // Nothing set, and every section set with a generic source and its mapping: the branches a key may hide in.
    JsonObject full = TestConfigs.yaml();
    full.getJsonObject("sources").getJsonObject("app").put("default_title", "t").put("default_severity", "low")
        .put("mapping", new JsonObject().put("title", "/t").put("severity", "/s"));
    full.put("destinations", new JsonObject().put("hook", new JsonObject().put("type", "webhook")
        .put("url", "https://x.example/")));
    full.put("routing", new JsonObject().put("default", new JsonArray().add("hook")).put("rules", new JsonArray()
        .add(new JsonObject().put("match", new JsonObject().put("min_severity", "high")).put("destinations",
            new JsonArray().add("hook")))));
    for (JsonObject tree : List.of(new JsonObject(), full)) {
      ConfigReader reader = new ConfigReader(tree, Map.of());
      GatewayConfig.read(reader);
      // A source's own keys are under its name, described in prose below the table.
      List<String> undeclared = reader.pathsRead().stream()
          .filter(path -> !declared.contains(path) && !perName(path))
          .sorted()
          .toList();
      assertEquals(List.of(), undeclared);
      assertTrue(reader.pathsRead().containsAll(declared), "every declared key is read");
    }
  }

  /**
   * A source's and a destination's own keys are under their names, described in prose below the table; the routing
   * section's rules are a list, described with their own example in the README's routing section.
   */
  private static boolean perName(String path) {
    return path.equals("sources") || path.startsWith("sources.") || path.equals("destinations")
        || path.startsWith("destinations.") || path.equals("routing") || path.startsWith("routing.");
  }

  @Test
  @DisplayName("A setting without a row is named, with the row to add")
  void missingRowsAreNamed() throws IOException {
    assertOnlyProblem(withoutRow("| `ALERTGATE_DB_POOL_SIZE` |"), "README.md: add a row for `ALERTGATE_DB_POOL_SIZE`: "
        + "| `ALERTGATE_DB_POOL_SIZE` | `database.pool_size` | (default) | (meaning) |");
    assertOnlyProblem(withoutRow("| | `pipeline.grace_seconds` |"),
        "README.md: add a row for `pipeline.grace_seconds`: | | `pipeline.grace_seconds` | (default) | (meaning) |");
    assertOnlyProblem(withoutRow("| `ALERTGATE_CONFIG` |"),
        "README.md: add a row for `ALERTGATE_CONFIG`: | `ALERTGATE_CONFIG` | | (default) | (meaning) |");
  }

  @Test
  @DisplayName("A row for a variable or key the code does not have, or a second row for one, is named, to be removed")
  void unknownRowsAreNamed() throws IOException {
    String unknown = ": the code reads no such variable and declares no such YAML key";
    assertOnlyProblem(withRow("| `ALERTGATE_COLOUR` | `ui.colour` | blue | |"),
        "README.md: remove the row for `ALERTGATE_COLOUR`" + unknown);
    assertOnlyProblem(withRow("| | `ingest.colour` | 3 | |"),
        "README.md: remove the row for `ingest.colour`" + unknown);
    assertOnlyProblem(withRow("| `ALERTGATE_HTTP_PORT` | `http.port` | 8080 | ingest port |"),
        "README.md: `ALERTGATE_HTTP_PORT` has 2 rows; remove all but one");
    // Keys under a source's own name are described below the table; a row may name them by pattern.
    assertEquals(List.of(), problems(withRow("| | `sources.<name>.vendor` | generic | payload shape |")));
  }

  @Test
  @DisplayName("A row that pairs a variable with another key, or leaves a variable out, says which column to change")
  void mispairedRowsAreNamed() throws IOException {
    assertOnlyProblem(replaced("| `ALERTGATE_HTTP_PORT` | `http.port` |", "| `ALERTGATE_HTTP_PORT` | `admin.port` |"),
        "README.md: in the row for `ALERTGATE_HTTP_PORT`, the YAML key column says `admin.port` "
            + "but should say `http.port`");
    assertOnlyProblem(replaced("| `ALERTGATE_PIPELINE_ENABLED` | `pipeline.enabled` |", "| | `pipeline.enabled` |"),
        "README.md: in the row for `ALERTGATE_PIPELINE_ENABLED`, the variable column is empty "
            + "but should say `ALERTGATE_PIPELINE_ENABLED`");
    assertOnlyProblem(replaced("| `ALERTGATE_ADMIN_PORT` |", "| `ALERTGATE_ADMIN_PORTS` |"),
        "README.md: in the row for `ALERTGATE_ADMIN_PORT`, the variable column says `ALERTGATE_ADMIN_PORTS` "
            + "but should say `ALERTGATE_ADMIN_PORT`");
  }

  @Test
  @DisplayName("A plain number or boolean in the default column must be the code's default")
  void wrongDefaultsAreNamed() throws IOException {
    assertOnlyProblem(replaced("| `http.port` | 8080 |", "| `http.port` | 8081 |"),
        "README.md: in the row for `ALERTGATE_HTTP_PORT`, the default column says 8081, but the code's default for "
            + "`http.port` is another value (setting it to 8081 changes the configuration): "
            + "write the default its section reads");
    assertOnlyProblem(replaced("| `pipeline.enabled` | true |", "| `pipeline.enabled` | false |"),
        "README.md: in the row for `ALERTGATE_PIPELINE_ENABLED`, the default column says false, but the code's "
            + "default for `pipeline.enabled` is another value (setting it to false changes the configuration): "
            + "write the default its section reads");
  }

  private static void assertOnlyProblem(String readme, String expected) {
    assertEquals(List.of(expected), problems(readme));
  }

  private static List<String> problems(String readme) {
    return ConfigReferenceCheck.problems(ReferenceTable.parse(readme));
  }

  private static String readme() throws IOException {
    return Files.readString(README);
  }

  private static String withoutRow(String start) throws IOException {
    String readme = readme();
    String without = readme.lines().filter(line -> !line.startsWith(start)).collect(Collectors.joining("\n"));
    assertNotEquals(readme.lines().count(), without.lines().count(), "README.md has no row starting " + start);
    return without;
  }

  /** Adds a row under the table's header. */
  private static String withRow(String row) throws IOException {
    return replaced(TABLE_RULE, TABLE_RULE + row + "\n");
  }

  private static String replaced(String text, String replacement) throws IOException {
    String readme = readme();
    assertTrue(readme.contains(text), "README.md does not contain " + text);
    return readme.replaceFirst(Pattern.quote(text), Matcher.quoteReplacement(replacement));
  }
}
