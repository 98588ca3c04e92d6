package io.alertgate.logging;

import io.alertgate.config.GatewayConfig;
import io.alertgate.enrich.FakeIntel;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The console's two formats, as logback.xml sets them: human lines by default, and with ALERTGATE_LOG_FORMAT=json one
 * JSON object a line, in which a line about an inbound event or a delivery names it in fields of its own. At the
 * default levels, no line holds a secret or an alert's body.
 */
class JsonLogsTest {

  private static final String BODY_MARKER = "body-marker-5e0d7c";

  @BeforeEach
  void setUp() {
    TestDatabase.truncate();
  }

  @Test
  @DisplayName("JSON lines: each parses, a failed event's line has its inbound_id and source, a dead letter's its"
      + " delivery_id, alert_id and destination; no secret, no body")
  void jsonLines() throws Exception {
    try (FakeIntel intel = FakeIntel.start(); ConsoleFormat console = ConsoleFormat.attach("json")) {
      assertInstanceOf(LogstashEncoder.class, console.encoder());
      JsonObject yaml = intel.yaml(2_000);
      yaml.getJsonObject("destinations").put("refusing", intel.refusingDestination());
      String inbound;
      try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()))) {
        // Elastic's normalizer cannot read this one: the event is kept as failed, and the line says which.
        String unreadable = "{\"note\":\"" + BODY_MARKER + "\"}";
        inbound = gw.send(gw.post("elastic")
            .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, unreadable)), unreadable)
            .bodyAsJsonObject().getString("id");
        assertEquals(202, gw.await(FakeIntel.post(gw, "json-logs-1", "8.8.8.8")).statusCode());
        waitUntil(() -> intel.delivered.size() == 1
            && TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'dead'") == 1
            && TestDatabase.count("SELECT count(*) FROM inbound_state WHERE status = 'failed'") == 1);
      }
      List<JsonObject> lines = console.lines().stream().map(JsonLogsTest::parsed).toList();

      JsonObject failed = with(lines, LogFields.INBOUND_ID, inbound).orElseThrow(() -> new AssertionError(lines));
      assertEquals("WARN", failed.getString("level"));
      assertEquals("elastic", failed.getString(LogFields.SOURCE));
      assertTrue(failed.getString("message").contains(inbound), failed.encode());
      String dead = TestDatabase.text("SELECT id::text FROM delivery WHERE status = 'dead'");
      JsonObject letter = with(lines, LogFields.DELIVERY_ID, dead).orElseThrow(() -> new AssertionError(lines));
      assertEquals("WARN", letter.getString("level"));
      assertEquals("refusing", letter.getString(LogFields.DESTINATION));
      assertEquals(TestDatabase.text("SELECT alert_id::text FROM delivery WHERE status = 'dead'"),
          letter.getString(LogFields.ALERT_ID));
      assertEquals("Delivery " + dead + " to refusing is dead: the webhook answered 422", letter.getString("message"));
      String everything = String.join("\n", console.lines());
      for (String secret : List.of(TestConfigs.ELASTIC_SECRET, TestConfigs.ADMIN_TOKEN, TestConfigs.WHSEC,
          BODY_MARKER)) {
        assertFalse(everything.contains(secret), secret);
      }
    }
  }

  @Test
  @DisplayName("Without ALERTGATE_LOG_FORMAT the console writes human lines: time, level, thread, logger, message")
  void humanLinesByDefault() throws Exception {
    try (ConsoleFormat console = ConsoleFormat.attach(null)) {
      org.slf4j.LoggerFactory.getLogger(JsonLogsTest.class).info("A human line");
      String line = console.lines().stream().filter(one -> one.endsWith("A human line")).findFirst().orElseThrow();
      assertTrue(line.matches("\\d{4}-\\d\\d-\\d\\dT[^ ]+ INFO  \\[[^]]+] JsonLogsTest - A human line"), line);
    }
  }

  private static JsonObject parsed(String line) {
    try {
      return new JsonObject(line);
    } catch (DecodeException notJson) {
      return fail("not a JSON line: " + line);
    }
  }

  private static Optional<JsonObject> with(List<JsonObject> lines, String field, String value) {
    return lines.stream().filter(line -> value.equals(line.getString(field))).findFirst();
  }
}
