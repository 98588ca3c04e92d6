package io.alertgate.support;

/**
 * One gateway of {@link TestConfigs#config()} for the fuzz tests that knock on its doors: started by the first that
 * asks, left running for the others (each start costs seconds), and ended with the test JVM. They only read or are
 * refused, so they share it safely, and tables truncated by other tests meanwhile change nothing they check.
 */
public final class FuzzedGateway {

  private static RunningGateway gateway;

  private FuzzedGateway() {
  }

  public static synchronized RunningGateway get() {
    if (gateway == null) {
      gateway = RunningGateway.start(TestConfigs.config());
    }
    return gateway;
  }
}
