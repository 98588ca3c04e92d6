package io.alertgate.deliver.stackstorm;

import io.alertgate.deliver.ConnectorSettings;
import io.alertgate.deliver.SettingsReader;
import io.alertgate.deliver.http.Endpoint;
import io.alertgate.deliver.http.Tls;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A StackStorm destination, with the field names of the integrations guide: {@code base_url}, {@code api_key} (sent as
 * {@code St2-Api-Key}), {@code timeout} (seconds), {@code retry_count}, {@code ignore_ssl}; {@code ca_pem} trusts an
 * internal authority. What a routed alert starts: the {@code action} ({@code pack.action}) with its
 * {@code parameters} (templates, see {@link ParameterTemplates}), or, without an action, the {@code trigger}
 * ({@code pack.trigger}, {@code alertgate.alert} unless given) through StackStorm's own {@code st2} webhook.
 *
 * @param parameters the action's parameter templates, when configured; without them an execution gets the alert
 */
public record StackStormSettings(Endpoint baseUrl, String apiKey, Duration timeout, OptionalInt retryCount, Tls tls,
                                 Optional<PackRef> action, Optional<JsonObject> parameters, PackRef trigger)
    implements ConnectorSettings {

  static final List<String> FIELDS = List.of("base_url", "api_key", "timeout", "retry_count", "ignore_ssl", "ca_pem",
      "action", "parameters", "trigger");
  static final List<String> SECRETS = List.of("api_key");

  static final PackRef DEFAULT_TRIGGER = new PackRef("alertgate", "alert");

  public StackStormSettings {
    parameters = parameters.map(JsonObject::copy);
  }

  public static StackStormSettings fromJson(JsonObject json) {
    SettingsReader settings = SettingsReader.of(json, "stackstorm", FIELDS);
    String apiKey = settings.text("api_key");
    if (!apiKey.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      // It goes into a header as it is; StackStorm's keys are hex anyway.
      throw new IllegalArgumentException("api_key must be printable ASCII without spaces");
    }
    Optional<PackRef> action = Optional.ofNullable(settings.raw("action")).map(ref -> PackRef.parse("action", ref));
    Optional<JsonObject> parameters = Optional.ofNullable(settings.raw("parameters"))
        .map(given -> settings.object("parameters"));
    if (action.isEmpty() && parameters.isPresent()) {
      throw new IllegalArgumentException("parameters need an action: a trigger's payload is always the incident");
    }
    if (action.isPresent() && settings.raw("trigger") != null) {
      throw new IllegalArgumentException("action and trigger exclude each other: give the one routed alerts start");
    }
    parameters.ifPresent(template -> ParameterTemplates.check("parameters", template, StackStormCall.MODEL_NAMES));
    PackRef trigger = Optional.ofNullable(settings.raw("trigger")).map(ref -> PackRef.parse("trigger", ref))
        .orElse(DEFAULT_TRIGGER);
    return new StackStormSettings(settings.endpoint("base_url"), apiKey, settings.timeout(), settings.retryCount(),
        settings.tls("ignore_ssl", true), action, parameters, trigger);
  }

  /**
   * An API path as it goes under {@code base_url}, which may be StackStorm's address or, as StackStorm's documentation
   * writes it, that address with {@code /api}: then the API is not looked for under {@code /api/api}.
   */
  String apiPath(String path) {
    return baseUrl.target("").endsWith("/api") ? path.substring("/api".length()) : path;
  }

  @Override
  public String toString() {
    return "StackStormSettings[" + baseUrl.shown() + ", api_key set, timeout " + timeout.toSeconds() + "s, ignore_ssl "
        + !tls.verify() + ", " + action.map(ref -> "action " + ref).orElse("trigger " + trigger) + "]";
  }
}
