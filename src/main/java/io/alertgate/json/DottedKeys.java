package io.alertgate.json;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Looks up an ECS-style path such as {@code kibana.alert.uuid} in a document where any part of it may be written
 * as one flat dotted key or as nested objects, mixed in one document as Elastic does.
 *
 * <p>A normalizer asks for dozens of paths per alert, so each path is split once: every key a lookup can try (each
 * run of consecutive parts, joined by dots) is built ahead and keeps its hash code, and a lookup allocates nothing.
 */
public final class DottedKeys {

  // Paths are the normalizers' constants; the bound only keeps a caller with unbounded paths from growing it.
  private static final int MAX_COMPILED = 4_096;
  private static final ConcurrentHashMap<String, String[][]> COMPILED = new ConcurrentHashMap<>();

  private DottedKeys() {
  }

  /** The node at the path, or null. */
  public static JsonNode find(JsonNode node, String path) {
    return find(node, compiled(path), 0);
  }

  /** The value at the path as text when it is a string or a number, else null. */
  public static String text(JsonNode node, String path) {
    JsonNode found = find(node, path);
    return found != null && (found.isTextual() || found.isNumber()) ? found.asText() : null;
  }

  /** keys[from][end - from]: parts from..end joined by dots. */
  private static String[][] compiled(String path) {
    String[][] keys = COMPILED.get(path);
    if (keys != null) {
      return keys;
    }
    keys = compile(path);
    if (COMPILED.size() < MAX_COMPILED) {
      COMPILED.putIfAbsent(path, keys);
    }
    return keys;
  }

  private static String[][] compile(String path) {
    String[] parts = path.split("\\.");
    String[][] keys = new String[parts.length][];
    for (int from = 0; from < parts.length; from++) {
      keys[from] = new String[parts.length - from];
      StringBuilder key = new StringBuilder();
      for (int end = from; end < parts.length; end++) {
        if (end > from) {
          key.append('.');
        }
        key.append(parts[end]);
        keys[from][end - from] = key.toString();
      }
    }
    return keys;
  }

  private static JsonNode find(JsonNode node, String[][] keys, int from) {
    if (node == null || !node.isObject() || keys.length == 0) {
      return null;
    }
    String[] candidates = keys[from];
    for (int i = 0; i < candidates.length; i++) {
      JsonNode child = node.get(candidates[i]);
      if (child != null) {
        int end = from + i;
        JsonNode found = end == keys.length - 1 ? child : find(child, keys, end + 1);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }
}
