package io.alertgate.deliver;

import io.alertgate.alert.Severity;
import io.alertgate.json.WireName;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One field of a destination type's settings as the integration registry describes it to an operator: what kind of
 * value it takes, whether it must be given, and what it is when it is not. Whether it is secret is the type's
 * {@link DestinationType#secretFields()}, said once.
 *
 * @param byDefault what the settings take when the field is left out; null when nothing is assumed
 * @param choices   the only values it takes, when it is one of a few words; empty otherwise
 */
public record SettingField(String name, Kind kind, boolean required, Object byDefault, List<String> choices) {

  /** The shape of a field's value. */
  public enum Kind implements WireName { STRING, URL, INTEGER, BOOLEAN, OBJECT, LIST }

  public SettingField {
    choices = List.copyOf(choices);
  }

  public static SettingField required(String name, Kind kind) {
    return new SettingField(name, kind, true, null, List.of());
  }

  public static SettingField optional(String name, Kind kind) {
    return optional(name, kind, null);
  }

  public static SettingField optional(String name, Kind kind, Object byDefault) {
    return new SettingField(name, kind, false, byDefault, List.of());
  }

  /** One of a few words; the default may be null when it follows from other fields. */
  public static SettingField choice(String name, List<String> choices, String byDefault) {
    return new SettingField(name, Kind.STRING, false, byDefault, choices);
  }

  /** A mapping from each severity, as the settings write it, in the order of severities. */
  public static JsonObject bySeverity(Map<Severity, String> mapping) {
    JsonObject json = new JsonObject();
    new EnumMap<>(mapping).forEach((severity, value) -> json.put(severity.wireName(), value));
    return json;
  }

  /**
   * A type's own fields followed by those every type's connection has, as {@link SettingsReader} reads them: the
   * attempt's timeout, retries, the TLS switch (named {@code verify_ssl} or, inverted, {@code ignore_ssl}) and an
   * authority to trust.
   */
  public static List<SettingField> withConnection(List<SettingField> own, String tlsSwitch, boolean switchDefault) {
    List<SettingField> all = new ArrayList<>(own);
    all.addAll(List.of(optional("timeout", Kind.INTEGER, SettingsReader.DEFAULT_TIMEOUT_SECONDS),
        optional("retry_count", Kind.INTEGER), optional(tlsSwitch, Kind.BOOLEAN, switchDefault),
        optional("ca_pem", Kind.STRING)));
    return all;
  }
}
