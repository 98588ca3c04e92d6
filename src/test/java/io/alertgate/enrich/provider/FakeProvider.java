package io.alertgate.enrich.provider;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import static io.alertgate.support.PooledVertx.await;

/**
 * VirusTotal or AbuseIPDB on loopback, as far as the clients' tests need them: it records each request and plays
 * the answers it is scripted with, one per request, from the fixtures in {@code enrich/}.
 */
final class FakeProvider {

  /** A request as the provider saw it. */
  record Received(String path, String query, Map<String, String> headers) {
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Queue<Consumer<HttpServerRequest>> script = new ConcurrentLinkedQueue<>();
  private final HttpServer server;

  private FakeProvider(HttpServer server) {
    this.server = server;
  }

  static FakeProvider start(Vertx vertx) throws Exception {
    FakeProvider[] fake = new FakeProvider[1];
    HttpServer server = await(vertx.createHttpServer()
        .requestHandler(request -> fake[0].answer(request))
        .listen(0, "127.0.0.1"));
    fake[0] = new FakeProvider(server);
    return fake[0];
  }

  static String fixture(String name) {
    try (InputStream in = FakeProvider.class.getResourceAsStream("/enrich/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort();
  }

  /** The next request is answered with this status, the fixture's body, and these headers (name, value, ...). */
  FakeProvider then(int status, String fixture, String... headers) {
    return thenBody(status, fixture(fixture), headers);
  }

  FakeProvider thenBody(int status, String body, String... headers) {
    return then(request -> {
      HttpServerResponse response = request.response().setStatusCode(status)
          .putHeader("Content-Type", "application/json");
      for (int i = 0; i < headers.length; i += 2) {
        response.putHeader(headers[i], headers[i + 1]);
      }
      response.end(body);
    });
  }

  /** The next request is never answered. */
  FakeProvider thenSilence() {
    return then(request -> { });
  }

  /** The next request is answered with a body of this many bytes, sent chunked as fast as the client reads. */
  FakeProvider thenHuge(int bytes) {
    return then(request -> {
      HttpServerResponse response = request.response().setChunked(true).putHeader("Content-Type", "application/json");
      Buffer chunk = Buffer.buffer("[" + "0,".repeat(8_191));
      int[] left = {bytes};
      Runnable[] more = new Runnable[1];
      more[0] = () -> {
        while (left[0] > 0 && !response.writeQueueFull() && !response.closed()) {
          response.write(chunk);
          left[0] -= chunk.length();
        }
        if (left[0] <= 0) {
          response.end();
        } else if (!response.closed()) {
          response.drainHandler(drained -> more[0].run());
        }
      };
      more[0].run();
    });
  }

  FakeProvider then(Consumer<HttpServerRequest> answer) {
    script.add(answer);
    return this;
  }

  private void answer(HttpServerRequest request) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
    received.add(new Received(request.path(), request.query(), headers));
    Consumer<HttpServerRequest> scripted = script.poll();
    if (scripted == null) {
      request.response().setStatusCode(500).end("{\"error\":{\"code\":\"UnscriptedRequest\"}}");
      return;
    }
    scripted.accept(request);
  }
}
