package io.alertgate.deliver.http;

import io.alertgate.net.Cidr;
import io.alertgate.net.TargetGuard;
import io.alertgate.support.LogCapture;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** A destination that goes away resets the connections the client keeps: that is no error of the gateway's. */
class OutboundClientResetTest {

  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("An idle pooled connection reset by the destination writes no ERROR line")
  void idleResetIsNoError() throws Exception {
    // SO_LINGER 0: closing a connection resets it, as a destination's process exiting does.
    Promise<HttpConnection> served = Promise.promise();
    HttpServer server = await(vertx.createHttpServer(new HttpServerOptions().setSoLinger(0))
        .requestHandler(request -> request.end().onComplete(ended -> {
          request.response().setStatusCode(204).end();
          served.tryComplete(request.connection());
        }))
        .listen(0, "127.0.0.1"));
    try (LogCapture log = LogCapture.attach()) {
      OutboundClient client = new OutboundClient(vertx,
          Endpoint.parse("url", "http://127.0.0.1:" + server.actualPort() + "/hook"), Tls.VERIFIED,
          Duration.ofSeconds(30), 4, new TargetGuard(vertx, List.of(Cidr.parse("127.0.0.0/8"))), Clock.systemUTC());

      Answer answer = await(client.send(new OutboundRequest(HttpMethod.POST, "/hook", Map.of(), Buffer.buffer("{}"),
          "POST /hook"), Instant.now().plusSeconds(30), 1024));
      assertEquals(204, answer.status(), String.valueOf(answer.failure()));

      await(served.future().compose(HttpConnection::close));
      Thread.sleep(1000);

      assertFalse(log.text().contains("Connection reset"), log.text());
      await(client.close());
    }
  }
}
