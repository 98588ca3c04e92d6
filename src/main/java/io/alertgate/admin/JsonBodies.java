package io.alertgate.admin;

import io.alertgate.http.ApiError;
import io.alertgate.http.Utf8Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Request bodies of the admin API: a JSON object, or a 400 that says what is wrong with it. */
final class JsonBodies {

  private JsonBodies() {
  }

  static JsonObject object(RoutingContext ctx) {
    Buffer body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw new ApiError(400, "invalid_json", "The body must be a JSON object");
    }
    ApiError charset = Utf8Json.charsetRefusal(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    if (charset != null) {
      throw charset;
    }
    Utf8Json.requireUtf8(body.getBytes());
    try {
      return new JsonObject(body);
    } catch (RuntimeException malformed) {
      throw new ApiError(400, "invalid_json", "The body is not a JSON object");
    }
  }

  /** A required text field of at most {@code max} characters. */
  static String text(JsonObject body, String field, int max) {
    Object value = body.getValue(field);
    // Half of a UTF-16 pair alone is no character (a pair is one code point here): it cannot be stored as text.
    if (!(value instanceof String text) || text.isBlank() || text.length() > max || text.codePoints()
        .anyMatch(c -> c < 0x20 || c == 0x7f || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE)) {
      throw new ApiError(400, "invalid_request", field + " is required: text of 1 to " + max
          + " characters without control characters");
    }
    return text;
  }

  /** A field that must be an object when present. */
  static JsonObject object(JsonObject body, String field, boolean required) {
    Object value = body.getValue(field);
    if (value == null && !required) {
      return new JsonObject();
    }
    if (!(value instanceof JsonObject object)) {
      throw new ApiError(400, "invalid_request", field + (required ? " is required and" : "") + " must be an object");
    }
    return object;
  }
}
