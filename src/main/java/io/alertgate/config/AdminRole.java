package io.alertgate.config;

import io.alertgate.json.WireName;

/** What an admin API token may do: a viewer reads, an admin does everything. */
public enum AdminRole implements WireName {
  VIEWER,
  ADMIN;

  static AdminRole parse(String key, String value) {
    return ConfigEnums.parse(key, value, values(), AdminRole::wireName);
  }
}
