package io.alertgate.normalize.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Copies of a vendor document with one node swapped for something else, to show that a normalizer survives junk in
 * any field of a real payload and not only in the fields its author thought of.
 */
final class JsonMutations {

  private JsonMutations() {
  }

  /** The path of every node below the root, each step an object key or an array index. */
  static List<List<Object>> paths(JsonNode root) {
    List<List<Object>> out = new ArrayList<>();
    collect(root, new ArrayList<>(), out);
    return out;
  }

  /** A copy of the document with the node at the path replaced by the value. */
  static JsonNode replaced(JsonNode root, List<Object> path, JsonNode value) {
    JsonNode copy = root.deepCopy();
    JsonNode parent = at(copy, path.subList(0, path.size() - 1));
    Object last = path.get(path.size() - 1);
    if (last instanceof Integer index) {
      ((ArrayNode) parent).set(index, value);
    } else {
      ((ObjectNode) parent).set((String) last, value);
    }
    return copy;
  }

  /**
   * The value with its JSON type swapped the way senders get it wrong: a number as a string, a numeric string as a
   * number, any other string as a number (its length), a boolean as a string; containers and null as they are.
   */
  static JsonNode retyped(JsonNode value) {
    if (value.isNumber() || value.isBoolean()) {
      return TextNode.valueOf(value.asText());
    }
    if (!value.isTextual()) {
      return value;
    }
    try {
      return DecimalNode.valueOf(new BigDecimal(value.asText().strip()));
    } catch (NumberFormatException notNumeric) {
      return IntNode.valueOf(value.asText().length());
    }
  }

  /** The node at the path. */
  static JsonNode at(JsonNode root, List<Object> path) {
    JsonNode node = root;
    for (Object step : path) {
      node = step instanceof Integer index ? node.get(index) : node.get((String) step);
    }
    return node;
  }

  /** A copy of the document with its structure kept and every scalar value null. */
  static JsonNode nulledEverywhere(JsonNode root) {
    JsonNode copy = root.deepCopy();
    nullScalars(copy);
    return copy;
  }

  private static void collect(JsonNode node, List<Object> at, List<List<Object>> out) {
    if (!at.isEmpty()) {
      out.add(List.copyOf(at));
    }
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(name -> {
        at.add(name);
        collect(node.get(name), at, out);
        at.remove(at.size() - 1);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        at.add(i);
        collect(node.get(i), at, out);
        at.remove(at.size() - 1);
      }
    }
  }

  private static void nullScalars(JsonNode node) {
    if (node instanceof ObjectNode object) {
      object.fieldNames().forEachRemaining(name -> {
        JsonNode child = object.get(name);
        if (child.isContainerNode()) {
          nullScalars(child);
        } else {
          object.set(name, NullNode.getInstance());
        }
      });
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        if (array.get(i).isContainerNode()) {
          nullScalars(array.get(i));
        } else {
          array.set(i, NullNode.getInstance());
        }
      }
    }
  }
}
