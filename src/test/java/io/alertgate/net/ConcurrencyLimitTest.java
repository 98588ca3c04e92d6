package io.alertgate.net;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests beyond a destination's connections wait their turn, in order, and give up at their deadline. */
class ConcurrencyLimitTest {

  private Vertx vertx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("Two permits: the third waits until one is released, the fourth gives up at its deadline")
  void waitsItsTurn() throws Exception {
    ConcurrencyLimit limit = new ConcurrencyLimit(vertx, 2);
    Instant later = Instant.now().plusSeconds(10);
    assertTrue(limit.acquire(later).succeeded());
    assertTrue(limit.acquire(later).succeeded());
    Future<Void> third = limit.acquire(later);
    Future<Void> fourth = limit.acquire(Instant.now().plusMillis(100));
    assertFalse(third.isComplete());

    assertInstanceOf(TimeoutException.class, assertThrows(ExecutionException.class, () -> await(fourth)).getCause());
    limit.release();
    await(third);
    limit.release();
    limit.release();
    // Both permits free again: two more at once, the next one waits.
    assertTrue(limit.acquire(later).succeeded());
    assertTrue(limit.acquire(later).succeeded());
    assertFalse(limit.acquire(later).isComplete());
  }
}
