package io.alertgate;

import io.alertgate.config.ConfigException;
import io.alertgate.config.ConfigLoader;
import io.alertgate.logging.LogLevels;
import io.alertgate.metrics.GatewayMetrics;
import io.alertgate.metrics.HeapLimit;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/** Loads the configuration, starts the gateway, and stops it in order on SIGTERM or SIGINT. */
public final class Main {

  static {
    System.setProperty("vertx.logger-delegate-factory-class-name", "io.vertx.core.logging.SLF4JLogDelegateFactory");
  }

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final long STOP_DEADLINE_SECONDS = 60;

  private Main() {
  }

  public static void main(String[] args) {
    GatewayMetrics metrics = new GatewayMetrics();
    Vertx vertx = metrics.newVertx();
    ConfigLoader.load(vertx, System.getenv())
        .onSuccess(config -> LogLevels.apply(config.logging()))
        .onSuccess(config -> HeapLimit.report())
        .compose(config -> Gateway.start(vertx, metrics, config, System.out)
            .onSuccess(gateway -> stopOnSignal(gateway, config.shutdown().delaySeconds())))
        .onFailure(failure -> {
          if (failure instanceof ConfigException) {
            System.err.println(failure.getMessage());
          } else {
            LOG.error("Alertgate could not start: {}", failure.getMessage(), failure);
          }
          vertx.close().onComplete(closed -> System.exit(failure instanceof ConfigException ? 2 : 1));
        });
  }

  private static void sleep(long seconds) {
    try {
      Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The JVM runs shutdown hooks concurrently, and the embedded database registers one that stops PostgreSQL at
   * once; handling the signals ourselves lets in-flight commits finish before anything is closed.
   */
  private static void stopOnSignal(Gateway gateway, long delaySeconds) {
    AtomicBoolean stopping = new AtomicBoolean();
    Runnable stop = () -> {
      if (!stopping.compareAndSet(false, true)) {
        return;
      }
      // Readiness turns 503 first, and the listener stays open a moment so load balancers stop sending.
      gateway.stopAccepting();
      LOG.info("Stopping: readiness is down; closing the ingest port in {}s", delaySeconds);
      sleep(delaySeconds);
      CountDownLatch stopped = new CountDownLatch(1);
      AtomicBoolean clean = new AtomicBoolean();
      gateway.stop().onComplete(done -> {
        clean.set(done.succeeded());
        stopped.countDown();
      });
      boolean inTime = false;
      try {
        inTime = stopped.await(STOP_DEADLINE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!inTime) {
        LOG.error("Graceful stop took longer than {}s; exiting anyway", STOP_DEADLINE_SECONDS);
      }
      System.exit(inTime && clean.get() ? 0 : 1);
    };
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> new Thread(stop, "alertgate-stop").start());
    }
  }
}
