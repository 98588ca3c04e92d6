package io.alertgate.deliver.stackstorm;

import java.util.regex.Pattern;

/**
 * A StackStorm reference to something a pack holds, an action or a trigger: {@code pack.name}. Checked before it is
 * sent, so a name that could change the request (a slash, a space) never reaches StackStorm.
 */
public record PackRef(String pack, String name) {

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_-]{1,255}");

  /** A reference written whole, as the settings' {@code action} and {@code trigger} are. */
  static PackRef parse(String field, Object value) {
    if (value instanceof String text) {
      String[] parts = text.trim().split("\\.", -1);
      if (parts.length == 2 && PART.matcher(parts[0]).matches() && PART.matcher(parts[1]).matches()) {
        return new PackRef(parts[0], parts[1]);
      }
    }
    throw new IllegalArgumentException(field + " must be pack.name: a pack and a name of letters, digits, _ and -, "
        + "joined by one dot");
  }

  /** A reference given in parts, as the integration endpoints' {@code pack_name} and {@code action_name} are. */
  static PackRef of(String packField, Object pack, String nameField, Object name) {
    return new PackRef(part(packField, pack), part(nameField, name));
  }

  private static String part(String field, Object value) {
    if (value instanceof String text && PART.matcher(text.trim()).matches()) {
      return text.trim();
    }
    throw new IllegalArgumentException(field + " must be letters, digits, _ and - (at most 255)");
  }

  @Override
  public String toString() {
    return pack + "." + name;
  }
}
