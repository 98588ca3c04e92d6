package io.alertgate.admin;

import io.alertgate.alert.Timestamps;
import io.alertgate.http.ApiError;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Reads and checks admin query parameters; anything wrong is a 400 that names the parameter. */
final class QueryParams {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;

  private final RoutingContext ctx;

  QueryParams(RoutingContext ctx) {
    this.ctx = ctx;
  }

  String text(String name) {
    String value;
    try {
      value = ctx.request().getParam(name);
    } catch (IllegalArgumentException badEscape) {
      // Netty refuses a malformed %-escape anywhere in the query: the client's mistake, not a 500.
      throw new ApiError(400, "invalid_parameter", "the query string is not properly encoded");
    }
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.chars().anyMatch(Character::isISOControl)) {
      throw invalid(name, "must not contain control characters");
    }
    return value.trim();
  }

  String oneOf(String name, List<String> allowed) {
    String value = text(name);
    if (value != null && !allowed.contains(value)) {
      throw invalid(name, "must be one of " + String.join(", ", allowed));
    }
    return value;
  }

  UUID uuid(String name) {
    String value = text(name);
    return value == null ? null : parseUuid(name, value);
  }

  OffsetDateTime instant(String name) {
    String value = text(name);
    if (value == null) {
      return null;
    }
    Instant instant = Timestamps.parse(value).orElseThrow(() -> invalid(name, "must be an ISO 8601 date-time"));
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Where a listing continues, and how much of it: the keyset cursor and the limit every listing takes. */
  record Page(UUID cursor, int limit) {}

  Page page() {
    return new Page(uuid("cursor"), limit());
  }

  /** How many items a listing answers: {@value #DEFAULT_LIMIT} unless given, at most {@value #MAX_LIMIT}. */
  int limit() {
    String value = text("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    if (!value.matches("\\d{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > MAX_LIMIT) {
      throw invalid("limit", "must be a whole number from 1 to " + MAX_LIMIT);
    }
    return Integer.parseInt(value);
  }

  static UUID parseUuid(String name, String value) {
    try {
      UUID uuid = UUID.fromString(value);
      if (!uuid.toString().equalsIgnoreCase(value)) {
        throw new IllegalArgumentException();
      }
      return uuid;
    } catch (IllegalArgumentException e) {
      throw invalid(name, "must be an id (a UUID)");
    }
  }

  private static ApiError invalid(String name, String problem) {
    return new ApiError(400, "invalid_parameter", name + " " + problem);
  }
}
