package io.alertgate.admin;

import io.alertgate.alert.Timestamps;
import io.alertgate.http.ApiError;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads and checks admin query parameters; anything wrong is a 400 that names the parameter. */
final class QueryParams {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  private static final int MAX_NAME_SHOWN = 64;

  private final RoutingContext ctx;

  QueryParams(RoutingContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Mounted before a route's handler: a parameter the route does not read is refused rather than ignored, so a
   * misspelt filter ({@code ?destinaton=}) never widens what an operator lists or replays without a word.
   */
  static Handler<RoutingContext> only(String... names) {
    Set<String> known = Stream.of(names).map(QueryParams::folded).collect(Collectors.toUnmodifiableSet());
    return ctx -> {
      // Folded as the reads below fold them: Vert.x finds a parameter whatever its case.
      for (String name : decoded(() -> ctx.queryParams().names())) {
        if (!known.contains(folded(name))) {
          throw new ApiError(400, "bad_request", "unknown query parameter: " + shown(name));
        }
      }
      ctx.next();
    };
  }

  /** As {@link #only}, for a listing, which also takes its page's cursor and limit. */
  static Handler<RoutingContext> paged(String... filters) {
    return only(Stream.concat(Stream.of(filters), Stream.of("cursor", "limit")).toArray(String[]::new));
  }

  private static String folded(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** A name as the client wrote it, short and printable enough to be said back. */
  static String shown(String name) {
    String printable = name.replaceAll("\\p{Cc}", "?");
    return printable.length() <= MAX_NAME_SHOWN ? printable : printable.substring(0, MAX_NAME_SHOWN) + "...";
  }

  String text(String name) {
    String value = decoded(() -> ctx.request().getParam(name));
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

  private static <T> T decoded(Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException | HttpException badEscape) {
      // Netty refuses a malformed %-escape anywhere in the query (vertx-web wraps that in a bare 400): the client's
      // mistake, said as such.
      throw new ApiError(400, "invalid_parameter", "the query string is not properly encoded");
    }
  }

  private static ApiError invalid(String name, String problem) {
    return new ApiError(400, "invalid_parameter", name + " " + problem);
  }
}
