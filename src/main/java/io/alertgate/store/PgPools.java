package io.alertgate.store;

import io.alertgate.config.DatabaseConfig.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** The one reactive connection pool every verticle shares. */
public final class PgPools {

  private PgPools() {
  }

  public static Pool create(Vertx vertx, Endpoint endpoint, int maxSize) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setDatabase(endpoint.database())
        .setUser(endpoint.user())
        .setPassword(endpoint.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
    PoolOptions pool = new PoolOptions()
        .setMaxSize(maxSize)
        .setMaxWaitQueueSize(10_000)
        .setConnectionTimeout(10)
        .setName("alertgate");
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }
}
