package io.alertgate.deliver;

import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.CircuitBreakerState;
import io.vertx.circuitbreaker.OpenCircuitException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One destination's circuit breaker. It opens after a run of consecutive failures, or when failures reach a ratio of
 * the recent attempts; while open, no attempt is made; after a while it lets one probe through (half-open), and that
 * probe's outcome closes or reopens it. A failure is an attempt worth retrying (no answer, 408, 429, 5xx): a
 * permanent refusal says something about the delivery, not about the destination's health.
 *
 * <p>Vert.x's breaker keeps the state and lets the one probe through; the decision to open is this class's, since
 * Vert.x's counts failures in a time window rather than in a row or as a ratio. Shared by the stage's verticles, so its own counts are synchronized.
 */
public final class DestinationBreaker {

  /** A run of failures in a row that opens the breaker. */
  static final int CONSECUTIVE = 5;
  /** The attempts the ratio is taken over, and the ratio of failures among them that opens the breaker. */
  static final int WINDOW = 20;
  static final double RATIO = 0.5;
  // How long a delivery held back while the probe runs waits before it asks again, and the spread of its return.
  private static final Duration PROBE_WAIT = Duration.ofSeconds(5);
  private static final long SPREAD_MS = 1_000;

  private final CircuitBreaker breaker;
  private final Duration openFor;
  private final Clock clock;
  private final Deque<Boolean> recent = new ArrayDeque<>();
  private int failuresInWindow;
  private int inARow;
  private volatile Instant openedAt;
  private volatile AttemptOutcome lastOutcome;

  /** Thrown into the breaker so it counts the attempt as failed; carries the attempt's outcome out again. */
  private static final class Failed extends RuntimeException {
    private final transient AttemptOutcome outcome;

    Failed(AttemptOutcome outcome) {
      super(null, null, false, false);
      this.outcome = outcome;
    }
  }

  public DestinationBreaker(Vertx vertx, String destination, Duration openFor, Clock clock) {
    this.openFor = openFor;
    this.clock = clock;
    this.breaker = CircuitBreaker.create("alertgate-" + destination, vertx, new CircuitBreakerOptions()
            .setMaxFailures(Integer.MAX_VALUE)
            .setTimeout(-1)
            .setResetTimeout(openFor.toMillis())
            .setNotificationAddress(null))
        .openHandler(opened -> openedAt = clock.instant())
        .closeHandler(closed -> {
          openedAt = null;
          forget();
        });
  }

  /**
   * The attempt, or empty without making it when the breaker is open (or half-open with its probe under way).
   */
  public Future<Optional<AttemptOutcome>> attempt(Supplier<Future<AttemptOutcome>> attempt) {
    return breaker.<AttemptOutcome>execute(() -> attempt.get().compose(outcome -> {
          lastOutcome = outcome;
          return outcome.result() == AttemptResult.RETRYABLE ? Future.failedFuture(new Failed(outcome))
              : Future.succeededFuture(outcome);
        }))
        .map(outcome -> {
          record(false);
          return Optional.of(outcome);
        })
        .recover(failure -> {
          if (failure instanceof OpenCircuitException) {
            return Future.succeededFuture(Optional.empty());
          }
          record(true);
          return Future.succeededFuture(Optional.of(((Failed) failure).outcome));
        });
  }

  /*
   * Vert.x's breaker calls its handlers holding its own lock, and the close handler takes this one (forget): so the
   * breaker's state is read and open() called outside this lock, never inside it, and the two never wait on each
   * other.
   */
  private void record(boolean failed) {
    if (breaker.state() == CircuitBreakerState.CLOSED && counted(failed)) {
      breaker.open();
    }
  }

  /** Counts the attempt; whether the breaker should open. */
  private synchronized boolean counted(boolean failed) {
    recent.addLast(failed);
    failuresInWindow += failed ? 1 : 0;
    if (recent.size() > WINDOW && recent.removeFirst()) {
      failuresInWindow--;
    }
    inARow = failed ? inARow + 1 : 0;
    return inARow >= CONSECUTIVE || recent.size() >= WINDOW && failuresInWindow >= RATIO * WINDOW;
  }

  private synchronized void forget() {
    recent.clear();
    failuresInWindow = 0;
    inARow = 0;
  }

  public CircuitBreakerState state() {
    return breaker.state();
  }

  /**
   * When a delivery the breaker held back should be tried again: when the open period ends, or, while the probe is
   * under way (half-open), a while later, when it has most likely said how the destination is. Spread over a second,
   * so a backlog does not wake all at once, nor come back every few milliseconds while the probe runs.
   */
  public Instant reopensAt() {
    Instant opened = openedAt;
    Instant now = clock.instant();
    CircuitBreakerState state = breaker.state();
    if (opened == null || state == CircuitBreakerState.CLOSED) {
      return now;
    }
    Instant at = opened.plus(openFor);
    Instant base = state == CircuitBreakerState.OPEN && at.isAfter(now) ? at
        : now.plus(openFor.compareTo(PROBE_WAIT) < 0 ? openFor : PROBE_WAIT);
    return base.plusMillis(ThreadLocalRandom.current().nextLong(SPREAD_MS));
  }

  /** The last attempt's outcome, for connector health. */
  public Optional<AttemptOutcome> lastOutcome() {
    return Optional.ofNullable(lastOutcome);
  }

  /** The ratio of failures among the recent attempts. */
  public synchronized double failureRatio() {
    return recent.isEmpty() ? 0 : (double) failuresInWindow / recent.size();
  }

  public void close() {
    breaker.close();
  }
}
