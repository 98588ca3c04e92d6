package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.support.HostileJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** Edits of JSON documents for fuzzing: values planted at dotted paths, and mutations of a real payload. */
final class JsonTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private JsonTrees() {
  }

  /** At a dotted path, written as one flat key or as nested objects, replacing whatever is in the way. */
  static void plant(ObjectNode document, String path, boolean flat, JsonNode value) {
    if (flat) {
      document.set(path, value);
      return;
    }
    String[] keys = path.split("\\.");
    ObjectNode at = document;
    for (int i = 0; i < keys.length - 1; i++) {
      JsonNode next = at.get(keys[i]);
      at = next instanceof ObjectNode object ? object : at.putObject(keys[i]);
    }
    at.set(keys[keys.length - 1], value);
  }

  /** What a sender gets wrong in a field of a payload that is otherwise right. */
  enum Kind { DROP, RETYPE, REPLACE, WRAP_IN_ARRAY, EMPTY, ADD_FIELD }

  /**
   * One edit of a document: its kind, which node it hits (an index taken modulo the document's node count, so that
   * it shrinks towards the first), and the hostile value it brings.
   */
  record Mutation(Kind kind, int node, String key, JsonNode value) {

    JsonNode apply(JsonNode root) {
      JsonNode copy = root.deepCopy();
      List<Slot> slots = new ArrayList<>();
      collect(copy, slots);
      if (slots.isEmpty()) {
        return value;
      }
      Slot slot = slots.get(Math.floorMod(node, slots.size()));
      JsonNode old = slot.get();
      switch (kind) {
        case DROP -> slot.remove();
        case RETYPE -> slot.set(retyped(old));
        case REPLACE -> slot.set(value);
        case WRAP_IN_ARRAY -> slot.set(NODES.arrayNode().add(old).add(value));
        case EMPTY -> slot.set(old.isArray() || old.isTextual() ? NODES.arrayNode() : NODES.objectNode());
        case ADD_FIELD -> {
          if (old instanceof ObjectNode object) {
            object.set(key, value);
          } else {
            slot.set(NODES.objectNode().set(key, value));
          }
        }
        default -> throw new IllegalStateException(kind.name());
      }
      return copy;
    }
  }

  static Arbitrary<Mutation> mutations(List<String> keys) {
    return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 10_000),
        HostileJson.names(keys),
        HostileJson.values(2, keys)).as(Mutation::new);
  }

  /** A number as text, a numeric text as a number, other text as its length, a boolean as text. */
  private static JsonNode retyped(JsonNode value) {
    if (value.isNumber() || value.isBoolean()) {
      return NODES.textNode(value.asText());
    }
    if (!value.isTextual()) {
      return NODES.textNode(value.toString());
    }
    try {
      return NODES.numberNode(new BigDecimal(value.asText().strip()));
    } catch (NumberFormatException notNumeric) {
      return NODES.numberNode(value.asText().length());
    }
  }

  /** A place in a document: a field of an object or an item of an array. */
  private record Slot(JsonNode parent, String field, int index) {

    JsonNode get() {
      return field != null ? parent.get(field) : parent.get(index);
    }

    void set(JsonNode value) {
      if (field != null) {
        ((ObjectNode) parent).set(field, value);
      } else {
        ((ArrayNode) parent).set(index, value);
      }
    }

    void remove() {
      if (field != null) {
        ((ObjectNode) parent).remove(field);
      } else {
        ((ArrayNode) parent).remove(index);
      }
    }
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (node instanceof ObjectNode object) {
      object.fieldNames().forEachRemaining(name -> {
        slots.add(new Slot(object, name, -1));
        collect(object.get(name), slots);
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }
}
