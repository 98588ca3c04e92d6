package io.alertgate.json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Looks up an ECS-style path such as {@code kibana.alert.uuid} in a document where any part of it may be written
 * as one flat dotted key or as nested objects, mixed in one document as Elastic does.
 */
public final class DottedKeys {

  private DottedKeys() {
  }

  /** The node at the path, or null. */
  public static JsonNode find(JsonNode node, String path) {
    return find(node, path.split("\\."), 0);
  }

  /** The value at the path as text when it is a string or a number, else null. */
  public static String text(JsonNode node, String path) {
    JsonNode found = find(node, path);
    return found != null && (found.isTextual() || found.isNumber()) ? found.asText() : null;
  }

  private static JsonNode find(JsonNode node, String[] parts, int from) {
    if (node == null || !node.isObject()) {
      return null;
    }
    StringBuilder key = new StringBuilder();
    for (int end = from; end < parts.length; end++) {
      if (end > from) {
        key.append('.');
      }
      key.append(parts[end]);
      JsonNode child = node.get(key.toString());
      if (child != null) {
        JsonNode found = end == parts.length - 1 ? child : find(child, parts, end + 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
