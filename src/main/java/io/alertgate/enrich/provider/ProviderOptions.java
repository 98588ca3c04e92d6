package io.alertgate.enrich.provider;

import java.time.Duration;

/**
 * How a provider client treats its provider.
 *
 * @param timeout         the longest a lookup waits for its answer, connection included
 * @param maxBody         the most of an answer's body read; a longer answer is malformed
 * @param breakerFailures unavailable answers within {@code breakerWindow} that open the breaker
 * @param breakerWindow   how far back failures count; long, since a free VirusTotal key asks 4 times a minute
 * @param breakerOpenFor  how long an open breaker answers at once before it lets one lookup probe the provider
 */
public record ProviderOptions(Duration timeout, int maxBody, int breakerFailures, Duration breakerWindow,
                              Duration breakerOpenFor) {

  public static final ProviderOptions DEFAULTS = new ProviderOptions(Duration.ofSeconds(5), 256 * 1024, 5,
      Duration.ofMinutes(5), Duration.ofSeconds(60));

  public ProviderOptions {
    if (timeout.isNegative() || timeout.isZero() || maxBody < 1 || breakerFailures < 1 || breakerWindow.isNegative()
        || breakerWindow.isZero() || breakerOpenFor.isNegative() || breakerOpenFor.isZero()) {
      throw new IllegalArgumentException("provider timeouts, body limit and breaker settings must be positive");
    }
  }
}
