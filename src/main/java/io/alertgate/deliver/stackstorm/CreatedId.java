package io.alertgate.deliver.stackstorm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.buffer.Buffer;

import java.io.IOException;
import java.util.Optional;

/**
 * The {@code id} StackStorm gave what it created, read from its answer's top level. An execution answers with the
 * whole execution, the action's parameters twice over and its id last, so with a large alert the answer is read only
 * in part: it is scanned token by token as far as it goes rather than parsed whole, and an id inside it (the
 * action's, the runner's) is not taken for the execution's.
 */
final class CreatedId {

  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_ID = 128;

  private CreatedId() {
  }

  static Optional<String> in(Buffer answer) {
    try (JsonParser parser = JSON.createParser(answer.getBytes())) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Optional.empty();
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("id") && value == JsonToken.VALUE_STRING) {
          String id = parser.getText();
          return id.isBlank() || id.length() > MAX_ID || id.chars().anyMatch(Character::isISOControl)
              ? Optional.empty() : Optional.of(id);
        }
        parser.skipChildren();
      }
    } catch (IOException | RuntimeException cutOffOrBroken) {
      // What was read held no id: the caller falls back on what it knows.
    }
    return Optional.empty();
  }
}
