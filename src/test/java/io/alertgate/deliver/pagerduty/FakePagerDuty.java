package io.alertgate.deliver.pagerduty;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.alertgate.support.PooledVertx.await;

/**
 * PagerDuty's Events API on loopback, as far as the connector's tests need it: it records each request and plays
 * the answers it is scripted with, else PagerDuty's 202 naming the event's dedup key.
 */
final class FakePagerDuty {

  /** A request as PagerDuty saw it. */
  record Received(String method, String uri, Map<String, String> headers, String body) {

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Consumer<HttpServerRequest>> script = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  private FakePagerDuty(HttpServer server) {
    this.server = server;
  }

  static FakePagerDuty start(Vertx vertx) throws Exception {
    FakePagerDuty[] fake = new FakePagerDuty[1];
    HttpServer server = await(vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> fake[0].answer(request, body.toString())))
        .listen(0, "127.0.0.1"));
    fake[0] = new FakePagerDuty(server);
    return fake[0];
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The next request is answered with this status and body. */
  void then(int status, String body) {
    then(request -> request.response().setStatusCode(status).end(body));
  }

  void then(Consumer<HttpServerRequest> answer) {
    script.add(answer);
  }

  private void answer(HttpServerRequest request, String body) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
    received.add(new Received(request.method().name(), request.uri(), headers, body));
    Consumer<HttpServerRequest> scripted = script.poll();
    if (scripted != null) {
      scripted.accept(request);
      return;
    }
    String dedupKey = new JsonObject(body).getString("dedup_key");
    request.response().setStatusCode(202).putHeader("Content-Type", "application/json")
        .end(new JsonObject().put("status", "success").put("message", "Event processed").put("dedup_key", dedupKey)
            .encode());
  }
}
