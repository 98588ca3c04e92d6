package io.alertgate.support;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import static io.alertgate.support.PooledVertx.await;

/**
 * A webhook destination on loopback for relay tests: it records each call's {@code webhook-id} and answers with
 * the status its script gives for the call's body, which can change while the test runs.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** A call as the receiver got it, and what it answered. */
  public record Call(String webhookId, String body, int status) {}

  private final Vertx vertx = Vertx.vertx();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private volatile Function<String, Integer> script = body -> 204;

  public WebhookReceiver() throws Exception {
    server = await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      int status = script.apply(body.toString());
      calls.add(new Call(request.getHeader("webhook-id"), body.toString(), status));
      request.response().setStatusCode(status).end();
    })).listen(0, "127.0.0.1"));
  }

  /** From now on, answers each call with the status this gives for its body. */
  public void answer(Function<String, Integer> script) {
    this.script = script;
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Configuration for a gateway with the receiver as its one webhook destination, and the pipeline on. */
  public JsonObject gatewayYaml(String destination) {
    return TestConfigs.yaml()
        .put("pipeline", new JsonObject().put("enabled", true).put("sweep_interval_ms", 200).put("grace_seconds", 1))
        .put("relay", new JsonObject().put("allow_cidrs", new JsonArray().add("127.0.0.0/8")))
        .put("destinations", new JsonObject().put(destination, new JsonObject().put("type", "webhook")
            .put("url", "http://127.0.0.1:" + server.actualPort() + "/alerts").put("timeout", 5)
            .put("secret", TestConfigs.WHSEC)));
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}
