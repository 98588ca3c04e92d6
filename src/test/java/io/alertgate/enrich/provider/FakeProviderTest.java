package io.alertgate.enrich.provider;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;

import static io.alertgate.support.PooledVertx.await;

/** A provider client's test: a fresh Vert.x, a fake provider on loopback, and the client pointed at it. */
abstract class FakeProviderTest<C extends ProviderClient> {

  Vertx vertx;
  FakeProvider fake;
  C client;

  abstract C client(Vertx vertx, String baseUrl);

  @BeforeEach
  void startFake() throws Exception {
    vertx = Vertx.vertx();
    fake = FakeProvider.start(vertx);
    client = client(vertx, fake.baseUrl());
  }

  @AfterEach
  void stopFake() throws Exception {
    await(client.close());
    await(vertx.close());
  }

  /** A lookup with time to spare. */
  Lookup lookup(Indicator indicator) throws Exception {
    return await(client.lookup(indicator, Instant.now().plusSeconds(5)));
  }
}
