package io.alertgate.config;

import io.alertgate.digest.Digests;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code admin} section: the port, the admin token, and more tokens with roles, given by their digests. */
class AdminSettingsTest {

  private static final String PREFIX = "Invalid configuration: ";
  private static final String VIEWER = Digests.sha256Hex("grafana-reads-only-token");
  private static final String ROTATED = Digests.sha256Hex("next-admin-token-of-this-quarter");

  @Test
  @DisplayName("Tokens are declared in the YAML by id, role and digest; admin.token comes first as an admin token")
  void yamlTokens() {
    AdminSettings admin = parse(new JsonObject().put("token", "the-admin-token-itself").put("tokens", new JsonArray()
        .add(token("grafana-ro", "viewer", VIEWER))
        .add(token("ops_2026-q3", "ADMIN", ROTATED.toUpperCase()))), Map.of());
    assertEquals(List.of(
        new AdminToken("admin.token", AdminRole.ADMIN, Digests.sha256Hex("the-admin-token-itself")),
        new AdminToken("grafana-ro", AdminRole.VIEWER, VIEWER),
        new AdminToken("ops_2026-q3", AdminRole.ADMIN, ROTATED)), admin.configuredTokens());
    assertTrue(admin.hasAdminToken());
  }

  @Test
  @DisplayName("ALERTGATE_ADMIN_TOKENS gives them as id:role:sha256, comma-separated, in place of the YAML's")
  void environmentTokens() {
    AdminSettings admin = parse(new JsonObject().put("tokens", new JsonArray().add(token("old", "admin", ROTATED))),
        Map.of("ALERTGATE_ADMIN_TOKENS", "grafana-ro:viewer:" + VIEWER + " , ci:admin:" + ROTATED));
    assertEquals(List.of(new AdminToken("grafana-ro", AdminRole.VIEWER, VIEWER),
        new AdminToken("ci", AdminRole.ADMIN, ROTATED)), admin.tokens());
  }

  @Test
  @DisplayName("Viewer tokens alone are no admin token: the generated one is still needed")
  void viewersAloneAreNoAdmin() {
    AdminSettings admin = parse(new JsonObject().put("tokens", new JsonArray().add(token("ro", "viewer", VIEWER))),
        Map.of());
    assertFalse(admin.hasAdminToken());
    assertFalse(parse(new JsonObject(), Map.of()).hasAdminToken());
  }

  @ParameterizedTest
  @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
      "ro:viewer => ALERTGATE_ADMIN_TOKENS[0] must be id:role:sha256",
      "ro:owner:abcd => ALERTGATE_ADMIN_TOKENS[0].role must be one of viewer, admin, got 'owner'",
      "ro:viewer:grafana-reads-only-token => ALERTGATE_ADMIN_TOKENS[0].sha256 must be the token's SHA-256 as 64 hex"
          + " digits, never the token itself (printf %s \"$TOKEN\" | sha256sum)",
      "a.b:viewer:0 => ALERTGATE_ADMIN_TOKENS[0].id must be 1 to 64 letters, digits, '-' or '_', starting"
          + " with a letter or digit"})
  @DisplayName("A wrong item is named by its position and the digest is never echoed")
  void wrongItems(String item, String message) {
    ConfigException wrong = assertThrows(ConfigException.class,
        () -> parse(new JsonObject(), Map.of("ALERTGATE_ADMIN_TOKENS", item)));
    assertEquals(PREFIX + message, wrong.getMessage());
  }

  @Test
  @DisplayName("An id or a token given twice is refused, also a declared token that is admin.token again")
  void duplicates() {
    assertEquals("admin.tokens[1].id 'ro' is already the id of admin.tokens[0]", problem(new JsonObject().put("tokens",
        new JsonArray().add(token("ro", "viewer", VIEWER)).add(token("ro", "admin", ROTATED)))));
    assertEquals("admin.tokens[1].sha256 is the same token as admin.tokens[0]; each token has one role",
        problem(new JsonObject().put("tokens", new JsonArray().add(token("ro", "viewer", VIEWER))
            .add(token("rw", "admin", VIEWER.toUpperCase())))));
    assertEquals("admin.tokens[0].sha256 is the same token as admin.token; each token has one role",
        problem(new JsonObject().put("token", "grafana-reads-only-token")
            .put("tokens", new JsonArray().add(token("ro", "viewer", VIEWER)))));
    assertEquals("admin.tokens[0].secret is not a token's setting (id, role, sha256)", problem(new JsonObject()
        .put("tokens", new JsonArray().add(token("ro", "viewer", VIEWER).put("secret", "x")))));
  }

  private static String problem(JsonObject admin) {
    return assertThrows(ConfigException.class, () -> parse(admin, Map.of())).getMessage().substring(PREFIX.length());
  }

  private static JsonObject token(String id, String role, String sha256) {
    return new JsonObject().put("id", id).put("role", role).put("sha256", sha256);
  }

  private static AdminSettings parse(JsonObject admin, Map<String, String> env) {
    return GatewayConfig.parse(new JsonObject().put("admin", admin), env).admin();
  }
}
