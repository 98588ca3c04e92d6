package io.alertgate.enrich.provider;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Optional;

/**
 * AbuseIPDB API v2's check of an address over the last 90 days. The key goes in {@code Key}; JSON must be asked for
 * with {@code Accept}; errors come as {@code {"errors":[{"detail","status"}]}}, and every answer carries the daily
 * quota in {@code X-RateLimit-*}.
 */
public final class AbuseIpDbClient extends HttpProviderClient {

  public static final String NAME = "abuseipdb";
  public static final String DEFAULT_BASE_URL = "https://api.abuseipdb.com";
  /** How far back reports count, in days. */
  static final int MAX_AGE_DAYS = 90;

  public AbuseIpDbClient(Vertx vertx, String baseUrl, String apiKey, ProviderOptions options, Clock clock) {
    super(vertx, NAME, "AbuseIPDB", EnumSet.of(Indicator.Kind.IP), baseUrl, apiKey, options, clock);
  }

  @Override
  HttpRequest<Buffer> request(WebClient web, String base, String key, Indicator indicator) {
    return web.getAbs(base + "/api/v2/check").addQueryParam("ipAddress", indicator.value())
        .addQueryParam("maxAgeInDays", Integer.toString(MAX_AGE_DAYS))
        .putHeader("Key", key).putHeader("Accept", "application/json");
  }

  @Override
  Figures figures(JsonObject body) {
    return AbuseIpDbFigures.fromAnswer(body);
  }

  @Override
  Optional<String> errorCode(JsonObject body) {
    return body.getValue("errors") instanceof JsonArray errors && !errors.isEmpty()
        && errors.getValue(0) instanceof JsonObject first && first.getValue("detail") instanceof String detail
        ? Optional.of(detail) : Optional.empty();
  }
}
