package io.alertgate.support;

import io.alertgate.store.PgPools;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;

/** A Vert.x instance with a pool on the test database, for tests that drive a stage or a read model from Java. */
public final class PooledVertx implements AutoCloseable {

  public final Vertx vertx;
  public final Pool pool;

  private PooledVertx(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  /** The pool's name is its sessions' application_name, for tests that look at pg_stat_activity. */
  public static PooledVertx open(String name, int connections) {
    Vertx vertx = Vertx.vertx();
    return new PooledVertx(vertx, PgPools.create(vertx, TestDatabase.endpoint(), name, connections));
  }

  /** Waits on a test thread, for at most 30 s. */
  public static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws Exception {
    await(pool.close());
    await(vertx.close());
  }
}
