package io.alertgate.store;

import io.alertgate.config.DatabaseConfig.Endpoint;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.core.net.ClientSSLOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.SslMode;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/**
 * Reactive connection pools. The gateway keeps three, so no stage can take the connections another needs: ingest's
 * commits (shared with health and start-up), normalization, and the admin API.
 */
public final class PgPools {

  private PgPools() {
  }

  public static Pool create(Vertx vertx, Endpoint endpoint, String name, int maxSize) {
    return create(vertx, endpoint, name, maxSize, null);
  }

  /** statementTimeout, when given, ends any statement of these sessions that runs longer (PostgreSQL units: "10s"). */
  public static Pool create(Vertx vertx, Endpoint endpoint, String name, int maxSize, String statementTimeout) {
    PgConnectOptions connect = new PgConnectOptions()
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setDatabase(endpoint.database())
        .setUser(endpoint.user())
        .setPassword(endpoint.password())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256)
        // A 202 means "on disk": whatever the server's default, these sessions commit synchronously.
        .addProperty("synchronous_commit", "on")
        .addProperty("application_name", name);
    if (statementTimeout != null) {
      connect.addProperty("statement_timeout", statementTimeout);
    }
    switch (endpoint.tls()) {
      case DISABLE -> connect.setSslMode(SslMode.DISABLE);
      case REQUIRE -> connect.setSslMode(SslMode.REQUIRE).setSslOptions(new ClientSSLOptions().setTrustAll(true));
      case VERIFY_CA -> connect.setSslMode(SslMode.VERIFY_CA);
      case VERIFY_FULL -> connect.setSslMode(SslMode.VERIFY_FULL);
    }
    PoolOptions pool = new PoolOptions()
        .setMaxSize(maxSize)
        .setMaxWaitQueueSize(10_000)
        .setConnectionTimeout(10)
        .setName(name);
    // A half-open connection after a failover must not hang a commit until the kernel gives up.
    NetClientOptions tcp = new NetClientOptions().setTcpKeepAlive(true).setConnectTimeout(5_000);
    return PgBuilder.pool().with(pool).with(tcp).connectingTo(connect).using(vertx).build();
  }
}
