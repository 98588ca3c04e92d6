package io.alertgate.health;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * What readiness reports: whether the gateway is accepting (false once a stop began) and whether the database
 * answered its last check. The check runs on a timer, not per probe, so a flood of probes cannot take connections
 * that commits need.
 */
public final class GatewayHealth {

  private static final long CHECK_EVERY_MS = 2_000;
  private static final long CHECK_TIMEOUT_MS = 2_000;

  private volatile boolean accepting = true;
  private volatile boolean databaseUp;
  private volatile BooleanSupplier recovering = () -> true;
  private long timer = -1;

  /** Runs the first check and completes with it, then keeps checking in the background. */
  public Future<Void> start(Vertx vertx, Pool pool) {
    timer = vertx.setPeriodic(CHECK_EVERY_MS, id -> check(pool));
    return check(pool);
  }

  public void stop(Vertx vertx) {
    accepting = false;
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  public void stopAccepting() {
    accepting = false;
  }

  public boolean accepting() {
    return accepting;
  }

  /**
   * What liveness asks besides the event loop: whether the database, if it died, is still expected back (the
   * embedded server's watchdog has not been failing for long). False means only a restart of the process helps.
   */
  public void recoverableWhile(BooleanSupplier recovering) {
    this.recovering = recovering;
  }

  public boolean recoverable() {
    return recovering.getAsBoolean();
  }

  public boolean databaseUp() {
    return databaseUp;
  }

  private Future<Void> check(Pool pool) {
    return pool.query("SELECT 1").execute()
        .timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .transform(result -> {
          databaseUp = result.succeeded();
          return Future.succeededFuture();
        });
  }
}
