package io.alertgate.deliver.pagerduty;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Validates events against the test's own description of PagerDuty's event: its required fields, enums and limits. */
final class EventSchema {

  private static final Validator VALIDATOR = Validator.create(JsonSchema.of(load()),
      new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://alertgate.io/test/"));

  private EventSchema() {
  }

  static void assertValid(JsonObject event) {
    OutputUnit result = VALIDATOR.validate(event);
    assertTrue(result.getValid(), () -> "not an event PagerDuty takes: " + result.getErrors() + "\n" + event);
  }

  static boolean valid(JsonObject event) {
    return VALIDATOR.validate(event).getValid();
  }

  private static JsonObject load() {
    try (InputStream in = EventSchema.class.getResourceAsStream("/pagerduty/event.schema.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
