package io.alertgate.config;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads a configuration word into one of an enum's constants, naming the choices when it is none of them. */
final class ConfigEnums {

  private ConfigEnums() {
  }

  static <E extends Enum<E>> E parse(String key, String value, E[] choices, Function<E, String> configName) {
    return Arrays.stream(choices)
        .filter(choice -> configName.apply(choice).equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() -> new ConfigException(key, "must be one of " + Arrays.stream(choices)
            .map(configName).collect(Collectors.joining(", ")) + ", got '" + value + "'"));
  }
}
