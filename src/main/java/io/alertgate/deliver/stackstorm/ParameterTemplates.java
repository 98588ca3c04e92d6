package io.alertgate.deliver.stackstorm;

import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An action's parameters as an operator writes them, with placeholders for what the incident says. A string value may
 * hold {@code {{ path }}}, a dotted path into the model ({@code alert.host.name}; a number steps into a list:
 * {@code details.indicators.ips.0.value}). A string that is one placeholder and nothing else takes the value found
 * with its JSON type (an object, a list, a number), or null where the path leads nowhere; in a string with other text
 * each placeholder is replaced by its value's text (JSON for an object or a list), or by nothing. Objects and lists
 * are rendered value by value; names are never rendered.
 *
 * <p>Nothing is evaluated: no expressions, filters or code, so a template can only copy parts of the incident. A
 * placeholder whose first name is not one of the model's, and anything else in braces, is left as written: StackStorm
 * renders its own Jinja ({@code {{ st2kv.system.token }}}) when it runs the action, and that must still work.
 */
public final class ParameterTemplates {

  /** How deep a template's objects and lists may nest. */
  static final int MAX_DEPTH = 16;
  /** How many placeholders one template may hold: each may copy the whole alert into the request. */
  static final int MAX_PLACEHOLDERS = 100;

  private static final Pattern PLACEHOLDER =
      Pattern.compile("\\{\\{[ \\t]*([^.{}\\s]+(?:\\.[^.{}\\s]+)*)[ \\t]*}}");

  private final JsonObject model;

  private ParameterTemplates(JsonObject model) {
    this.model = model;
  }

  /**
   * Checks a template's size without rendering it, so settings are refused when saved rather than at a delivery.
   *
   * @param field what the operator called it, for the message; no value is ever quoted, a parameter may be a secret
   */
  public static void check(String field, JsonObject template, Set<String> roots) {
    count(field, template, 0, new AtomicInteger(), roots);
  }

  /** The template with its placeholders filled from the model; an IllegalArgumentException if it is too big. */
  public static JsonObject render(String field, JsonObject template, JsonObject model) {
    check(field, template, model.fieldNames());
    return (JsonObject) new ParameterTemplates(model).rendered(template);
  }

  private static void count(String field, Object template, int depth, AtomicInteger placeholders, Set<String> roots) {
    boolean nests = template instanceof JsonObject || template instanceof JsonArray;
    if (nests && depth >= MAX_DEPTH) {
      throw new IllegalArgumentException(field + " nests deeper than " + MAX_DEPTH + " levels");
    }
    if (template instanceof JsonObject object) {
      object.fieldNames().forEach(name -> count(field, object.getValue(name), depth + 1, placeholders, roots));
    } else if (template instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        count(field, array.getValue(i), depth + 1, placeholders, roots);
      }
    } else if (template instanceof String text) {
      Matcher placeholder = PLACEHOLDER.matcher(text);
      while (placeholder.find()) {
        if (roots.contains(root(placeholder.group(1))) && placeholders.incrementAndGet() > MAX_PLACEHOLDERS) {
          throw new IllegalArgumentException(field + " holds more than " + MAX_PLACEHOLDERS + " placeholders");
        }
      }
    }
  }

  private Object rendered(Object template) {
    if (template instanceof JsonObject object) {
      JsonObject rendered = new JsonObject();
      object.fieldNames().forEach(name -> rendered.put(name, rendered(object.getValue(name))));
      return rendered;
    }
    if (template instanceof JsonArray array) {
      JsonArray rendered = new JsonArray();
      for (int i = 0; i < array.size(); i++) {
        rendered.add(rendered(array.getValue(i)));
      }
      return rendered;
    }
    return template instanceof String text ? renderedText(text) : template;
  }

  private Object renderedText(String text) {
    Matcher placeholder = PLACEHOLDER.matcher(text);
    if (placeholder.matches()) {
      return ours(placeholder.group(1)) ? valueAt(placeholder.group(1)) : text;
    }
    StringBuilder rendered = new StringBuilder();
    int written = 0;
    placeholder.reset();
    while (placeholder.find()) {
      rendered.append(text, written, placeholder.start());
      String path = placeholder.group(1);
      rendered.append(ours(path) ? textOf(valueAt(path)) : placeholder.group());
      written = placeholder.end();
    }
    return rendered.append(text, written, text.length()).toString();
  }

  private boolean ours(String path) {
    return model.containsKey(root(path));
  }

  private Object valueAt(String path) {
    Object value = model;
    for (String step : path.split("\\.")) {
      if (value instanceof JsonObject object) {
        value = object.getValue(step);
      } else if (value instanceof JsonArray array && step.matches("\\d{1,9}")
          && Integer.parseInt(step) < array.size()) {
        value = array.getValue(Integer.parseInt(step));
      } else {
        return null;
      }
    }
    return value;
  }

  private static String textOf(Object value) {
    if (value == null) {
      return "";
    }
    return value instanceof String text ? text : Json.encode(value);
  }

  private static String root(String path) {
    int dot = path.indexOf('.');
    return dot < 0 ? path : path.substring(0, dot);
  }
}
