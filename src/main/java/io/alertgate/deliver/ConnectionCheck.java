package io.alertgate.deliver;

/**
 * What a connection check found: whether the destination answered the configured credentials as it should.
 *
 * @param ok      the destination is reachable and accepts the credentials
 * @param status  its HTTP status, 0 when no answer came
 * @param message a sentence for the operator that names no secret
 */
public record ConnectionCheck(boolean ok, int status, String message) {

  public static ConnectionCheck of(AttemptOutcome outcome, String success) {
    boolean ok = outcome.result() == AttemptResult.DELIVERED;
    return new ConnectionCheck(ok, outcome.status(), ok ? success : outcome.error());
  }
}
