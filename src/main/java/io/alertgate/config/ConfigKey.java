package io.alertgate.config;

import java.util.Optional;

/**
 * One setting, declared once by the section that reads it: its YAML path and the environment variable that overrides
 * it, if any. The section reads the path, {@link EnvOverrides} builds its table from the variables, and the README's
 * configuration reference is checked against both.
 *
 * @param path     the dotted YAML path
 * @param variable the environment variable that overrides the path
 * @param list     the variable takes a comma-separated list: secrets and tokens, so that a rotation can run with the
 *                 old and the new value at once
 */
record ConfigKey(String path, Optional<String> variable, boolean list) {

  /** A key only the YAML file sets. */
  static ConfigKey of(String path) {
    return new ConfigKey(path, Optional.empty(), false);
  }

  /** A key an environment variable overrides with one value. */
  static ConfigKey of(String path, String variable) {
    return new ConfigKey(path, Optional.of(variable), false);
  }

  /** A key an environment variable overrides with a comma-separated list. */
  static ConfigKey commaSeparated(String path, String variable) {
    return new ConfigKey(path, Optional.of(variable), true);
  }
}
