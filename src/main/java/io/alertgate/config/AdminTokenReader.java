package io.alertgate.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code admin.tokens}: each token an id, a role and the SHA-256 of the token, so that the file holds no
 * secret. An item is a section ({@code {id: grafana-ro, role: viewer, sha256: <hex>}}) or, as the one line of
 * {@code ALERTGATE_ADMIN_TOKENS} gives it, {@code id:role:sha256}. Problems name the item by its position; a digest
 * is never echoed, in case a token was pasted where its digest belongs.
 */
final class AdminTokenReader {

  // Every token is compared on every request (in constant time, so all of them): the list must stay short.
  static final int MAX_TOKENS = 64;
  // No dot: the ids the gateway gives the tokens it knows otherwise (admin.token, admin.generated) have one.
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Set<String> KEYS = Set.of("id", "role", "sha256");

  private final String path;
  // Where each id and each digest was given, so a second one can say which it repeats.
  private final Map<String, String> ids = new HashMap<>();
  private final Map<String, String> digests = new HashMap<>();

  /** @param taken the tokens already given elsewhere (admin.token), whose digests no item may repeat */
  AdminTokenReader(String path, List<AdminToken> taken) {
    this.path = path;
    taken.forEach(token -> digests.put(token.sha256(), token.id()));
  }

  List<AdminToken> read(JsonArray items) {
    if (items.size() > MAX_TOKENS) {
      throw new ConfigException(path, "must list at most " + MAX_TOKENS + " tokens");
    }
    List<AdminToken> tokens = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      tokens.add(item(items.getValue(i), path + "[" + i + "]"));
    }
    return List.copyOf(tokens);
  }

  private AdminToken item(Object value, String at) {
    JsonObject fields;
    if (value instanceof String line) {
      String[] parts = line.split(":", -1);
      if (parts.length != KEYS.size()) {
        throw new ConfigException(at, "must be id:role:sha256");
      }
      fields = new JsonObject().put("id", parts[0]).put("role", parts[1]).put("sha256", parts[2]);
    } else if (value instanceof JsonObject section) {
      PathValues.onlyKeys(section, at, KEYS, "a token's setting");
      fields = section;
    } else {
      throw new ConfigException(at, "must be a section with id, role and sha256");
    }
    return new AdminToken(id(fields, at), role(fields, at + ".role"), digest(fields, at));
  }

  private String id(JsonObject fields, String at) {
    String id = PathValues.text(fields.getValue("id"), at + ".id", 64);
    if (id == null || !ID.matcher(id).matches()) {
      throw new ConfigException(at + ".id", "must be 1 to 64 letters, digits, '-' or '_', starting with a letter or digit");
    }
    String earlier = ids.putIfAbsent(id, at);
    if (earlier != null) {
      throw new ConfigException(at + ".id", "'" + id + "' is already the id of " + earlier);
    }
    return id;
  }

  private static AdminRole role(JsonObject fields, String at) {
    String role = PathValues.text(fields.getValue("role"), at, 16);
    if (role == null) {
      throw new ConfigException(at, "must be viewer or admin");
    }
    return AdminRole.parse(at, role);
  }

  private String digest(JsonObject fields, String at) {
    Object value = fields.getValue("sha256");
    String digest = value instanceof String text ? text.strip() : "";
    if (!SHA256.matcher(digest).matches()) {
      throw new ConfigException(at + ".sha256", "must be the token's SHA-256 as 64 hex digits, never the token "
          + "itself (printf %s \"$TOKEN\" | sha256sum)");
    }
    String earlier = digests.putIfAbsent(digest.toLowerCase(Locale.ROOT), at);
    if (earlier != null) {
      throw new ConfigException(at + ".sha256", "is the same token as " + earlier + "; each token has one role");
    }
    return digest;
  }
}
