package io.alertgate.config;

import io.alertgate.config.ReferenceTable.Row;
import io.alertgate.secret.MasterKey;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Holds the README's configuration table against the code: every variable the code reads (each declared override,
 * and those read outside the YAML tree: {@code ALERTGATE_CONFIG}, {@code ALERTGATE_MASTER_KEY} and
 * {@code ALERTGATE_LOG_FORMAT}), every YAML key the sections declare, which variable overrides which key, and the
 * defaults that are plain numbers or booleans.
 * Each problem says what to add, remove or change in README.md.
 */
final class ConfigReferenceCheck {

  /** A setting the code reads: a variable, a YAML key, or both when the variable overrides the key. */
  private record Setting(Optional<String> variable, Optional<String> yamlKey) {

    String name() {
      return code(variable.or(() -> yamlKey));
    }
  }

  // Keys under a source's own name are described in prose below the table, and may be written there as a pattern.
  private static final Pattern PER_SOURCE_KEY = Pattern.compile("sources\\.<[^>]+>\\..+");
  // Defaults such as "cores", "(generated)" or a path are words for a reader, not values to set.
  private static final Pattern LITERAL_DEFAULT = Pattern.compile("-?\\d{1,18}|true|false");

  // The master key has no YAML key: a key written in the configuration file would travel wherever the file does. Nor
  // has the log format: logback reads it before the file is.
  private final List<Setting> settings = Stream.concat(
          Stream.of(ConfigLoader.CONFIG_FILE_ENV, MasterKey.VARIABLE, LoggingSettings.FORMAT_VARIABLE)
              .map(variable -> new Setting(Optional.of(variable), Optional.empty())),
          GatewayConfig.KEYS.stream().map(key -> new Setting(key.variable(), Optional.of(key.path()))))
      .toList();
  private final GatewayConfig defaults = GatewayConfig.parse(new JsonObject(), Map.of());

  static List<String> problems(ReferenceTable table) {
    return new ConfigReferenceCheck().check(table);
  }

  private List<String> check(ReferenceTable table) {
    List<String> problems = new ArrayList<>();
    Map<Setting, List<Row>> rowsBySetting = new LinkedHashMap<>();
    for (Row row : table.rows()) {
      if (row.variable().isEmpty() && row.yamlKey().filter(key -> PER_SOURCE_KEY.matcher(key).matches()).isPresent()) {
        continue;
      }
      Optional<Setting> setting = settingOf(row);
      if (setting.isEmpty()) {
        problems.add("README.md: remove the row for " + code(row.variable().or(row::yamlKey))
            + ": the code reads no such variable and declares no such YAML key");
        continue;
      }
      rowsBySetting.computeIfAbsent(setting.get(), s -> new ArrayList<>()).add(row);
      problems.addAll(columnProblems(setting.get(), row));
    }
    for (Setting setting : settings) {
      List<Row> rows = rowsBySetting.getOrDefault(setting, List.of());
      if (rows.isEmpty()) {
        problems.add("README.md: add a row for " + setting.name() + ": "
            + markdownRow(code(setting.variable()), code(setting.yamlKey()), "(default)", "(meaning)"));
      } else if (rows.size() > 1) {
        problems.add("README.md: " + setting.name() + " has " + rows.size() + " rows; remove all but one");
      }
    }
    return problems;
  }

  /** The setting a row describes: the one its variable names, else the one its YAML key names. */
  private Optional<Setting> settingOf(Row row) {
    Optional<Setting> byVariable = settings.stream()
        .filter(setting -> row.variable().isPresent() && setting.variable().equals(row.variable()))
        .findFirst();
    return byVariable.or(() -> settings.stream()
        .filter(setting -> row.yamlKey().isPresent() && setting.yamlKey().equals(row.yamlKey()))
        .findFirst());
  }

  private List<String> columnProblems(Setting setting, Row row) {
    List<String> problems = new ArrayList<>();
    column(setting, "variable", row.variable(), setting.variable()).ifPresent(problems::add);
    column(setting, "YAML key", row.yamlKey(), setting.yamlKey()).ifPresent(problems::add);
    if (setting.yamlKey().isPresent() && LITERAL_DEFAULT.matcher(row.defaultValue()).matches()
        && !isDefault(setting.yamlKey().get(), row.defaultValue())) {
      problems.add("README.md: in the row for " + setting.name() + ", the default column says " + row.defaultValue()
          + ", but the code's default for " + code(setting.yamlKey()) + " is another value (setting it to "
          + row.defaultValue() + " changes the configuration): write the default its section reads");
    }
    return problems;
  }

  private static Optional<String> column(Setting setting, String column, Optional<String> found,
                                         Optional<String> expected) {
    if (found.equals(expected)) {
      return Optional.empty();
    }
    String says = found.map(value -> "says " + code(value)).orElse("is empty");
    String should = expected.map(value -> "should say " + code(value)).orElse("should be empty");
    return Optional.of("README.md: in the row for " + setting.name() + ", the " + column + " column " + says
        + " but " + should);
  }

  /** Whether setting the key to the documented value leaves the whole configuration as it is with the key unset. */
  private boolean isDefault(String path, String documented) {
    Object value = documented.matches("true|false") ? Boolean.valueOf(documented) : Long.valueOf(documented);
    JsonObject yaml = new JsonObject();
    EnvOverrides.put(yaml, path, value);
    try {
      return GatewayConfig.parse(yaml, Map.of()).equals(defaults);
    } catch (ConfigException outOfRange) {
      return false;
    }
  }

  private static String markdownRow(String... cells) {
    return Stream.of(cells).map(cell -> cell.isEmpty() ? "|" : "| " + cell).collect(Collectors.joining(" ")) + " |";
  }

  private static String code(Optional<String> text) {
    return text.map(ConfigReferenceCheck::code).orElse("");
  }

  private static String code(String text) {
    return "`" + text + "`";
  }
}
