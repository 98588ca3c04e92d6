package io.alertgate.admin;

import io.alertgate.config.GatewayConfig;
import io.alertgate.digest.Digests;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;

import java.util.Map;

/**
 * The test configuration with a token of each kind: {@link TestConfigs#ADMIN_TOKEN} as admin.token, a viewer and a
 * second admin (as in a rotation), the last two declared by their digests.
 */
final class RoleTokens {

  static final String VIEWER = "viewer-test-token-for-dashboards";
  static final String VIEWER_ID = "grafana-ro";
  static final String NEXT_ADMIN = "next-admin-test-token-rotated-in";
  static final String NEXT_ADMIN_ID = "ops-next";

  private RoleTokens() {
  }

  static GatewayConfig config() {
    return GatewayConfig.parse(withTokens(TestConfigs.yaml()), Map.of());
  }

  /** A test configuration, pipeline and destinations as it has them, given the viewer and the second admin too. */
  static JsonObject withTokens(JsonObject yaml) {
    yaml.getJsonObject("admin").put("tokens", new JsonArray()
        .add(new JsonObject().put("id", VIEWER_ID).put("role", "viewer").put("sha256", Digests.sha256Hex(VIEWER)))
        .add(new JsonObject().put("id", NEXT_ADMIN_ID).put("role", "admin")
            .put("sha256", Digests.sha256Hex(NEXT_ADMIN))));
    return yaml;
  }

  /** A request to the admin port, with the token when one is given. */
  static HttpRequest<Buffer> request(RunningGateway gw, HttpMethod method, String path, String token) {
    HttpRequest<Buffer> request = gw.client.request(method, gw.gateway.adminPort(), "127.0.0.1", path);
    return token == null ? request : request.putHeader("Authorization", "Bearer " + token);
  }
}
