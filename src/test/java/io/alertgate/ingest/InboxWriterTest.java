package io.alertgate.ingest;

import io.alertgate.config.DatabaseConfig.Endpoint;
import io.alertgate.store.PgPools;
import io.alertgate.store.TimeOrderedIds;
import io.alertgate.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(VertxExtension.class)
class InboxWriterTest {

  private Pool pool;

  @BeforeEach
  void setUp(Vertx vertx) {
    TestDatabase.truncate();
    pool = PgPools.create(vertx, TestDatabase.endpoint(), "test", 4);
  }

  @AfterEach
  void tearDown() {
    pool.close();
  }

  @Test
  @DisplayName("Past max_pending queued requests, a write fails at once with 503 instead of growing memory")
  void pendingCountBound(Vertx vertx, VertxTestContext test) {
    InboxWriter writer = new InboxWriter(vertx, pool, limits(1, 2, Long.MAX_VALUE, 15_000));
    onContext(vertx, () -> {
      List<Future<WriteOutcome>> writes = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        writes.add(writer.write(event("count-" + i, "{}")));
      }
      // The first is in flight, two wait, the fourth is over the bound.
      Future.join(writes).onComplete(done -> test.verify(() -> {
        assertTrue(writes.get(0).succeeded() && writes.get(1).succeeded() && writes.get(2).succeeded());
        assertInstanceOf(StorageUnavailableException.class, writes.get(3).cause());
        assertEquals(3, TestDatabase.count("SELECT count(*) FROM inbound_event"));
        test.completeNow();
      }));
    });
  }

  @Test
  @DisplayName("Past max_pending bytes, a write fails at once too")
  void pendingBytesBound(Vertx vertx, VertxTestContext test) {
    InboxWriter writer = new InboxWriter(vertx, pool, limits(1, 100, 60, 15_000));
    onContext(vertx, () -> {
      // 50 bytes, written at once; then 11 bytes wait, and 69 more would pass the 60-byte bound.
      Future<WriteOutcome> first = writer.write(event("bytes-0", "{\"pad\":\"" + "x".repeat(40) + "\"}"));
      Future<WriteOutcome> small = writer.write(event("bytes-1", "{\"pad\":\"x\"}"));
      Future<WriteOutcome> large = writer.write(event("bytes-2", "{\"pad\":\"" + "x".repeat(60) + "\"}"));
      Future.join(first, small, large).onComplete(done -> test.verify(() -> {
        assertTrue(first.succeeded() && small.succeeded());
        assertInstanceOf(StorageUnavailableException.class, large.cause());
        test.completeNow();
      }));
    });
  }

  @Test
  @DisplayName("One row PostgreSQL rejects fails alone; the rows batched with it are committed")
  void badRowDoesNotPoisonItsBatch(Vertx vertx, VertxTestContext test) {
    InboxWriter writer = new InboxWriter(vertx, pool, limits(100, 100, Long.MAX_VALUE, 15_000));
    onContext(vertx, () -> {
      Future<WriteOutcome> blocker = writer.write(event("split-0", "{}"));
      // These three wait for the blocker's commit and go together in the next batch.
      Future<WriteOutcome> good = writer.write(event("split-1", "{}"));
      // PostgreSQL's text type cannot hold a NUL: a data error in this one row.
      Future<WriteOutcome> bad = writer.write(withHeaders(event("split-2", "{}"), "{\"x\":\"\u0000\"}"));
      Future<WriteOutcome> alsoGood = writer.write(event("split-3", "{}"));
      Future.join(blocker, good, bad, alsoGood).onComplete(done -> test.verify(() -> {
        assertTrue(blocker.succeeded() && good.succeeded() && alsoGood.succeeded());
        assertTrue(bad.failed());
        assertFalse(bad.cause() instanceof StorageUnavailableException, "a data error is not worth a retry");
        assertEquals(3, TestDatabase.count("SELECT count(*) FROM inbound_event"));
        test.completeNow();
      }));
    });
  }

  @Test
  @DisplayName("After drain() starts, writes are refused and drain completes once the queue is empty")
  void drain(Vertx vertx, VertxTestContext test) {
    InboxWriter writer = new InboxWriter(vertx, pool, limits(1, 100, Long.MAX_VALUE, 15_000));
    onContext(vertx, () -> {
      Future<WriteOutcome> before = writer.write(event("drain-0", "{}"));
      Future<WriteOutcome> queued = writer.write(event("drain-1", "{}"));
      Future<Void> drained = writer.drain();
      Future<WriteOutcome> after = writer.write(event("drain-2", "{}"));
      drained.onComplete(done -> test.verify(() -> {
        assertTrue(before.succeeded() && queued.succeeded(), "queued work is finished, not dropped");
        assertInstanceOf(StorageUnavailableException.class, after.cause());
        test.completeNow();
      }));
    });
  }

  @Test
  @DisplayName("A drain whose commits failed fails too: the stop that waited for it was not clean")
  void drainOfFailedCommits(Vertx vertx, VertxTestContext test) throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0)) {
      closedPort = probe.getLocalPort();
    }
    Pool refusing = PgPools.create(vertx, new Endpoint("127.0.0.1", closedPort, "postgres", "postgres", ""), "test", 1);
    InboxWriter writer = new InboxWriter(vertx, refusing, limits(10, 100, Long.MAX_VALUE, 15_000));
    onContext(vertx, () -> {
      Future<WriteOutcome> written = writer.write(event("lost-0", "{}"));
      writer.drain().onComplete(drained -> test.verify(() -> {
        assertInstanceOf(StorageUnavailableException.class, written.cause());
        assertInstanceOf(StorageUnavailableException.class, drained.cause(), "the drain must fail");
        refusing.close().onComplete(closed -> test.completeNow());
      }));
    });
    assertTrue(test.awaitCompletion(20, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("A commit that never answers fails with 503 after the timeout, and the writer moves on")
  void hungCommit(Vertx vertx, VertxTestContext test) throws Exception {
    try (SilentServer silent = new SilentServer()) {
      Pool silentPool = PgPools.create(vertx, silent.endpoint(), "test", 2);
      InboxWriter writer = new InboxWriter(vertx, silentPool, limits(10, 100, Long.MAX_VALUE, 300));
      onContext(vertx, () -> {
        Future<WriteOutcome> first = writer.write(event("hang-0", "{}"));
        Future<WriteOutcome> second = writer.write(event("hang-1", "{}"));
        Future.join(first, second).onComplete(done -> test.verify(() -> {
          assertInstanceOf(StorageUnavailableException.class, first.cause());
          assertInstanceOf(StorageUnavailableException.class, second.cause());
          silent.close();
          silentPool.close().onComplete(closed -> test.completeNow());
        }));
      });
      assertTrue(test.awaitCompletion(20, TimeUnit.SECONDS));
    }
  }

  @Test
  @DisplayName("A request queued behind a hung commit is answered within the timeout of its own arrival, not later")
  void queuedBehindHungCommit(Vertx vertx, VertxTestContext test) throws Exception {
    long timeoutMs = 1_000;
    try (SilentServer silent = new SilentServer()) {
      Pool silentPool = PgPools.create(vertx, silent.endpoint(), "test", 2);
      InboxWriter writer = new InboxWriter(vertx, silentPool, limits(10, 100, Long.MAX_VALUE, timeoutMs));
      onContext(vertx, () -> {
        Future<WriteOutcome> first = writer.write(event("queued-0", "{}"));
        // Arrives while the first commit hangs: it waits in the queue, and its time runs from now.
        vertx.setTimer(timeoutMs / 2, id -> {
          long queuedAt = System.nanoTime();
          writer.write(event("queued-1", "{}")).onComplete(second -> test.verify(() -> {
            long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queuedAt);
            assertInstanceOf(StorageUnavailableException.class, first.cause());
            assertInstanceOf(StorageUnavailableException.class, second.cause());
            assertTrue(waitedMs < timeoutMs + 250, "the queued request waited " + waitedMs + " ms");
            silent.close();
            silentPool.close().onComplete(closed -> test.completeNow());
          }));
        });
      });
      assertTrue(test.awaitCompletion(20, TimeUnit.SECONDS));
    }
  }

  /**
   * Accepts TCP connections and never says a word: a half-open database. Closed before the pool, whose close waits
   * for the connection attempts still pending.
   */
  private static final class SilentServer implements AutoCloseable {

    private final ServerSocket socket = new ServerSocket(0);
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SilentServer() throws IOException {
      acceptor = new Thread(() -> {
        try {
          while (true) {
            held.add(socket.accept());
          }
        } catch (IOException closed) {
          // test over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
    }

    Endpoint endpoint() {
      return new Endpoint("127.0.0.1", socket.getLocalPort(), "postgres", "postgres", "");
    }

    @Override
    public void close() {
      try {
        socket.close();
        // A connection accepted just before the close is added once accept() returns: wait for the acceptor to
        // end, or that connection stays open and the pool's close waits on it for ever.
        acceptor.join(5_000);
        for (Socket connection : held) {
          connection.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static InboxWriter.Limits limits(int batchRows, int maxPending, long maxPendingBytes, long timeoutMs) {
    return new InboxWriter.Limits(batchRows, 16L * 1024 * 1024, maxPending, maxPendingBytes, 1, timeoutMs);
  }

  private static void onContext(Vertx vertx, Runnable work) {
    // The writer is confined to one event loop, as in the ingest verticle.
    vertx.runOnContext(v -> work.run());
  }

  private static InboundEvent event(String key, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return new InboundEvent(TimeOrderedIds.next(), "elastic", "test:" + key, Buffer.buffer(bytes),
        io.alertgate.digest.Digests.sha256(bytes), "{}", "127.0.0.1", OffsetDateTime.now(ZoneOffset.UTC));
  }

  private static InboundEvent withHeaders(InboundEvent event, String headersJson) {
    return new InboundEvent(event.id(), event.source(), event.dedupKey(), event.body(), event.bodySha256(),
        headersJson, event.remoteAddr(), event.receivedAt());
  }
}
