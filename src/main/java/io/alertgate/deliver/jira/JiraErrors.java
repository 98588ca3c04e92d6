package io.alertgate.deliver.jira;

import io.alertgate.deliver.http.Answer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Optional;
import java.util.StringJoiner;

/**
 * Jira's explanation of a refusal, from its error body {@code {"errorMessages": [...], "errors": {field: message}}},
 * as one line: "Project 'SOC' does not exist; priority: Specify a valid priority".
 */
final class JiraErrors {

  private JiraErrors() {
  }

  static Optional<String> of(Answer answer) {
    return answer.json().map(JiraErrors::summary).filter(text -> !text.isEmpty());
  }

  private static String summary(JsonObject body) {
    StringJoiner reasons = new StringJoiner("; ");
    if (body.getValue("errorMessages") instanceof JsonArray messages) {
      messages.stream().filter(String.class::isInstance).map(message -> IssueText.oneLine((String) message))
          .filter(message -> !message.isEmpty()).forEach(reasons::add);
    }
    if (body.getValue("errors") instanceof JsonObject errors) {
      errors.forEach(error -> {
        if (error.getValue() instanceof String message && !message.isBlank()) {
          reasons.add(IssueText.oneLine(error.getKey()) + ": " + IssueText.oneLine(message));
        }
      });
    }
    // A gateway in front of Jira, and some of its older endpoints, answer {"message": "..."} instead.
    if (reasons.length() == 0 && body.getValue("message") instanceof String message) {
      reasons.add(IssueText.oneLine(message));
    }
    return reasons.toString();
  }
}
