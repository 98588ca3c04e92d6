package io.alertgate.deliver.webhook;

import io.alertgate.config.StandardWebhooksSecret;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A generic webhook destination, with the field names of the integrations guide: {@code url}, {@code method},
 * {@code headers}, {@code timeout} (seconds), {@code verify_ssl}, and the Standard Webhooks {@code secret} the
 * gateway signs with. Checked as it is read: a wrong field is an IllegalArgumentException that names it.
 *
 * @param signingKey the key of the {@code whsec_} secret, when there is one; never printed
 */
public record WebhookConfig(URI url, HttpMethod method, Map<String, String> headers, int timeoutSeconds,
                            boolean verifySsl, Optional<byte[]> signingKey) {

  private static final Set<HttpMethod> METHODS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);
  // Set by the gateway on every request: a configured header may not replace what the signature covers.
  private static final Set<String> RESERVED = Set.of("webhook-id", "webhook-timestamp", "webhook-signature",
      "content-type", "content-length", "host", "transfer-encoding");
  private static final int MAX_TIMEOUT_SECONDS = 300;
  // A misspelt field must not pass unnoticed: a "secert" would send every webhook unsigned.
  private static final Set<String> FIELDS = Set.of("url", "method", "headers", "timeout", "verify_ssl", "secret");

  public WebhookConfig {
    headers = Map.copyOf(headers);
  }

  public static WebhookConfig fromJson(JsonObject json) {
    for (String field : json.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw new IllegalArgumentException("'" + printable(field) + "' is not a webhook field ("
            + String.join(", ", new TreeSet<>(FIELDS)) + ")");
      }
    }
    URI url = url(json.getValue("url"));
    HttpMethod method = method(json.getValue("method", "POST"));
    Map<String, String> headers = headers(json.getValue("headers", new JsonObject()));
    Object timeout = json.getValue("timeout", 30);
    if (!(timeout instanceof Integer seconds) || seconds < 1 || seconds > MAX_TIMEOUT_SECONDS) {
      throw new IllegalArgumentException("timeout must be a whole number of seconds from 1 to " + MAX_TIMEOUT_SECONDS);
    }
    Object verify = json.getValue("verify_ssl", true);
    if (!(verify instanceof Boolean verifySsl)) {
      throw new IllegalArgumentException("verify_ssl must be true or false");
    }
    return new WebhookConfig(url, method, headers, seconds, verifySsl, secret(json.getValue("secret")));
  }

  private static URI url(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalArgumentException("url is required: the http or https address to send to");
    }
    try {
      URI url = new URI(text.trim());
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new IllegalArgumentException("url must be an absolute http or https address with a host");
      }
      if (url.getRawUserInfo() != null) {
        throw new IllegalArgumentException("url must not carry credentials; put them in headers");
      }
      return url;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("url is not a valid address");
    }
  }

  private static HttpMethod method(Object value) {
    String name = value instanceof String text ? text.trim().toUpperCase(Locale.ROOT) : "";
    HttpMethod method = METHODS.stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
    if (method == null) {
      throw new IllegalArgumentException("method must be POST, PUT or PATCH");
    }
    return method;
  }

  private static Map<String, String> headers(Object value) {
    if (!(value instanceof JsonObject object)) {
      throw new IllegalArgumentException("headers must be an object of names and values");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String name : object.fieldNames()) {
      Object header = object.getValue(name);
      if (!name.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}") || RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("headers: '" + printable(name) + "' is not a header this webhook may set");
      }
      if (!(header instanceof String text) || text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f)) {
        // The value may be a credential: named by its header, never echoed.
        throw new IllegalArgumentException("headers: the value of " + name + " must be text without control characters");
      }
      headers.put(name, text);
    }
    return headers;
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

  private static String printable(String name) {
    String clean = name.replaceAll("\\p{Cntrl}", "?");
    return clean.length() <= 64 ? clean : clean.substring(0, 64) + "...";
  }

  /**
   * The URL as it may be shown: scheme, host and port only. Many receivers carry their secret in the path (chat
   * webhooks put a token there) or the query, so neither is ever shown.
   */
  public String shownUrl() {
    boolean hasMore = url.getRawPath() != null && url.getRawPath().length() > 1 || url.getRawQuery() != null;
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (hasMore ? "/..." : "/");
  }

  @Override
  public String toString() {
    return "WebhookConfig[" + method + " " + shownUrl() + ", headers " + headers.keySet() + ", timeout "
        + timeoutSeconds + "s, verify_ssl " + verifySsl + ", secret " + (signingKey.isPresent() ? "set" : "none") + "]";
  }
}
