package io.alertgate.deliver.jira;

import io.alertgate.alert.EventType;
import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.ConnectionCheck;
import io.alertgate.deliver.jira.FakeJira.Received;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the Jira connector takes Jira's answers: refusals, limits, silence and garbage; a create that may have opened
 * its issue without saying so; the connection check; and no credential in anything it reports.
 */
class JiraAnswersTest extends FakeJiraTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "400 | PERMANENT | PT7S",
      "401 | PERMANENT | PT7S",
      "403 | PERMANENT | PT7S",
      "404 | PERMANENT | PT7S",
      "408 | RETRYABLE | PT7S",
      "409 | PERMANENT | PT7S",
      "429 | RETRYABLE | PT7S",
      "500 | RETRYABLE | PT1M",
      "502 | RETRYABLE | PT1M",
      "503 | RETRYABLE | PT1M"})
  @DisplayName("Each answer to a create is classified the shared way, with Jira's own reasons in the error")
  void createAnswers(int status, AttemptResult expected, Duration retryAfter) throws Exception {
    jira.script.add(jira::answer);
    jira.script.add((request, got) -> request.response().setStatusCode(status).putHeader("Retry-After", "7")
        .putHeader("Content-Type", "application/json").end(new JsonObject()
            .put("errorMessages", new JsonArray().add("Something was wrong.").add(12))
            .put("errors", new JsonObject().put("priority", "Specify a valid priority").put("n", 3)).encode()));

    AttemptOutcome outcome = await(fixtures.connector(fixtures.cloud()).send(fixtures.alert(EventType.CREATED)));

    assertEquals(expected, outcome.result());
    assertEquals(status, outcome.status());
    assertNull(outcome.externalRef());
    assertTrue(outcome.error().startsWith("Jira (create issue) answered " + status
        + ": Something was wrong.; priority: Specify a valid priority"), outcome.error());
    assertEquals(Optional.of(retryAfter), outcome.retryAfter(), "Jira's own, or the adoption window after a 5xx");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no answer", "reset", "502"})
  @DisplayName("A create that may have opened its issue unanswered: the retry waits out the index lag, then adopts")
  void unansweredCreateIsAdopted(String how) throws Exception {
    jira.indexLag(Duration.ofSeconds(45));
    jira.script.add(jira::answer);
    jira.script.add((request, got) -> {
      jira.open(got);
      switch (how) {
        case "reset" -> request.connection().close();
        case "502" -> request.response().setStatusCode(502).end("<html>Bad gateway</html>");
        default -> { }  // never answers
      }
    });
    JiraConnector connector = fixtures.connector(fixtures.cloud().put("timeout", 1));

    AttemptOutcome first = await(connector.send(fixtures.alert(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, first.result());
    assertEquals(Optional.of(JiraConnector.ADOPTION_WINDOW), first.retryAfter());
    assertTrue(first.error().endsWith("; the issue may have been opened, so the next attempt searches for it after"
        + " 60 s"), first.error());
    assertEquals(1, jira.issues.size(), "Jira opened it all the same");

    // Too early, the search would miss it and a second issue would be opened: the retry comes when it asked to.
    jira.clock.advance(first.retryAfter().orElseThrow());
    AttemptOutcome retry = await(connector.send(fixtures.alert(EventType.CREATED)));

    assertEquals(AttemptResult.DELIVERED, retry.result());
    assertEquals("SOC-1", retry.externalRef());
    assertEquals(1, jira.issues.size(), "no second issue");
    assertEquals(1, jira.to("/rest/api/3/issue").stream().filter(r -> r.uri().endsWith("/issue")).count());
  }

  @Test
  @DisplayName("The adoption window can be set, and a longer Retry-After from Jira wins over it")
  void adoptionWindowSettable() throws Exception {
    jira.script.add(jira::answer);
    jira.script.add((request, got) -> request.response().setStatusCode(503).end());
    jira.script.add(jira::answer);
    jira.script.add((request, got) -> request.response().setStatusCode(503).putHeader("Retry-After", "300").end());
    JiraConnector connector = fixtures.connector(fixtures.cloud(), Duration.ofSeconds(90));

    assertEquals(Optional.of(Duration.ofSeconds(90)),
        await(connector.send(fixtures.alert(EventType.CREATED))).retryAfter());
    assertEquals(Optional.of(Duration.ofSeconds(300)),
        await(connector.send(fixtures.alert(EventType.CREATED))).retryAfter());
  }

  @ParameterizedTest
  @CsvSource({"401, PERMANENT", "403, PERMANENT", "400, PERMANENT", "500, RETRYABLE", "429, RETRYABLE"})
  @DisplayName("A search Jira refuses opens nothing")
  void searchRefused(int status, AttemptResult expected) throws Exception {
    jira.script.add((request, got) -> FakeJira.json(request, status, new JsonObject()
        .put("errorMessages", new JsonArray().add("The value 'SOC' does not exist for the field 'project'."))));

    AttemptOutcome outcome = await(fixtures.connector(fixtures.cloud()).send(fixtures.alert(EventType.UPDATED)));

    assertEquals(expected, outcome.result());
    assertEquals("Jira (search) answered " + status + ": The value 'SOC' does not exist for the field 'project'.",
        outcome.error());
    assertEquals(1, jira.received.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"<html>Sign in</html>", "{\"issues\": 3}", "{\"issues\": [{\"key\": \"a b\"}]}", "[]", ""})
  @DisplayName("A search answer that cannot be read opens nothing, since the issue may exist; it is tried again")
  void unreadableSearch(String body) throws Exception {
    jira.script.add((request, got) -> request.response().setStatusCode(200).end(body));

    AttemptOutcome outcome = await(fixtures.connector(fixtures.cloud()).send(fixtures.alert(EventType.CREATED)));

    assertEquals(AttemptResult.RETRYABLE, outcome.result());
    assertEquals("Jira (search) answered 200 with a body that is not a search result; nothing was opened",
        outcome.error());
    assertEquals(1, jira.received.size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "{\"key\": 42}", "{\"key\": \"\"}"})
  @DisplayName("A 201 whose body cannot be read is still delivered; the issue is found by its label next time")
  void unreadableCreated(String body) throws Exception {
    jira.script.add(jira::answer);
    jira.script.add((request, got) -> {
      jira.open(got);
      request.response().setStatusCode(201).end(body);
    });
    JiraConnector connector = fixtures.connector(fixtures.cloud());

    AttemptOutcome outcome = await(connector.send(fixtures.alert(EventType.CREATED)));
    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertNull(outcome.externalRef());
    assertEquals("SOC-1", await(connector.send(fixtures.alert(EventType.UPDATED))).externalRef());
  }

  @Test
  @DisplayName("A huge answer is read no further than needed and kept to its first KiB")
  void hugeAnswer() throws Exception {
    jira.script.add((request, got) -> {
      request.response().setChunked(true).setStatusCode(500);
      for (int i = 0; i < 20; i++) {
        request.response().write("y".repeat(1024 * 1024));
      }
      request.response().end();
    });
    AttemptOutcome outcome = await(fixtures.connector(fixtures.cloud()).send(fixtures.alert(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, outcome.result());
    assertEquals("Jira (search) answered 500", outcome.error());
    assertEquals(1_024, outcome.response().length());
  }

  @Test
  @DisplayName("A Jira that answers too late, or is not there, is worth retrying")
  void noAnswer() throws Exception {
    jira.script.add((request, got) -> { });
    AttemptOutcome slow = await(fixtures.connector(fixtures.cloud().put("timeout", 1))
        .send(fixtures.alert(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, slow.result());
    assertEquals(0, slow.status());
    assertEquals(Optional.empty(), slow.retryAfter(), "nothing was opened: the search got no answer");

    AttemptOutcome absent = await(fixtures.connector(fixtures.cloud().put("base_url", closedAddress()))
        .send(fixtures.alert(EventType.CREATED)));
    assertEquals(AttemptResult.RETRYABLE, absent.result());
    assertTrue(absent.error().startsWith("no answer: "), absent.error());
  }

  @Test
  @DisplayName("A token or credential Jira echoes back is cut out of every outcome")
  void noSecretInOutcomes() throws Exception {
    String echo = "{\"errorMessages\": [\"bad token " + JiraFixtures.TOKEN + " in " + JiraFixtures.BASIC + "\"]}";
    jira.script.add((request, got) -> request.response().setStatusCode(401).end(echo));
    jira.script.add(jira::answer);
    jira.script.add((request, got) -> request.response().setStatusCode(400).end(echo));
    JiraConnector connector = fixtures.connector(fixtures.cloud());

    List<AttemptOutcome> outcomes = List.of(await(connector.send(fixtures.alert(EventType.CREATED))),
        await(connector.send(fixtures.alert(EventType.CREATED))));
    for (AttemptOutcome outcome : outcomes) {
      assertEquals(AttemptResult.PERMANENT, outcome.result());
      String all = String.valueOf(outcome);
      assertFalse(all.contains(JiraFixtures.TOKEN), all);
      assertFalse(all.contains(JiraFixtures.BASIC.substring(6)), all);
      assertTrue(outcome.error().contains("bad token [redacted] in Basic [redacted]"), outcome.error());
    }
  }

  @Test
  @DisplayName("A token cut in two where the kept answer ends leaves no start of it behind")
  void noSecretPrefixInOutcomes() throws Exception {
    String echo = "x".repeat(1_024 - 6) + JiraFixtures.TOKEN;
    jira.script.add((request, got) -> request.response().setStatusCode(500).end(echo));

    AttemptOutcome outcome = await(fixtures.connector(fixtures.cloud()).send(fixtures.alert(EventType.CREATED)));

    assertEquals("x".repeat(1_024 - 6) + "[redacted]", outcome.response());
  }

  @Test
  @DisplayName("The connection check asks who the credentials belong to, and names them")
  void connectionCheck() throws Exception {
    ConnectionCheck ok = await(fixtures.connector(fixtures.cloud()).check(Instant.now().plusSeconds(10)));
    assertEquals(new ConnectionCheck(true, 200, "Jira accepted the credentials of Mia Krystof"), ok);
    Received myself = jira.received.get(0);
    assertEquals("GET /rest/api/3/myself", myself.method() + " " + myself.uri());
    assertEquals(JiraFixtures.BASIC, myself.headers().get("Authorization"));
    assertEquals("", myself.body());

    await(fixtures.connector(fixtures.server()).check(Instant.now().plusSeconds(10)));
    assertEquals("GET /rest/api/2/myself", jira.received.get(1).method() + " " + jira.received.get(1).uri());
    assertEquals("Bearer " + JiraFixtures.TOKEN, jira.received.get(1).headers().get("Authorization"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "401 | {\"errorMessages\":[\"Client must be authenticated to access this resource.\"]} | "
          + "Jira answered 401: Client must be authenticated to access this resource.",
      "403 | {\"message\":\"Basic auth with password is not allowed on this instance\"} | "
          + "Jira answered 403: Basic auth with password is not allowed on this instance",
      "200 | <html>Log in</html> | the address answered 200 but not as Jira does: is base_url the address of Jira"
          + " itself?"})
  @DisplayName("The connection check fails on refused credentials and on an address that is not Jira")
  void connectionCheckFails(int status, String body, String message) throws Exception {
    jira.script.add((request, got) -> request.response().setStatusCode(status).end(body));
    ConnectionCheck check = await(fixtures.connector(fixtures.cloud()).check(Instant.now().plusSeconds(10)));
    assertEquals(new ConnectionCheck(false, status, message), check);
  }

  @Test
  @DisplayName("The connection check of an unreachable Jira fails without a credential in its message")
  void connectionCheckUnreachable() throws Exception {
    ConnectionCheck check = await(fixtures.connector(fixtures.cloud().put("base_url", closedAddress()))
        .check(Instant.now().plusSeconds(10)));
    assertFalse(check.ok());
    assertEquals(0, check.status());
    assertTrue(check.message().startsWith("no answer: "), check.message());
    assertFalse(check.message().contains(JiraFixtures.TOKEN));
  }

  private static String closedAddress() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    }
  }
}
