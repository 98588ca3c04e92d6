package io.alertgate.enrich.provider;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;

/**
 * VirusTotal API v3: addresses, domains, URLs and file hashes, each an object whose last analysis says how many
 * engines found it malicious. The key goes in {@code x-apikey}; errors come as {@code {"error":{"code","message"}}}.
 */
public final class VirusTotalClient extends HttpProviderClient {

  public static final String NAME = "virustotal";
  public static final String DEFAULT_BASE_URL = "https://www.virustotal.com";

  public VirusTotalClient(Vertx vertx, String baseUrl, String apiKey, ProviderOptions options, Clock clock) {
    super(vertx, NAME, "VirusTotal", EnumSet.allOf(Indicator.Kind.class), baseUrl, apiKey, options, clock);
  }

  @Override
  HttpRequest<Buffer> request(WebClient web, String base, String key, Indicator indicator) {
    return web.getAbs(base + "/api/v3/" + path(indicator)).putHeader("x-apikey", key)
        .putHeader("Accept", "application/json");
  }

  /** Where VirusTotal keeps the indicator's object. */
  static String path(Indicator indicator) {
    return switch (indicator.kind()) {
      case IP -> "ip_addresses/" + PathSegment.encode(indicator.value());
      case DOMAIN -> "domains/" + PathSegment.encode(indicator.value());
      case HASH -> "files/" + indicator.value();
      case URL -> "urls/" + urlId(indicator.value());
    };
  }

  /** A URL's id: the URL itself in unpadded URL-safe base64, so that no lookup needs its SHA-256 first. */
  static String urlId(String url) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(url.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  Figures figures(JsonObject body) {
    return VirusTotalFigures.fromAnswer(body);
  }

  @Override
  Optional<String> errorCode(JsonObject body) {
    return body.getValue("error") instanceof JsonObject error && error.getValue("code") instanceof String code
        ? Optional.of(code) : Optional.empty();
  }
}
