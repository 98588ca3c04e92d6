package io.alertgate.normalize.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.digest.Digests;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;
import io.alertgate.support.AlertSchema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SplunkNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final UUID ID = UUID.fromString("7d3f1c2e-5a4b-4c6d-8e9f-0a1b2c3d4e5f");
  private static final UUID INBOUND_ID = UUID.fromString("1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7a8b");
  private static final String SOURCE = "splunk-prod";
  private static final Instant INGESTED = Instant.parse("2024-06-05T12:00:00Z");

  private static final List<String> FIXTURES = List.of("webhook-search-result.json", "webhook-search-name-null.json",
      "webhook-search-name-missing.json", "webhook-multivalue.json", "es-notable-event.json", "webhook-notable.json");

  private final SplunkNormalizer normalizer = new SplunkNormalizer();

  @Test
  @DisplayName("A webhook search result: sid as event id, search name and raw event as the key, the row's indicators")
  void searchResult() {
    JsonNode body = fixture("webhook-search-result.json");
    assertAlert(body, only(body), "splunk:search:SSH failed logins for invalid users:" + rawDigest(body), """
        {
          "source_type": "search_result",
          "event_id": "scheduler__admin__search__RMD5b7e2d94c1a0f3e65_at_1717580400_4821",
          "timestamp": "2024-06-05T09:40:12.000Z",
          "severity": "high",
          "vendor_severity": "high",
          "status": "open",
          "title": "SSH failed logins for invalid users",
          "description": "Jun  5 09:40:12 bastion01 sshd[20211]: Failed password for invalid user oracle from 203.0.113.45 port 52144 ssh2",
          "rule": {"id": "SSH failed logins for invalid users", "name": "SSH failed logins for invalid users"},
          "tags": ["authentication", "failure", "search"],
          "mitre": {"tactics": [], "techniques": []},
          "indicators": {
            "ips": [{"value": "203.0.113.45", "role": "source"}, {"value": "192.0.2.10", "role": "destination"}],
            "domains": [], "urls": [], "hashes": [],
            "hosts": ["bastion01.example.com", "bastion01"],
            "users": ["oracle"]
          },
          "links": [{"href": "https://splunk.example.com:8000/app/search/search?q=%7Cloadjob%20scheduler__admin__search__RMD5b7e2d94c1a0f3e65_at_1717580400_4821%20%7C%20head%201%20%7C%20tail%201&earliest=0&latest=now", "text": "Splunk results"}]
        }""");
  }

  @Test
  @DisplayName("search_name null: the readable saved-search name in the sid titles the alert and keys it")
  void searchNameNull() {
    JsonNode body = fixture("webhook-search-name-null.json");
    assertAlert(body, only(body), "splunk:search:DnsTunnel:" + rawDigest(body), """
        {
          "source_type": "search_result",
          "event_id": "scheduler__nobody__search__DnsTunnel_at_1717581000_77",
          "timestamp": "2024-06-05T10:01:55.120Z",
          "severity": "medium",
          "vendor_severity": null,
          "status": "open",
          "title": "DnsTunnel",
          "description": "05-Jun-2024 10:01:55.120 queries: info: client @0x7f3a 198.51.100.23#40112 (a9f3c2e1b0.tunnel.example.net): query: a9f3c2e1b0.tunnel.example.net IN TXT +E(0) (192.0.2.53)",
          "rule": {"id": "DnsTunnel", "name": "DnsTunnel"},
          "tags": ["dns", "network", "resolution", "search"],
          "mitre": {"tactics": [], "techniques": []},
          "indicators": {
            "ips": [{"value": "198.51.100.23", "role": "source"}, {"value": "192.0.2.53", "role": "destination"}],
            "domains": ["a9f3c2e1b0.tunnel.example.net"], "urls": [], "hashes": [],
            "hosts": ["dns01.example.org"],
            "users": []
          },
          "links": [{"href": "https://splunk.example.com:8000/app/search/search?q=%7Cloadjob%20scheduler__nobody__search__DnsTunnel_at_1717581000_77%20%7C%20head%201%20%7C%20tail%201&earliest=0&latest=now", "text": "Splunk results"}]
        }""");
  }

  @Test
  @DisplayName("search_name missing on a stats row: generic title, the sid's digest name, the row's fields as identity")
  void searchNameMissing() {
    JsonNode body = fixture("webhook-search-name-missing.json");
    ObjectNode alert = only(body);
    String key = alert.path("correlation_key").asText();
    assertTrue(key.matches("splunk:search:RMD5f00dfeedc0ffee42:[0-9a-f]{64}"), key);
    assertAlert(body, alert, key, """
        {
          "source_type": "search_result",
          "event_id": "rt_scheduler__admin__search__RMD5f00dfeedc0ffee42_at_1717582000_12.3",
          "timestamp": "2024-06-05T12:00:00.000Z",
          "severity": "medium",
          "vendor_severity": null,
          "status": "open",
          "title": "Splunk alert",
          "description": null,
          "rule": {"id": "RMD5f00dfeedc0ffee42", "name": null},
          "tags": ["search"],
          "mitre": {"tactics": [], "techniques": []},
          "indicators": {
            "ips": [{"value": "198.51.100.77", "role": "other"}],
            "domains": ["shop.example.com"],
            "urls": ["https://shop.example.com/account/login?next=%2Fadmin"],
            "hashes": [], "hosts": [], "users": []
          },
          "links": [{"href": "https://splunk.example.com:8000/app/search/search?q=%7Cloadjob%20rt_scheduler__admin__search__RMD5f00dfeedc0ffee42_at_1717582000_12.3%20%7C%20head%201%20%7C%20tail%201&earliest=rt&latest=rt", "text": "Splunk results"}]
        }""");
  }

  @Test
  @DisplayName("Multi-value fields give every valid value, placeholders and junk dropped, hashes typed by length")
  void multiValue() {
    JsonNode body = fixture("webhook-multivalue.json");
    assertAlert(body, only(body), "splunk:search:MalwareHash:" + rawDigest(body), """
        {
          "source_type": "search_result",
          "event_id": "scheduler__svc_soc__endpoint__MalwareHash_at_1717583400_905",
          "timestamp": "2024-06-05T10:29:41.000Z",
          "severity": "critical",
          "vendor_severity": "critical",
          "status": "open",
          "title": "MalwareHash",
          "description": "2024-06-05T10:29:41Z process_created host=ws-0142 user=EXAMPLE\\\\jdoe image=C:\\\\Users\\\\jdoe\\\\AppData\\\\Local\\\\Temp\\\\invoice_0605.exe md5=5d41402abc4b2a76b9719d911017c592",
          "rule": {"id": "MalwareHash", "name": "MalwareHash"},
          "tags": ["malware", "attack", "endpoint"],
          "mitre": {"tactics": [], "techniques": ["T1204.002"]},
          "indicators": {
            "ips": [
              {"value": "198.51.100.7", "role": "source"},
              {"value": "198.51.100.8", "role": "source"},
              {"value": "2001:db8::1f", "role": "destination"}
            ],
            "domains": ["downloads.example.net"],
            "urls": ["http://downloads.example.net/files/invoice_0605.exe"],
            "hashes": [
              {"value": "5d41402abc4b2a76b9719d911017c592", "type": "md5"},
              {"value": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "type": "sha256"},
              {"value": "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "type": "sha1"}
            ],
            "hosts": ["ws-0142.corp.example.com", "ws-0142", "ws-0173"],
            "users": ["EXAMPLE\\\\jdoe", "EXAMPLE\\\\asmith"]
          },
          "links": [{"href": "https://splunk.example.com:8000/app/endpoint/search?q=%7Cloadjob%20scheduler__svc_soc__endpoint__MalwareHash_at_1717583400_905%20%7C%20head%201%20%7C%20tail%201&earliest=0&latest=now", "text": "Splunk results"}]
        }""");
  }

  @Test
  @DisplayName("An ES notable: urgency over severity, status label, ATT&CK annotations, orig_host for the host")
  void notableEvent() {
    JsonNode body = fixture("es-notable-event.json");
    assertAlert(body, only(body),
        "splunk:notable:3F2504E0-4F89-41D3-9A0C-0305E82C3301@@notable@@9c1185a5c5e9fc54612808977ee8f548", """
        {
          "source_type": "notable_event",
          "event_id": "3F2504E0-4F89-41D3-9A0C-0305E82C3301@@notable@@9c1185a5c5e9fc54612808977ee8f548",
          "timestamp": "2024-06-05T11:02:37.000Z",
          "severity": "high",
          "vendor_severity": "high",
          "status": "open",
          "title": "Excessive failed logins for svc_backup from 203.0.113.45",
          "description": "Detects more than 20 failed logins by one user from one source within 5 minutes.",
          "rule": {"id": "Access - Excessive Failed Logins - Rule", "name": "Excessive Failed Logins"},
          "tags": ["authentication", "failure", "modaction_result", "access", "win:auth"],
          "mitre": {"tactics": ["credential-access"], "techniques": ["T1110", "T1110.001"]},
          "indicators": {
            "ips": [{"value": "203.0.113.45", "role": "source"}, {"value": "192.0.2.25", "role": "destination"}],
            "domains": [], "urls": [], "hashes": [],
            "hosts": ["fileserver02.example.com", "dc01.corp.example.com"],
            "users": ["svc_backup", "EXAMPLE\\\\svc_backup"]
          },
          "links": []
        }""");
  }

  @Test
  @DisplayName("A notable forwarded as a webhook result row: read as a notable, the whole body kept as raw")
  void webhookNotable() {
    JsonNode body = fixture("webhook-notable.json");
    assertAlert(body, only(body),
        "splunk:notable:9B1DEB4D-3B7D-4BAD-9BDD-2B0D7B3DCB6D@@notable@@1f3870be274f6c49b3e31a0c6728957f", """
        {
          "source_type": "notable_event",
          "event_id": "9B1DEB4D-3B7D-4BAD-9BDD-2B0D7B3DCB6D@@notable@@1f3870be274f6c49b3e31a0c6728957f",
          "timestamp": "2024-06-05T11:29:05.000Z",
          "severity": "critical",
          "vendor_severity": "critical",
          "status": "open",
          "title": "Outbound Traffic To Known C2",
          "description": "Host 198.51.100.40 sent 1.2 MB to 203.0.113.200, listed as command and control.",
          "rule": {"id": "Threat - Outbound Traffic To Known C2 - Rule", "name": "Outbound Traffic To Known C2"},
          "tags": ["network", "communicate", "threat", "SplunkEnterpriseSecuritySuite"],
          "mitre": {"tactics": ["TA0011"], "techniques": ["T1071"]},
          "indicators": {
            "ips": [{"value": "198.51.100.40", "role": "source"}, {"value": "203.0.113.200", "role": "destination"}],
            "domains": ["c2.example.org"], "urls": [], "hashes": [],
            "hosts": ["laptop-0311"],
            "users": ["asmith@example.com"]
          },
          "links": [{"href": "https://es.example.com:8000/app/SplunkEnterpriseSecuritySuite/search?q=%7Cloadjob%20scheduler__admin__SplunkEnterpriseSecuritySuite__RMD5aa01bb02cc03dd04_at_1717587000_56%20%7C%20head%201%20%7C%20tail%201&earliest=0&latest=now", "text": "Splunk results"}]
        }""");
  }

  @Test
  @DisplayName("An array body gives one alert per element, in order, each with its own element as raw")
  void arrayBody() {
    ArrayNode body = JSON.createArrayNode()
        .add(fixture("webhook-search-result.json"))
        .add(fixture("es-notable-event.json"));
    List<ObjectNode> alerts = alerts(body);
    assertEquals(2, alerts.size());
    assertEquals("search_result", alerts.get(0).path("source_type").asText());
    assertEquals("notable_event", alerts.get(1).path("source_type").asText());
    assertEquals(body.get(0), alerts.get(0).get("raw"));
    assertEquals(body.get(1), alerts.get(1).get("raw"));
    assertEquals(only(body.get(0)), alerts.get(0));
  }

  @Test
  @DisplayName("A search re-firing on the same event keeps its key whatever the sid; another event or search does not")
  void searchResultKeyStability() {
    ObjectNode first = (ObjectNode) fixture("webhook-search-result.json");
    ObjectNode refire = first.deepCopy();
    refire.put("sid", "scheduler__admin__search__RMD5b7e2d94c1a0f3e65_at_1717584000_4907");
    refire.put("results_link", "https://splunk.example.com:8000/app/search/search?q=%7Cloadjob%20other");
    ((ObjectNode) refire.get("result")).put("_serial", "4").put("_indextime", "1717584005");
    ObjectNode otherEvent = first.deepCopy();
    ((ObjectNode) otherEvent.get("result")).put("_raw",
        "Jun  5 09:41:02 bastion01 sshd[20230]: Failed password for invalid user admin from 203.0.113.46 port 52210 ssh2");
    ObjectNode otherSearch = first.deepCopy().put("search_name", "SSH failed logins, all users");

    String key = key(first);
    assertEquals(key, key(refire));
    assertNotEquals(only(first).get("event_id"), only(refire).get("event_id"));
    assertNotEquals(key, key(otherEvent));
    assertNotEquals(key, key(otherSearch));
  }

  @Test
  @DisplayName("A row without _raw is identified by its fields, in any order, without Splunk's internal ones")
  void rowIdentity() {
    ObjectNode body = (ObjectNode) fixture("webhook-search-name-missing.json");
    ObjectNode reordered = body.deepCopy();
    ObjectNode row = JSON.createObjectNode()
        .put("_serial", "9")
        .put("_time", "1717582600")
        .set("distinct_users", body.at("/result/distinct_users").deepCopy());
    row.put("count", "57").put("status", "401")
        .put("url", "https://shop.example.com/account/login?next=%2Fadmin").put("clientip", "198.51.100.77");
    reordered.set("result", row);
    reordered.put("sid", "rt_scheduler__admin__search__RMD5f00dfeedc0ffee42_at_1717582600_13.1");
    ObjectNode moreHits = body.deepCopy();
    ((ObjectNode) moreHits.get("result")).put("count", "58");
    ObjectNode otherUsers = body.deepCopy();
    ((ArrayNode) otherUsers.at("/result/distinct_users")).add("oracle");

    assertEquals(key(body), key(reordered));
    assertNotEquals(key(body), key(moreHits));
    assertNotEquals(key(body), key(otherUsers));
  }

  @Test
  @DisplayName("A notable keeps its key through triage and as a webhook row; another notable does not")
  void notableKeyStability() {
    ObjectNode notable = (ObjectNode) fixture("es-notable-event.json");
    ObjectNode triaged = notable.deepCopy()
        .put("status", "5").put("status_label", "Closed").put("owner", "analyst1").put("urgency", "low");
    ObjectNode wrapped = JSON.createObjectNode()
        .put("sid", "scheduler__admin__SA-ThreatIntelligence__fwd_at_1717590000_1");
    wrapped.set("result", notable.deepCopy());
    ObjectNode another = notable.deepCopy()
        .put("event_id", "3F2504E0-4F89-41D3-9A0C-0305E82C3301@@notable@@0cc175b9c0f1b6a831c399e269772661");

    assertEquals(key(notable), key(triaged));
    assertEquals("closed", only(triaged).path("status").asText());
    assertEquals(key(notable), key(wrapped));
    assertNotEquals(key(notable), key(another));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      rt_scheduler__admin__search__sshFail_at_1717580000_3.1 | sshFail | sshFail
      admin__admin__search__portScan_1717580000.12 | portScan | portScan
      scheduler__jane_doe__Splunk_SA_CIM__RMD5a1b2c3d4e5f60718_at_1717580000_8 | Splunk alert | RMD5a1b2c3d4e5f60718
      scheduler__nobody__unix_RGlzayBhbG1vc3QgZnVsbCBvbiB3ZWIgdGllcg_at_1717580000_a274ec3ae107 | Splunk alert | RGlzayBhbG1vc3QgZnVsbCBvbiB3ZWIgdGllcg
      1717580000.42 | Splunk alert | adhoc
      rt_1717580000.43 | Splunk alert | adhoc
      subsearch_1717580000.44_1717580000.1 | Splunk alert | adhoc
      scheduler____ | Splunk alert | adhoc
      """)
  @DisplayName("Without search_name, the title and key come from the saved search the sid names, if readable")
  void sidNames(String sid, String title, String keyName) {
    ObjectNode body = JSON.createObjectNode().put("sid", sid);
    body.putObject("result").put("_raw", "one event");
    ObjectNode alert = only(body);
    assertEquals(title, alert.path("title").asText());
    assertEquals("splunk:search:" + keyName + ":" + Digests.sha256Hex("one event"),
        alert.path("correlation_key").asText());
    assertEquals(keyName.equals("adhoc"), alert.get("rule").isNull());
  }

  @Test
  @DisplayName("Severity: first known word wins; an unknown word is kept as vendor severity; numbers and lists read")
  void severities() {
    assertSeverity("low", "\"low\"", "{\"event_id\":\"e\",\"urgency\":\"purple\",\"severity\":\"low\"}");
    assertSeverity("medium", "\"purple\"", "{\"event_id\":\"e\",\"urgency\":\"purple\"}");
    assertSeverity("info", "\"informational\"",
        "{\"event_id\":\"e\",\"urgency\":\"informational\",\"severity\":\"high\"}");
    assertSeverity("critical", "80", "{\"sid\":\"1.1\",\"result\":{\"severity\":80}}");
    assertSeverity("high", "\"high\"", "{\"sid\":\"1.1\",\"result\":{\"urgency\":[\"high\",\"low\"]}}");
    assertSeverity("medium", "null", "{\"sid\":\"1.1\",\"result\":{\"severity\":[],\"urgency\":null}}");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      {"event_id":"e","status_label":"Resolved","status":"1"}   | closed
      {"event_id":"e","status_label":"weird","status":"4"}      | closed
      {"event_id":"e","status":"2"}                             | open
      {"event_id":"e","status":5}                               | closed
      {"event_id":"e","status":"0"}                             | open
      {"event_id":"e","status":"9"}                             | unknown
      {"event_id":"e","status":"pending"}                       | open
      {"event_id":"e"}                                          | unknown
      """)
  @DisplayName("Notable status: the label, else ES's default status ids, else the status word")
  void notableStatus(String body, String expected) {
    assertEquals(expected, only(json(body)).path("status").asText());
  }

  @Test
  @DisplayName("Notable time: _time as epoch seconds or ISO, else orig_time; unreadable or absurd times are skipped")
  void notableTimes() {
    assertEquals("2024-06-05T11:29:05.000Z", timestamp("{\"event_id\":\"e\",\"_time\":\"1717586945\"}"));
    assertEquals("2024-06-05T11:29:05.000Z", timestamp("{\"event_id\":\"e\",\"_time\":\"2024-06-05T13:29:05+02:00\"}"));
    assertEquals("2024-06-05T11:29:05.000Z",
        timestamp("{\"event_id\":\"e\",\"_time\":\"soon\",\"orig_time\":1717586945}"));
    assertEquals("2024-06-05T12:00:00.000Z", timestamp("{\"event_id\":\"e\",\"_time\":[\"never\"]}"));
    assertEquals("2024-06-05T11:29:05.000Z",
        timestamp("{\"event_id\":\"e\",\"_time\":\"+10000-01-01T00:00:00Z\",\"orig_time\":\"1717586945\"}"));
  }

  @Test
  @DisplayName("Numbers where strings belong and strings where numbers belong are read as text")
  void numbersAndStrings() {
    ObjectNode alert = only(json("""
        {"sid": 1717580000, "search_name": 404, "app": 7, "results_link": 12,
         "result": {"_time": 1717580412, "_raw": 42, "src_ip": 3232235777, "user": 1001, "tag": [1, "two", null],
                    "severity": "90"}}"""));
    AlertSchema.assertValid(alert);
    assertEquals("1717580000", alert.path("event_id").asText());
    assertEquals("404", alert.path("title").asText());
    assertEquals("42", alert.path("description").asText());
    assertEquals("splunk:search:404:" + Digests.sha256Hex("42"), alert.path("correlation_key").asText());
    assertEquals("2024-06-05T09:40:12.000Z", alert.path("timestamp").asText());
    assertEquals("critical", alert.path("severity").asText());
    assertEquals(json("[\"1\",\"two\",\"7\"]"), alert.get("tags"));
    assertEquals(json("[]"), alert.at("/indicators/ips"));
    assertEquals(json("[\"1001\"]"), alert.at("/indicators/users"));
    assertEquals(json("[]"), alert.get("links"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
      {"sid":"1.1","result":[{"_raw":"x"}]}           | result: expected the webhook's first result row as an object, got array
      {"sid":"1.1","result":"_raw=x"}                 | result: expected the webhook's first result row as an object, got string
      {"sid":"1.1","result":null}                     | result: expected the webhook's first result row as an object, got null
      {"sid":"1.1","search_name":"x"}                 | result: missing: a Splunk webhook body carries its first result row in "result"
      {}                                              | $: neither a Splunk webhook body (no "result" row) nor an ES notable event (no "event_id" or rule fields)
      {"event_id":null,"foo":"bar"}                   | $: neither a Splunk webhook body (no "result" row) nor an ES notable event (no "event_id" or rule fields)
      "a string"                                      | $: expected a Splunk webhook body or an ES notable event (an object), got string
      42                                              | $: expected a Splunk webhook body or an ES notable event (an object), got number
      null                                            | $: expected a Splunk webhook body or an ES notable event (an object), got null
      []                                              | $: empty array: no Splunk alert in it
      [{"event_id":"e"},[]]                           | [1]: expected a Splunk webhook body or an ES notable event (an object), got array
      [{"event_id":"e"},{"sid":"2.2","result":true}]  | [1].result: expected the webhook's first result row as an object, got boolean
      """)
  @DisplayName("A body of neither shape is rejected with the path and the problem")
  void rejects(String body, String message) {
    NormalizationException error = assertThrows(NormalizationException.class, () -> normalizer.normalize(json(body)));
    assertEquals(message, error.getMessage());
  }

  @Test
  @DisplayName("No body at all is rejected, not a NullPointerException")
  void noBody() {
    assertThrows(NormalizationException.class, () -> normalizer.normalize(null));
    assertThrows(NormalizationException.class, () -> normalizer.normalize(MissingNode.getInstance()));
  }

  static Stream<Arguments> hostileBodies() {
    Stream<Arguments> variants = FIXTURES.stream().flatMap(name -> Stream.of(
        Arguments.of("nulls in every field of " + name, HostilePayloads.withNulls(fixture(name)).toString()),
        Arguments.of("numbers in every field of " + name, HostilePayloads.withNumbers(fixture(name)).toString())));
    return Stream.concat(HostilePayloads.bodies(), variants);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileBodies")
  @DisplayName("Hostile and odd bodies give valid alerts or a NormalizationException with a path, nothing else")
  void hostile(String name, String body) {
    List<AlertDraft> drafts;
    try {
      drafts = normalizer.normalize(json(body));
    } catch (NormalizationException e) {
      assertTrue(e.getMessage().matches("(\\$|\\[\\d+]|result|\\[\\d+]\\.result): .+"), e.getMessage());
      return;
    }
    assertFalse(drafts.isEmpty());
    for (AlertDraft draft : drafts) {
      ObjectNode alert = draft.toJson(ID, INBOUND_ID, SOURCE, INGESTED);
      AlertSchema.assertValid(alert);
      assertTrue(alert.path("title").asText().length() <= 1024);
      assertTrue(alert.path("description").asText("").length() <= 32_768);
    }
  }

  /** Every field of the document: the expected vendor fields plus what the pipeline passes in, and raw. */
  private static void assertAlert(JsonNode body, ObjectNode alert, String correlationKey, String expectedFields) {
    ObjectNode expected = (ObjectNode) json(expectedFields);
    expected.put("id", ID.toString())
        .put("inbound_id", INBOUND_ID.toString())
        .put("source", SOURCE)
        .put("ingested_at", "2024-06-05T12:00:00.000Z")
        .put("correlation_key", correlationKey)
        .set("raw", body);
    assertEquals(expected, alert);
    assertEquals(body, alert.get("raw"));
    AlertSchema.assertValid(alert);
  }

  private void assertSeverity(String severity, String vendorSeverity, String body) {
    ObjectNode alert = only(json(body));
    assertEquals(severity, alert.path("severity").asText(), body);
    assertEquals(json(vendorSeverity), alert.get("vendor_severity"), body);
  }

  private String timestamp(String body) {
    return only(json(body)).path("timestamp").asText();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999", "-1e999", "1e400", "123456789012345678901234567890"})
  @DisplayName("A number beyond any score in the result's severity or in any other field: normalized, medium")
  void numbersOutOfRange(String number) {
    ObjectNode body = (ObjectNode) fixture("webhook-search-result.json");
    JsonNode huge = json(number);
    ObjectNode result = (ObjectNode) body.get("result");
    result.set("severity", huge);
    result.set("src_port", huge);
    result.set("_time", huge);
    assertEquals("medium", only(body).get("severity").asText());
  }

  private String key(JsonNode body) {
    return only(body).path("correlation_key").asText();
  }

  private ObjectNode only(JsonNode body) {
    List<ObjectNode> alerts = alerts(body);
    assertEquals(1, alerts.size());
    return alerts.get(0);
  }

  private List<ObjectNode> alerts(JsonNode body) {
    List<ObjectNode> alerts = normalizer.normalize(body).stream()
        .map(draft -> draft.toJson(ID, INBOUND_ID, SOURCE, INGESTED))
        .toList();
    alerts.forEach(AlertSchema::assertValid);
    return alerts;
  }

  private static String rawDigest(JsonNode body) {
    return Digests.sha256Hex(body.at("/result/_raw").asText());
  }

  private static JsonNode fixture(String name) {
    try (InputStream in = SplunkNormalizerTest.class.getResourceAsStream("/fixtures/splunk/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
