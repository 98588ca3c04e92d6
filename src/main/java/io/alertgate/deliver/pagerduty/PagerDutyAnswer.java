package io.alertgate.deliver.pagerduty;

import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.http.Answer;
import io.alertgate.deliver.http.OutboundRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what the Events API answers: {@code {"status", "message", "dedup_key"}} on success, {@code {"status",
 * "message", "errors": [...]}} on a refusal. The answer may quote the event, routing key included, so the key is
 * blotted out of everything an outcome keeps of it.
 */
final class PagerDutyAnswer {

  static final String REDACTED = "[redacted]";
  private static final String WHO = "PagerDuty";
  // Enough of the vendor's explanation to act on; the attempt log keeps the start of the body besides.
  private static final int MAX_WHY = 500;
  // The start of the key left at the end of a body cut short is blotted out too, from this many characters on.
  private static final int MIN_KEY_PREFIX = 6;
  private static final Pattern NAMES_THE_KEY = Pattern.compile("routing[ _]?key|integration[ _]?key",
      Pattern.CASE_INSENSITIVE);

  private final String integrationKey;
  private final Pattern key;

  PagerDutyAnswer(String integrationKey) {
    this.integrationKey = integrationKey;
    this.key = Pattern.compile(Pattern.quote(integrationKey), Pattern.CASE_INSENSITIVE);
  }

  /** The shared classification, with PagerDuty's explanation of a refusal and without the key. */
  AttemptOutcome outcome(Answer answer, OutboundRequest request, String externalRef, Instant now) {
    AttemptOutcome shared = answer.outcome(request, WHO, externalRef, why(answer), now);
    return new AttemptOutcome(shared.result(), shared.status(), redact(shared.externalRef()), shared.retryAfter(),
        redact(shared.error()), shared.request(), redact(shared.response()));
  }

  /** The dedup key PagerDuty says it filed the event under, when its answer can be read and names a sane one. */
  Optional<String> dedupKey(Answer answer) {
    return answer.json().map(json -> json.getValue("dedup_key"))
        .filter(value -> value instanceof String text && !text.isBlank()
            && text.length() <= PagerDutyEvent.MAX_DEDUP_KEY && text.chars().noneMatch(Character::isISOControl))
        .map(String.class::cast);
  }

  /** Whether PagerDuty refused the integration key itself, rather than the event. */
  boolean refusesKey(Answer answer) {
    return answer.status() == 401 || answer.status() == 403
        || answer.status() == 400 && why(answer).filter(why -> NAMES_THE_KEY.matcher(why).find()).isPresent();
  }

  /** The refusal's message and its errors, as one clipped sentence; empty when the body says nothing readable. */
  Optional<String> why(Answer answer) {
    Optional<JsonObject> body = answer.json();
    if (body.isEmpty()) {
      return Optional.empty();
    }
    List<String> parts = new ArrayList<>();
    PagerDutyEvent.text(body.get().getValue("message"))
        .or(() -> PagerDutyEvent.text(body.get().getValue("status"))).ifPresent(parts::add);
    if (body.get().getValue("errors") instanceof JsonArray errors) {
      List<String> listed = new ArrayList<>();
      errors.forEach(error -> PagerDutyEvent.text(error).ifPresent(listed::add));
      if (!listed.isEmpty()) {
        parts.add(String.join("; ", listed));
      }
    }
    if (parts.isEmpty()) {
      return Optional.empty();
    }
    String why = redact(String.join(": ", parts)).replaceAll("\\p{Cntrl}", " ");
    return Optional.of(PagerDutyEvent.clip(why, MAX_WHY));
  }

  /** The text with the integration key blotted out, wherever it stands and however it is cased. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = key.matcher(text).replaceAll(Matcher.quoteReplacement(REDACTED));
    for (int length = Math.min(integrationKey.length() - 1, out.length()); length >= MIN_KEY_PREFIX; length--) {
      if (out.regionMatches(true, out.length() - length, integrationKey, 0, length)) {
        return out.substring(0, out.length() - length) + REDACTED;
      }
    }
    return out;
  }
}
