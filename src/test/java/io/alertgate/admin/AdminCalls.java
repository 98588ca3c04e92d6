package io.alertgate.admin;

import io.alertgate.config.GatewayConfig;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;

import java.util.Map;

/** Calls on a running gateway's admin API with the admin token, and the relaying gateway the integration tests run. */
final class AdminCalls {

  private AdminCalls() {
  }

  static HttpRequest<Buffer> request(RunningGateway gw, HttpMethod method, String path) {
    return gw.client.request(method, gw.gateway.adminPort(), "127.0.0.1", path)
        .putHeader("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN);
  }

  static HttpResponse<Buffer> call(RunningGateway gw, HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = request(gw, method, path);
    return gw.await(body == null ? request.send() : request.sendJsonObject(body));
  }

  /**
   * The pipeline on, sweeping often, and loopback allowed as a destination (the fake vendors listen there), with
   * these destinations in the configuration file, or none.
   */
  static GatewayConfig relaying(JsonObject destinations) {
    JsonObject yaml = TestConfigs.yaml()
        .put("pipeline", new JsonObject().put("enabled", true).put("sweep_interval_ms", 200).put("grace_seconds", 2))
        .put("relay", new JsonObject().put("allow_cidrs", new JsonArray().add("127.0.0.0/8")));
    if (destinations != null) {
      yaml.put("destinations", destinations);
    }
    return GatewayConfig.parse(yaml, Map.of());
  }
}
