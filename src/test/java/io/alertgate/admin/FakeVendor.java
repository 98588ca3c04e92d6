package io.alertgate.admin;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.alertgate.support.PooledVertx.await;

/**
 * PagerDuty's Events API and any webhook receiver on loopback, for the registry's tests: it records each request and
 * answers as PagerDuty does (202 naming the dedup key), or with the status it is told to fail with.
 */
final class FakeVendor implements AutoCloseable {

  /** A request as the vendor saw it. */
  record Received(String path, String routingKey, String authorization, String body) {}

  final List<Received> received = new CopyOnWriteArrayList<>();
  /** The status every request is answered with from now on; 0 answers as the vendor would. */
  final AtomicInteger failWith = new AtomicInteger();
  private final Vertx vertx;
  private final HttpServer server;

  private FakeVendor(Vertx vertx, HttpServer server) {
    this.vertx = vertx;
    this.server = server;
  }

  static FakeVendor start() throws Exception {
    Vertx vertx = Vertx.vertx();
    FakeVendor[] fake = new FakeVendor[1];
    HttpServer server = await(vertx.createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> fake[0].answer(request, body.toString())))
        .listen(0, "127.0.0.1"));
    fake[0] = new FakeVendor(vertx, server);
    return fake[0];
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.actualPort() + path;
  }

  private void answer(HttpServerRequest request, String body) {
    boolean event = request.path().equals("/v2/enqueue");
    JsonObject json = event ? new JsonObject(body) : new JsonObject();
    received.add(new Received(request.path(), json.getString("routing_key"), request.getHeader("Authorization"),
        body));
    request.response().putHeader("Content-Type", "application/json");
    if (failWith.get() != 0) {
      request.response().setStatusCode(failWith.get()).end("{\"status\":\"invalid event\",\"message\":\"refused\"}");
    } else if (event) {
      request.response().setStatusCode(202).end(new JsonObject().put("status", "success")
          .put("message", "Event processed").put("dedup_key", json.getString("dedup_key")).encode());
    } else {
      request.response().setStatusCode(200).end("{\"ok\":true}");
    }
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}
