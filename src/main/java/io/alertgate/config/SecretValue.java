package io.alertgate.config;

/** A secret in the configuration: usable, never printed. */
public record SecretValue(String value) {

  @Override
  public String toString() {
    return "[redacted]";
  }
}
