package io.alertgate.config;

import io.alertgate.alert.Severity;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The {@code sources} section: the built-in sources, which exist whether or not they are written out, then every
 * other source the configuration declares, each with its vendor, auth, dedup pointer and field mapping.
 */
final class SourceSettings {

  /** Only the built-in sources' credentials have variables; every other key is read by path under a source's name. */
  static final List<ConfigKey> KEYS = BuiltInSources.CREDENTIAL_KEYS;

  private static final Pattern SOURCE_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  private static final Pattern POINTER = Pattern.compile("(/[^/]*)+");

  private SourceSettings() {
  }

  static Map<String, SourceConfig> read(ConfigReader config) {
    JsonObject declared = config.section("sources");
    Map<String, SourceConfig> sources = new LinkedHashMap<>();
    for (Vendor vendor : List.of(Vendor.ELASTIC, Vendor.SENTINEL, Vendor.SPLUNK)) {
      sources.put(vendor.configName(), source(config, vendor.configName(), vendor));
    }
    for (String name : declared.fieldNames()) {
      if (!SOURCE_NAME.matcher(name).matches()) {
        throw new ConfigException("sources." + name, "is not a valid source name (lower-case letters, digits, - and _)");
      }
      if (!sources.containsKey(name)) {
        sources.put(name, source(config, name, null));
      }
    }
    return sources;
  }

  private static SourceConfig source(ConfigReader config, String name, Vendor builtIn) {
    String prefix = "sources." + name + ".";
    Vendor vendor = config.string(prefix + "vendor")
        .map(value -> Vendor.parse(config.name(prefix + "vendor"), value))
        .orElse(builtIn == null ? Vendor.GENERIC : builtIn);
    AuthConfig defaults = builtIn == null ? null : BuiltInSources.defaultAuth(builtIn);
    Optional<String> pointer = config.string(prefix + "dedup_pointer");
    pointer.filter(p -> !POINTER.matcher(p).matches()).ifPresent(p -> {
      throw new ConfigException(config.name(prefix + "dedup_pointer"), "must be a JSON pointer such as /event/id");
    });
    return new SourceConfig(name, vendor, AuthConfig.read(config, prefix + "auth.", defaults), pointer,
        mapping(config, prefix));
  }

  private static FieldMapping mapping(ConfigReader config, String prefix) {
    JsonObject fields = config.section(prefix + "mapping");
    Map<String, String> pointers = new LinkedHashMap<>();
    for (String field : fields.fieldNames()) {
      String key = prefix + "mapping." + field;
      if (!FieldMapping.FIELDS.contains(field)) {
        throw new ConfigException(key, "is not an alert field a mapping can set (" + String.join(", ",
            new TreeSet<>(FieldMapping.FIELDS)) + ")");
      }
      String pointer = config.string(key).orElse("");
      if (!POINTER.matcher(pointer).matches()) {
        throw new ConfigException(key, "must be a JSON pointer such as /alert/title");
      }
      pointers.put(field, pointer);
    }
    String severity = config.string(prefix + "default_severity").orElse("medium");
    if (!Severity.wireNames().contains(severity)) {
      throw new ConfigException(prefix + "default_severity",
          "must be one of " + String.join(", ", Severity.wireNames()));
    }
    return new FieldMapping(pointers, config.string(prefix + "default_title").orElse(null), severity);
  }
}
