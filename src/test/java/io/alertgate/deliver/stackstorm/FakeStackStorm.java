package io.alertgate.deliver.stackstorm;

import io.alertgate.net.Cidr;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

import java.net.ServerSocket;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A StackStorm API on loopback that records every request and plays scripted answers; unscripted, it answers 201 with
 * an execution. Connectors made here may reach it: the guard allows loopback.
 */
final class FakeStackStorm {

  static final String KEY = "ZjA0ZTJmNzI4ZGFiNDU1ZGE3ZGRmOGVlNGY1MTAxYjk";
  static final String EXECUTION_ID = "6790c9f1a4e2b70d5e8c31f4";
  /** Every header a request carries; nothing else may be sent (no X-Auth-Token beside the key). */
  private static final Set<String> HEADERS = Set.of("accept", "content-length", "content-type", "host",
      "st2-api-key");

  /** A request as the fake API saw it. */
  record Received(String method, String uri, Map<String, String> headers, String body) {

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  final Queue<Consumer<HttpServerRequest>> script = new ConcurrentLinkedQueue<>();
  private final Vertx vertx;
  private final HttpServer server;

  private FakeStackStorm(Vertx vertx) throws Exception {
    this.vertx = vertx;
    this.server = await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
      received.add(new Received(request.method().name(), request.uri(), headers, body.toString()));
      Consumer<HttpServerRequest> answer = script.poll();
      if (answer == null) {
        request.response().setStatusCode(201).end(execution(EXECUTION_ID, "").encode());
      } else {
        answer.accept(request);
      }
    })).listen(0, "127.0.0.1"));
  }

  static FakeStackStorm start(Vertx vertx) throws Exception {
    return new FakeStackStorm(vertx);
  }

  int port() {
    return server.actualPort();
  }

  /** Settings routing alerts to an action, with one parameter template. */
  JsonObject config() {
    return new JsonObject()
        .put("base_url", "http://127.0.0.1:" + port())
        .put("api_key", KEY)
        .put("timeout", 5)
        .put("action", "incident_response.create_incident")
        .put("parameters", new JsonObject().put("summary", "{{ title }}"));
  }

  StackStormConnector connector(JsonObject config) {
    return new StackStormConnector(vertx, StackStormSettings.fromJson(config),
        new TargetGuard(vertx, List.of(Cidr.parse("127.0.0.0/8"))), Clock.systemUTC());
  }

  /** An address nothing listens on. */
  static String closedAddress() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }

  /** An execution as StackStorm answers it: ids of its action and runner first, its parameters, its own id last. */
  static JsonObject execution(String id, String padding) {
    return new JsonObject()
        .put("action", new JsonObject().put("id", "5f0c0e9aa4e2b70d5e8c0001").put("ref", "incident_response.x"))
        .put("runner", new JsonObject().put("id", "5f0c0e9aa4e2b70d5e8c0002"))
        .put("parameters", new JsonObject().put("padding", padding))
        .put("liveaction", new JsonObject().put("id", "5f0c0e9aa4e2b70d5e8c0003"))
        .put("status", "requested")
        .put("id", id);
  }

  /** The exact set of headers, the key among them, and a JSON content type when there is a body. */
  static void assertHeaders(Received got, boolean withBody) {
    Set<String> expected = new TreeSet<>(HEADERS);
    if (!withBody) {
      expected.removeAll(Set.of("content-type", "content-length"));
    }
    assertEquals(expected, new TreeSet<>(got.headers().keySet().stream().map(String::toLowerCase).toList()),
        got.headers().toString());
    assertEquals(KEY, got.headers().get("St2-Api-Key"));
    assertEquals("application/json", got.headers().get("Accept"));
    if (withBody) {
      assertEquals("application/json", got.headers().get("Content-Type"));
    }
  }
}
