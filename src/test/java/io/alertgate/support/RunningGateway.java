package io.alertgate.support;

import io.alertgate.Gateway;
import io.alertgate.config.GatewayConfig;
import io.alertgate.metrics.GatewayMetrics;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A gateway started in the test JVM, with a client aimed at its ingest port. Blocking helpers, for test threads. */
public final class RunningGateway implements AutoCloseable {

  private static final long TIMEOUT_SECONDS = 60;

  public final Vertx vertx;
  public final Gateway gateway;
  public final WebClient client;
  private final ByteArrayOutputStream console;

  private RunningGateway(Vertx vertx, Gateway gateway, ByteArrayOutputStream console) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.console = console;
    this.client = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true),
        new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
  }

  public static RunningGateway start(GatewayConfig config) {
    GatewayMetrics metrics = new GatewayMetrics();
    Vertx vertx = metrics.newVertx();
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    try {
      Gateway gateway = Gateway.start(vertx, metrics, config, new PrintStream(console, true, StandardCharsets.UTF_8))
          .await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new RunningGateway(vertx, gateway, console);
    } catch (Exception e) {
      vertx.close();
      throw new IllegalStateException("gateway did not start", e);
    }
  }

  /** What the gateway printed to its console (generated secrets). */
  public String console() {
    return console.toString(StandardCharsets.UTF_8);
  }

  public HttpRequest<Buffer> post(String source) {
    return client.request(HttpMethod.POST, gateway.ingestPort(), "127.0.0.1", "/api/v1/webhooks/" + source)
        .putHeader("Content-Type", "application/json");
  }

  public HttpResponse<Buffer> send(HttpRequest<Buffer> request, String body) {
    return await(request.sendBuffer(Buffer.buffer(body)));
  }

  public <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    try {
      gateway.stop().await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      client.close();
      vertx.close();
    }
  }
}
