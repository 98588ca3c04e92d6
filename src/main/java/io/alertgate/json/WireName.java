package io.alertgate.json;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** An enum written in lower case wherever it leaves Java: API documents, database columns, configuration. */
public interface WireName {

  /** The constant's name; every enum has it. */
  String name();

  default String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The constant a wire name stands for; an IllegalArgumentException when it names none. */
  static <E extends Enum<E> & WireName> E parse(Class<E> type, String wireName) {
    return Enum.valueOf(type, wireName.toUpperCase(Locale.ROOT));
  }

  /** Every constant's wire name, in declaration order. */
  static <E extends Enum<E> & WireName> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(WireName::wireName).toList();
  }
}
