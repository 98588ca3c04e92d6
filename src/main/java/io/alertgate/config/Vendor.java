package io.alertgate.config;

/** Which SIEM's payload shape a source receives; decides its dedup key now and its normalizer later. */
public enum Vendor {
  ELASTIC, SENTINEL, SPLUNK, GENERIC;

  public String configName() {
    return name().toLowerCase();
  }

  static Vendor parse(String key, String value) {
    return ConfigEnums.parse(key, value, values(), Vendor::configName);
  }

}
