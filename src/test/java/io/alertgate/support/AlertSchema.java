package io.alertgate.support;

import com.fasterxml.jackson.databind.JsonNode;
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

/** Validates alert documents against the project's own {@code schema/alert.schema.json}. */
public final class AlertSchema {

  private static final Validator VALIDATOR = Validator.create(JsonSchema.of(load()),
      new JsonSchemaOptions().setDraft(Draft.DRAFT202012).setBaseUri("https://alertgate.io/schema/"));

  private AlertSchema() {
  }

  public static void assertValid(JsonNode alert) {
    OutputUnit result = VALIDATOR.validate(new JsonObject(alert.toString()));
    assertTrue(result.getValid(), () -> "alert does not match the schema: " + result.getErrors() + "\n" + alert);
  }

  private static JsonObject load() {
    try (InputStream in = AlertSchema.class.getResourceAsStream("/schema/alert.schema.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
