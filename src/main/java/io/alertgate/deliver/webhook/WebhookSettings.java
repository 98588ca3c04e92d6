package io.alertgate.deliver.webhook;

import io.alertgate.config.StandardWebhooksSecret;
import io.alertgate.deliver.ConnectorSettings;
import io.alertgate.deliver.SettingsReader;
import io.alertgate.deliver.http.Endpoint;
import io.alertgate.deliver.http.Tls;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A generic webhook destination, with the field names of the integrations guide: {@code url}, {@code method},
 * {@code headers}, {@code timeout} (seconds), {@code retry_count}, {@code verify_ssl}, and the Standard Webhooks
 * {@code secret} the gateway signs with; {@code ca_pem} trusts an internal authority.
 *
 * @param signingKey the key of the {@code whsec_} secret, when there is one; never printed
 */
public record WebhookSettings(Endpoint url, HttpMethod method, Map<String, String> headers, Duration timeout,
                              OptionalInt retryCount, Tls tls, Optional<byte[]> signingKey)
    implements ConnectorSettings {

  static final List<String> FIELDS = List.of("url", "method", "headers", "timeout", "retry_count", "verify_ssl",
      "ca_pem", "secret");
  // Header values carry bearer tokens as often as not.
  static final List<String> SECRETS = List.of("secret", "headers");

  static final List<HttpMethod> METHODS = List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
  // Set by the gateway on every request: a configured header may not replace what the signature covers.
  private static final Set<String> RESERVED = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
      "content-type", "content-length", "host", "transfer-encoding");

  public WebhookSettings {
    headers = Map.copyOf(headers);
  }

  public static WebhookSettings fromJson(JsonObject json) {
    SettingsReader settings = SettingsReader.of(json, "webhook", FIELDS);
    Map<String, String> headers = settings.textMap("headers", null);
    for (String name : headers.keySet()) {
      if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}") || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("headers: '" + SettingsReader.printable(name)
            + "' is not a header this webhook may set");
      }
    }
    return new WebhookSettings(settings.endpoint("url"), method(settings.raw("method")), headers,
        settings.timeout(), settings.retryCount(), settings.tls("verify_ssl", false), secret(settings.raw("secret")));
  }

  private static HttpMethod method(Object value) {
    String name = value == null ? "POST" : value instanceof String text ? text.trim().toUpperCase(Locale.ROOT) : "";
    return METHODS.stream().filter(m -> m.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("method must be POST, PUT or PATCH"));
  }

  private static Optional<byte[]> secret(Object value) {
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof String text) || !StandardWebhooksSecret.isValid(text)) {
      throw new IllegalArgumentException("secret must be a Standard Webhooks secret: whsec_ followed by base64");
    }
    return Optional.of(StandardWebhooksSecret.key(text));
  }

  @Override
  public String toString() {
    return "WebhookSettings[" + method + " " + url.shown() + ", headers " + headers.keySet() + ", timeout "
        + timeout.toSeconds() + "s, verify_ssl " + tls.verify() + ", secret "
        + (signingKey.isPresent() ? "set" : "none") + "]";
  }
}
