package io.alertgate.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Which SIEM's payload shape a source receives; decides its dedup key now and its normalizer later. */
public enum Vendor {
  ELASTIC, SENTINEL, SPLUNK, GENERIC;

  public String configName() {
    return name().toLowerCase();
  }

  static Vendor parse(String key, String value) {
    return Arrays.stream(values())
        .filter(vendor -> vendor.configName().equalsIgnoreCase(value))
        .findFirst()
        .orElseThrow(() -> new ConfigException(key, "must be one of " + Arrays.stream(values())
            .map(Vendor::configName).collect(Collectors.joining(", ")) + ", got '" + value + "'"));
  }
}
