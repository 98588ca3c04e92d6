package io.alertgate.config;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * SnakeYAML's messages quote the offending line, and in this file that line may hold a secret: say where the
 * problem is and what it is, never what the line says.
 */
final class YamlErrors {

  private YamlErrors() {
  }

  static String describe(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof MarkedYAMLException yaml) {
        Mark mark = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
        String where = mark == null ? "" : "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + ": ";
        return where + (yaml.getProblem() != null ? yaml.getProblem() : "syntax error");
      }
    }
    return "not valid YAML";
  }
}
