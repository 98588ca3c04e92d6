package io.alertgate.admin;

import io.alertgate.alert.Timestamps;
import io.alertgate.deliver.Deliveries;
import io.alertgate.deliver.DeliveryStatus;
import io.alertgate.http.ApiError;
import io.alertgate.json.WireName;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The body of a bulk replay, {@code {"destination", "status", "since", "until", "limit"}}, every field optional: the
 * dead letters of every destination, a thousand at a time, when none is given. A field it does not know, or a value
 * of the wrong kind, is a 400 that names it: a misspelt filter must never widen a replay.
 */
final class ReplayRequest {

  /** Five short fields: anything larger is not a replay request. */
  static final int MAX_BODY = 4 * 1024;
  static final int DEFAULT_LIMIT = 1_000;
  /** One statement locks and updates this many rows at the most, well within the admin API's statement timeout. */
  static final int MAX_LIMIT = 10_000;

  private static final List<String> FIELDS = List.of("destination", "status", "since", "until", "limit");
  private static final int MAX_NAME = 200;

  private ReplayRequest() {
  }

  static Deliveries.Matching read(JsonObject body) {
    for (String field : body.fieldNames()) {
      if (!FIELDS.contains(field)) {
        throw invalid("unknown field: " + QueryParams.shown(field) + " (a replay takes " + String.join(", ", FIELDS)
            + ")");
      }
    }
    String destination = body.getValue("destination") == null ? null
        : JsonBodies.text(body, "destination", MAX_NAME);
    Instant since = instant(body, "since");
    Instant until = instant(body, "until");
    if (since != null && until != null && !since.isBefore(until)) {
      throw invalid("since must be before until");
    }
    return new Deliveries.Matching(status(body), destination, since, until, limit(body));
  }

  private static DeliveryStatus status(JsonObject body) {
    Object value = body.getValue("status");
    if (value == null) {
      return DeliveryStatus.DEAD;
    }
    if (!(value instanceof String status) || !Deliveries.replayable().contains(status)) {
      throw invalid("status must be one of " + String.join(", ", Deliveries.replayable())
          + ": a delivered delivery is never sent twice");
    }
    return WireName.parse(DeliveryStatus.class, status);
  }

  private static Instant instant(JsonObject body, String field) {
    Object value = body.getValue(field);
    if (value == null) {
      return null;
    }
    Optional<Instant> instant = value instanceof String text ? Timestamps.parse(text) : Optional.empty();
    return instant.orElseThrow(() -> invalid(field + " must be an ISO 8601 date-time, such as 2026-01-31T08:00:00Z"));
  }

  private static int limit(JsonObject body) {
    Object value = body.getValue("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    if (!(value instanceof Integer limit) || limit < 1 || limit > MAX_LIMIT) {
      throw invalid("limit must be a whole number from 1 to " + MAX_LIMIT);
    }
    return limit;
  }

  private static ApiError invalid(String message) {
    return new ApiError(400, "invalid_request", message);
  }
}
