package io.alertgate.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;

import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Holds real answers to what the description says of them: the status must be one it lists for the operation (or
 * its {@code default}), the media type one of that answer's, and a JSON body valid against that answer's schema.
 */
final class DescribedAnswers {

  static final JsonSchemaOptions DRAFT_2020_12 = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
      .setBaseUri("https://alertgate.io/").setOutputFormat(OutputFormat.Basic);

  private final ApiDescription description;

  DescribedAnswers(ApiDescription description) {
    this.description = description;
  }

  /** @param path the path as the description writes it, such as {@code /api/v1/alerts/{id}} */
  void assertDescribed(String method, String path, HttpResponse<Buffer> answer) {
    String operation = method + " " + path + " answering " + answer.statusCode();
    JsonObject responses = operation(method, path).getJsonObject("responses");
    Object response = responses.getValue(String.valueOf(answer.statusCode()), responses.getValue("default"));
    assertNotNull(response, operation + ": that status is not described");
    JsonObject content = local((JsonObject) response).getJsonObject("content", new JsonObject());
    String mediaType = mediaType(answer.getHeader("Content-Type"));
    String described = content.fieldNames().stream().filter(key -> mediaType(key).equals(mediaType)).findFirst()
        .orElse(null);
    assertNotNull(described, operation + ": " + mediaType + " is not among " + content.fieldNames());
    if (mediaType.equals("application/json")) {
      assertValid(operation, content.getJsonObject(described).getJsonObject("schema"),
          Json.decodeValue(answer.body()));
    }
  }

  /** A body the gateway took is one the operation's request schema allows. */
  void assertRequestDescribed(String method, String path, JsonObject body) {
    JsonObject schema = operation(method, path).getJsonObject("requestBody").getJsonObject("content")
        .getJsonObject("application/json").getJsonObject("schema");
    assertValid(method + " " + path + " request", schema, body);
  }

  private JsonObject operation(String method, String path) {
    return description.paths().getJsonObject(path).getJsonObject(method.toLowerCase(Locale.ROOT));
  }

  private void assertValid(String what, JsonObject schema, Object json) {
    OutputUnit result = Validator.create(JsonSchema.of((JsonObject) inline(schema)), DRAFT_2020_12).validate(json);
    assertTrue(result.getValid(), () -> what + ": " + result.getErrors() + "\n" + json);
  }

  /**
   * A schema with every local reference replaced by what it points at, so that a validator needs nothing else: a
   * reference with keywords beside it becomes one more {@code allOf} entry, which is what 2020-12 makes of it.
   */
  Object inline(Object node) {
    if (node instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(inline(item)));
      return copy;
    }
    if (!(node instanceof JsonObject object)) {
      return node;
    }
    JsonObject copy = new JsonObject();
    object.forEach(entry -> copy.put(entry.getKey(), inline(entry.getValue())));
    if (!(copy.remove("$ref") instanceof String ref)) {
      return copy;
    }
    Object target = inline(description.resolve(ref));
    if (copy.isEmpty()) {
      return target;
    }
    JsonArray allOf = new JsonArray().add(target);
    copy.getJsonArray("allOf", new JsonArray()).forEach(allOf::add);
    return copy.put("allOf", allOf);
  }

  /** A response given as a reference to the shared ones, or the response itself. */
  private JsonObject local(JsonObject response) {
    return response.getValue("$ref") instanceof String ref ? (JsonObject) description.resolve(ref) : response;
  }

  private static String mediaType(String contentType) {
    return contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
  }
}
