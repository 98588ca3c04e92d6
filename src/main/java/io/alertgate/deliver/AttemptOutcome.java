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
}
