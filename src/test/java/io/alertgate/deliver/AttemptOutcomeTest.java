package io.alertgate.deliver;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** An outcome cleaned of a secret the destination echoed. */
class AttemptOutcomeTest {

  private static final String KEY = "5f2a9c0e1b7d4e8f";

  @Test
  @DisplayName("A secret echoed in the error or the answer is written as [redacted]; the request line is kept")
  void redactsEchoes() {
    AttemptOutcome echoed = new AttemptOutcome(AttemptResult.PERMANENT, 401, null, Optional.empty(),
        "X answered 401: key " + KEY + " is unknown", "GET https://x.example/api", "{\"key\":\"" + KEY + "\"}");
    AttemptOutcome clean = echoed.redacting(KEY);
    assertEquals("X answered 401: key [redacted] is unknown", clean.error());
    assertEquals("{\"key\":\"[redacted]\"}", clean.response());
    assertEquals("GET https://x.example/api", clean.request());
  }

  @Test
  @DisplayName("An answer cut off inside the secret loses the part it kept")
  void redactsACutOffSecret() {
    AttemptOutcome cut = new AttemptOutcome(AttemptResult.PERMANENT, 400, null, Optional.empty(), null, null,
        "{\"key\":\"" + KEY.substring(0, 9));
    assertEquals("{\"key\":\"[redacted]", cut.redacting(KEY).response());
    AttemptOutcome unrelated = new AttemptOutcome(AttemptResult.DELIVERED, 200, "id", Optional.empty(), null, null,
        "{\"ok\":true}");
    assertEquals(unrelated, unrelated.redacting(KEY));
    assertSame(unrelated, unrelated.redacting(null));
  }
}
