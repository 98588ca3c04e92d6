package io.alertgate.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The body bytes every ingest event loop together holds, from a request's first byte read until its answer (its
 * commit included), and the bound on them. A per-loop bound would multiply with the loop count; one shared figure
 * keeps the heap's share for bodies what the configuration says, whatever {@code http.instances} is.
 *
 * <p>A body is held once: read into one array, stored from that array (see {@link BodyReader}). What else a request
 * briefly costs (its parsed JSON, the UTF-8 check) lives within one synchronous call on its event loop, so at most
 * one of those per loop exists at a time: bounded by the loop count, not by the requests in flight.
 */
public final class InflightBodies {

  private final long limit;
  private final AtomicLong held = new AtomicLong();

  public InflightBodies(long limit, MeterRegistry registry) {
    this.limit = limit;
    Gauge.builder("alertgate.ingest.inflight.body", held, AtomicLong::get)
        .description("Webhook body bytes read or being read and not yet answered, on all ingest event loops")
        .baseUnit("bytes")
        .register(registry);
  }

  /** A new request's claim, holding nothing yet. */
  BodyClaim claim() {
    return new BodyClaim(this);
  }

  /** Takes the bytes if they fit under the limit, all or nothing. */
  boolean tryTake(long bytes) {
    while (true) {
      long now = held.get();
      if (now + bytes > limit) {
        return false;
      }
      if (held.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  void give(long bytes) {
    held.addAndGet(-bytes);
  }

  /** Bytes held now. */
  public long held() {
    return held.get();
  }
}
