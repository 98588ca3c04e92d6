package io.alertgate.pipeline;

import io.alertgate.logging.OutageLog;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Runs one stage's batches, by the ids the fast path took from the bus or by sweeping for what is due. How a batch
 * is claimed, worked and written depends on the stage's shape ({@link TransactionalBatches},
 * {@link LeasedBatches}); after every commit the runner announces the produced ids on the hand-off's address and
 * counts the batch, once.
 */
public final class StageRunner {

  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

  /** One shape's way to claim, work and write a batch; it calls back {@link #committed} after each commit. */
  interface Batches {
    Future<StageOutcome> run(Function<SqlConnection, Future<RowSet<Row>>> claim);
  }

  private final Vertx vertx;
  private final Stage stage;
  private final Handoff handoff;
  private final StageMetrics metrics;
  private final Batches batches;
  // Shared by the stage's fast paths and sweeper: with the database away all of them fail, and say so once.
  private final OutageLog outage;

  public StageRunner(Vertx vertx, Pool pool, Stage stage, Handoff handoff, MeterRegistry registry) {
    checkShape(stage);
    this.vertx = vertx;
    this.stage = stage;
    this.handoff = handoff;
    this.metrics = new StageMetrics(registry, stage.plan().name());
    this.outage = new OutageLog(LOG, stage.plan().name() + " batches");
    this.batches = stage instanceof LeasedStage leased
        ? new LeasedBatches(vertx, pool, leased, handoff, this::committed)
        : new TransactionalBatches(pool, (TransactionalStage) stage, handoff, this::committed);
  }

  /** A leased stage needs a lease in its plan, and only a leased stage has one. */
  static void checkShape(Stage stage) {
    boolean leased = stage instanceof LeasedStage;
    if (leased != (stage.plan().lease() != null)) {
      throw new IllegalArgumentException("Stage " + stage.plan().name() + (leased
          ? " is leased and needs a lease in its plan" : " works inside its claim's transaction and takes no lease"));
    }
  }

  /**
   * What a fast path or a sweeper waits for when it stops: its transactional batch in flight, which finishes in the
   * claim's transaction; not a leased one, whose calls may take up to the lease, which brings its items back anyway.
   */
  Future<?> settling(Future<?> inFlight) {
    return stage.plan().lease() == null ? inFlight.otherwiseEmpty() : Future.succeededFuture();
  }

  public Stage stage() {
    return stage;
  }

  /**
   * The fast path: runs those of these items that are due and not claimed elsewhere, in id order. Items beyond the
   * batch's budget are left unclaimed and reported as deferred, for the caller's next batch.
   */
  public Future<StageOutcome> run(List<UUID> ids) {
    return timed(StageMetrics.Path.FAST, batches.run(sql -> stage.claim(sql, ids)));
  }

  /**
   * The recovery path: items due for longer than the grace period that nobody took (lost message, crash, expired
   * lease). Parallel sweepers take different items: each claim skips the rows another holds.
   */
  public Future<StageOutcome> runDue(int limit, double graceSeconds) {
    return timed(StageMetrics.Path.SWEEP, batches.run(sql -> stage.claimDue(sql, limit, graceSeconds)));
  }

  /**
   * What became of a batch, as its fast path or sweeper saw it (with their deadline): a failure leaves its items
   * due, and is logged when failures start and when they end rather than each time.
   */
  void ended(AsyncResult<StageOutcome> batch) {
    if (batch.succeeded()) {
      outage.worked();
    } else {
      outage.failed(batch.cause());
    }
  }

  private Future<StageOutcome> timed(StageMetrics.Path path, Future<StageOutcome> call) {
    long started = System.nanoTime();
    return call.onSuccess(outcome -> {
      if (outcome.claimed() > 0) {
        metrics.batch(path, System.nanoTime() - started);
      }
    });
  }

  /**
   * After each commit, and only then: the produced ids are announced and the batch counted, once. Nothing here may
   * turn a commit into a failure, so what the stage's own hook throws is logged, not passed on.
   */
  private StageOutcome committed(StageOutcome outcome) {
    handoff.publish(vertx, outcome.produced());
    metrics.items(outcome.tally());
    try {
      stage.committed(outcome.tally());
    } catch (RuntimeException bug) {
      LOG.error("{}: counting a committed batch failed", stage.plan().name(), bug);
    }
    return outcome;
  }
}
