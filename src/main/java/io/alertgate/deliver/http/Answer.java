package io.alertgate.deliver.http;

import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.http.RetryAfter;
import io.alertgate.net.TargetGuard;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What came back from one request: a status with its headers and the start of its body, or no answer and why.
 *
 * @param status  the HTTP status, 0 when no answer came
 * @param body    the answer's body up to the caller's limit; {@code truncated} says whether there was more
 * @param failure why no answer came, when none did
 */
public record Answer(int status, MultiMap headers, Buffer body, boolean truncated, Throwable failure) {

  /** The start of the body kept in the attempt log. */
  public static final int LOGGED_BYTES = 1_024;

  static Answer of(int status, MultiMap headers, Buffer body, boolean truncated) {
    return new Answer(status, headers, body, truncated, null);
  }

  static Answer none(Throwable failure) {
    return new Answer(0, MultiMap.caseInsensitiveMultiMap(), Buffer.buffer(), false, failure);
  }

  public boolean answered() {
    return failure == null;
  }

  public AttemptResult result() {
    if (!answered()) {
      // A target the gateway refused to reach will be refused again; anything else may pass another time.
      return failure instanceof TargetGuard.Refused ? AttemptResult.PERMANENT : AttemptResult.RETRYABLE;
    }
    return AttemptResult.ofStatus(status);
  }

  /** The body as JSON, when it is a complete JSON object. */
  public Optional<JsonObject> json() {
    if (truncated || body.length() == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(new JsonObject(body));
    } catch (RuntimeException notAnObject) {
      return Optional.empty();
    }
  }

  public Optional<Duration> retryAfter(Instant now) {
    return RetryAfter.parse(headers.get("Retry-After"), now);
  }

  /** The start of the body, as text, for the log. */
  public String logged() {
    if (!answered()) {
      return null;
    }
    Buffer start = body.length() <= LOGGED_BYTES ? body : body.slice(0, LOGGED_BYTES);
    return start.toString(StandardCharsets.UTF_8);
  }

  /**
   * The attempt's outcome under the one classification every connector shares.
   *
   * @param who         the destination as the error names it ("PagerDuty", "the webhook")
   * @param externalRef what the destination now calls the thing, when delivered
   * @param why         the destination's own explanation of a refusal, when it gave one
   */
  public AttemptOutcome outcome(OutboundRequest request, String who, String externalRef, Optional<String> why,
                                Instant now) {
    AttemptResult result = result();
    String error = null;
    if (!answered()) {
      error = failure instanceof TargetGuard.Refused ? "refused: " + failure.getMessage()
          : "no answer: " + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage());
    } else if (result != AttemptResult.DELIVERED) {
      error = who + " answered " + status + why.map(reason -> ": " + reason).orElse("");
    }
    return new AttemptOutcome(result, status, result == AttemptResult.DELIVERED ? externalRef : null,
        answered() ? retryAfter(now) : Optional.empty(), error, request.shown(), logged());
  }
}
