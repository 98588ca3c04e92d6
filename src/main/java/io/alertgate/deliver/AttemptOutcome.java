package io.alertgate.deliver;

import java.time.Duration;
import java.util.Optional;

/**
 * What one attempt came to, as the delivery's attempt log keeps it.
 *
 * @param result      delivered, worth retrying, or permanent
 * @param status      the destination's HTTP status, or 0 when no answer came
 * @param externalRef what the destination calls the thing now (an issue key, an execution id), when it says
 * @param retryAfter  how long the destination asked to be left alone, when it did
 * @param error       why it failed, in a sentence that names no secret; null when delivered
 * @param request     what was sent, redacted: method, URL without its query, body size
 * @param response    the start of the answer's body, for the operator
 */
public record AttemptOutcome(AttemptResult result, int status, String externalRef, Optional<Duration> retryAfter,
                             String error, String request, String response) {

  /** The shortest end of a cut-off answer that is taken for the start of a secret and dropped with it. */
  private static final int SECRET_START = 4;

  /**
   * The same outcome with a secret the destination echoed (in its error text or its answer) written as
   * {@code [redacted]}; an answer cut off in the middle of the secret loses the part it kept.
   */
  public AttemptOutcome redacting(String secret) {
    if (secret == null || secret.length() < SECRET_START) {
      return this;
    }
    return new AttemptOutcome(result, status, externalRef, retryAfter, redact(error, secret), request,
        redact(response, secret));
  }

  /** The text with the secret, and a cut-off start of it at the text's end, written as {@code [redacted]}. */
  public static String redact(String text, String secret) {
    if (text == null || secret == null || secret.length() < SECRET_START) {
      return null;
    }
    String redacted = text.replace(secret, "[redacted]");
    for (int kept = Math.min(secret.length() - 1, redacted.length()); kept >= SECRET_START; kept--) {
      if (redacted.endsWith(secret.substring(0, kept))) {
        return redacted.substring(0, redacted.length() - kept) + "[redacted]";
      }
    }
    return redacted;
  }
}
