package io.alertgate.normalize.sentinel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.normalize.AlertDraft;
import io.alertgate.normalize.NormalizationException;
import io.alertgate.support.AlertSchema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class SentinelNormalizerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final UUID ID = UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-000000000001");
  private static final UUID INBOUND = UUID.fromString("6f1c2d3e-4a5b-4c6d-8e7f-000000000002");
  private static final String SOURCE = "sentinel-secops";
  private static final Instant INGESTED = Instant.parse("2024-08-01T12:00:00Z");
  private static final String WORKSPACE = "/subscriptions/6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f/resourceGroups/rg-secops"
      + "/providers/Microsoft.OperationalInsights/workspaces/law-secops-weu/providers/Microsoft.SecurityInsights";
  private static final Pattern REFUSAL = Pattern.compile("[^\\s:]+: \\S.*", Pattern.DOTALL);

  private final SentinelNormalizer normalizer = new SentinelNormalizer();

  @Test
  @DisplayName("The Logic App incident trigger becomes one incident, with indicators and MITRE from its entities and alerts")
  void incidentTrigger() {
    JsonNode body = fixture("incident-trigger.json");
    assertEquals(expected("""
        {"source_type": "incident",
         "event_id": "b3f6a2d8-1c47-4e9a-8d2f-5e6c7b8a9d01",
         "correlation_key": "sentinel:incident:b3f6a2d8-1c47-4e9a-8d2f-5e6c7b8a9d01",
         "timestamp": "2024-05-14T08:25:02.773Z",
         "severity": "high", "vendor_severity": "High", "status": "open",
         "title": "Password spray followed by a successful sign-in",
         "description": "Many failed sign-ins from one address were followed by a successful sign-in to an administrative account.",
         "rule": {"id": "d41f8e2a-6b3c-4d5e-9f70-1a2b3c4d5e6f", "name": null},
         "tags": ["identity", "tier0", "Azure Sentinel"],
         "mitre": {"tactics": ["CredentialAccess", "InitialAccess"], "techniques": ["T1110", "T1078", "T1110.003"]},
         "indicators": {
           "ips": [{"value": "203.0.113.45", "role": "other"}, {"value": "198.51.100.77", "role": "other"}],
           "domains": ["login.example.net", "spray-tool.example.org"],
           "urls": ["https://login.example.net/common/oauth2/v2.0/authorize?client_id=1"],
           "hashes": [{"value": "7d2e9b4f1a6c3e8d0b5f2a7c4e9d1b6f3a8c5e0d2b7f4a9c6e1d3b8f5a0c2e7d", "type": "sha256"}],
           "hosts": ["wks-0417.corp.example.com"],
           "users": ["adm.jdoe@example.com"]},
         "links": [{"href": "https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident{ws}/Incidents/b3f6a2d8-1c47-4e9a-8d2f-5e6c7b8a9d01",
                    "text": "Sentinel incident"}]}
        """, body), only(body));
  }

  @Test
  @DisplayName("A bare incident resource: first analytic rule, labels and product names as tags, no entities")
  void bareIncident() {
    JsonNode body = fixture("incident.json");
    assertEquals(expected("""
        {"source_type": "incident",
         "event_id": "4e7a9c2b-5d8f-4b1a-9c3e-6f0d2a4b8c17",
         "correlation_key": "sentinel:incident:4e7a9c2b-5d8f-4b1a-9c3e-6f0d2a4b8c17",
         "timestamp": "2024-05-22T07:05:31.608Z",
         "severity": "medium", "vendor_severity": "Medium", "status": "closed",
         "title": "Phishing mail with a credential-harvesting link delivered to 12 mailboxes",
         "description": "A message impersonating the payroll service reached several users before it was removed.",
         "rule": {"id": "1b2c3d4e-5f60-4718-8293-a4b5c6d7e8f9", "name": null},
         "tags": ["phishing", "Microsoft Defender for Office 365"],
         "mitre": {"tactics": ["InitialAccess"], "techniques": ["T1566"]},
         "indicators": {"ips": [], "domains": [], "urls": [], "hashes": [], "hosts": [], "users": []},
         "links": [{"href": "https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident{ws}/Incidents/4e7a9c2b-5d8f-4b1a-9c3e-6f0d2a4b8c17",
                    "text": "Sentinel incident"}]}
        """, body), only(body));
  }

  @Test
  @DisplayName("A SecurityAlert resource: alert type as rule, entities nested inline and by $ref")
  void securityAlertResource() {
    JsonNode body = fixture("security-alert.json");
    assertEquals(expected("""
        {"source_type": "security_alert",
         "event_id": "5d2c9e17-8b4a-4f3e-a6d1-7c0b2e9f4a83",
         "correlation_key": "sentinel:alert:5d2c9e17-8b4a-4f3e-a6d1-7c0b2e9f4a83",
         "timestamp": "2024-06-03T21:47:09.552Z",
         "severity": "medium", "vendor_severity": "Medium", "status": "open",
         "title": "Suspicious PowerShell download cradle",
         "description": "A PowerShell process downloaded a script from an external address and ran it in memory.",
         "rule": {"id": "VM_PowerShellDownloadCradle", "name": "Suspicious PowerShell download cradle"},
         "tags": ["Microsoft Defender for Cloud"],
         "mitre": {"tactics": ["Execution", "CommandAndControl"], "techniques": ["T1059.001", "T1105"]},
         "indicators": {
           "ips": [{"value": "192.0.2.150", "role": "other"}],
           "domains": ["cdn.example.org"],
           "urls": ["http://cdn.example.org/stage2.ps1"],
           "hashes": [{"value": "b8e4c1f7a2d9e6b3c0f5a8d2e7b4c9f1a6d3e0b5", "type": "sha1"}],
           "hosts": ["app-vm-02"],
           "users": ["CORP\\\\svc-deploy"]},
         "links": [{"href": "https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/5d2c9e17-8b4a-4f3e-a6d1-7c0b2e9f4a83/subscriptionId/6c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f/resourceGroup/rg-apps/referencedFrom/alertDeepLink/location/westeurope",
                    "text": "Sentinel alert"}]}
        """, body), only(body));
  }

  @Test
  @DisplayName("A Log Analytics SecurityAlert row: Entities, Techniques as JSON strings, Tactics comma-separated")
  void alertRow() {
    JsonNode body = fixture("alert-row.json");
    assertEquals(expected("""
        {"source_type": "security_alert",
         "event_id": "0f6e3d2c-1b4a-4958-8776-a5b4c3d2e1f0",
         "correlation_key": "sentinel:alert:0f6e3d2c-1b4a-4958-8776-a5b4c3d2e1f0",
         "timestamp": "2024-07-22T03:15:44.918Z",
         "severity": "low", "vendor_severity": "Low", "status": "open",
         "title": "Connection to a known malicious domain",
         "description": "A server resolved and then uploaded data to a domain on the threat-intelligence watch list.",
         "rule": {"id": "a4b5c6d7-e8f9-4a0b-9c1d-2e3f4a5b6c7d_9e8d7c6b-5a49-4382-a716-f5e4d3c2b1a0",
                  "name": "Connection to a known malicious domain"},
         "tags": ["Azure Sentinel"],
         "mitre": {"tactics": ["CommandAndControl", "Exfiltration"], "techniques": ["T1071", "T1048", "T1071.004"]},
         "indicators": {
           "ips": [{"value": "198.51.100.14", "role": "other"}, {"value": "192.0.2.53", "role": "other"},
                   {"value": "2001:db8::a1", "role": "other"}],
           "domains": ["exfil.example.net"],
           "urls": ["https://exfil.example.net/upload"],
           "hashes": [{"value": "4c2a8f0e6b1d3957a8e2c4f6b0d1e3a5", "type": "md5"}],
           "hosts": ["srv-db01.corp.example.com"],
           "users": ["jdoe@example.com"]},
         "links": [{"href": "https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Alert{ws}/Entities/0f6e3d2c-1b4a-4958-8776-a5b4c3d2e1f0",
                    "text": "Sentinel alert"}]}
        """, body), only(body));
  }

  @Test
  @DisplayName("A JSON array gives one alert per element, each as if it had come alone")
  void array() {
    List<String> names = List.of("incident-trigger.json", "alert-row.json", "security-alert.json", "incident.json");
    ArrayNode body = NODES.arrayNode();
    names.forEach(name -> body.add(fixture(name)));
    List<ObjectNode> documents = documents(body);
    assertEquals(names.size(), documents.size());
    for (int i = 0; i < names.size(); i++) {
      assertEquals(only(fixture(names.get(i))), documents.get(i), names.get(i));
    }
  }

  @Test
  @DisplayName("An incident keeps its correlation key through updates and in every shape; another incident does not share it")
  void incidentCorrelation() {
    ObjectNode created = (ObjectNode) fixture("incident-trigger.json");
    ObjectNode updated = created.deepCopy();
    updated.put("eventUniqueId", "1b2c3d4e-0000-4000-8000-00000000000a").put("objectEventType", "Update");
    ((ObjectNode) updated.at("/object/properties")).put("status", "Active").put("severity", "Low")
        .put("lastModifiedTimeUtc", "2024-05-14T09:40:00Z").put("title", "Password spray (confirmed)");
    String key = only(created).get("correlation_key").asText();
    assertEquals("sentinel:incident:b3f6a2d8-1c47-4e9a-8d2f-5e6c7b8a9d01", key);
    assertEquals(key, only(updated).get("correlation_key").asText());
    assertEquals(key, only(created.get("object")).get("correlation_key").asText());
    ObjectNode other = created.deepCopy();
    ((ObjectNode) other.get("object")).put("name", "c4a7b3e9-2d58-4f0b-9e3a-6f7d8c9b0e12");
    assertNotEquals(key, only(other).get("correlation_key").asText());
  }

  @Test
  @DisplayName("An alert keeps its correlation key when re-sent, as a resource or as a row; another alert does not share it")
  void alertCorrelation() {
    ObjectNode alert = (ObjectNode) fixture("security-alert.json");
    ObjectNode again = alert.deepCopy();
    ((ObjectNode) again.get("properties")).put("timeGenerated", "2024-06-03T22:47:09Z").put("status", "Resolved");
    ObjectNode asRow = (ObjectNode) fixture("alert-row.json");
    asRow.put("SystemAlertId", "5d2c9e17-8b4a-4f3e-a6d1-7c0b2e9f4a83");
    String key = only(alert).get("correlation_key").asText();
    assertEquals(key, only(again).get("correlation_key").asText());
    assertEquals(key, only(asRow).get("correlation_key").asText());
    assertNotEquals(key, only(fixture("alert-row.json")).get("correlation_key").asText());
  }

  @Test
  @DisplayName("Incident time: created, else first activity, else last modified (unreadable or impossible ones skipped), else ingest")
  void incidentTime() {
    ObjectNode incident = (ObjectNode) fixture("incident.json");
    ObjectNode properties = (ObjectNode) incident.get("properties");
    properties.put("createdTimeUtc", "yesterday");
    assertEquals("2024-05-22T06:41:00.000Z", only(incident).get("timestamp").asText());
    properties.put("firstActivityTimeUtc", "+10000-01-01T00:00:00Z");
    assertEquals("2024-05-23T10:12:45.229Z", only(incident).get("timestamp").asText());
    properties.remove(List.of("createdTimeUtc", "firstActivityTimeUtc", "lastModifiedTimeUtc"));
    assertEquals("2024-08-01T12:00:00.000Z", only(incident).get("timestamp").asText());
  }

  @Test
  @DisplayName("Alert time: TimeGenerated, else the start time, in both spellings")
  void alertTime() {
    ObjectNode alert = (ObjectNode) fixture("security-alert.json");
    ((ObjectNode) alert.get("properties")).remove("timeGenerated");
    assertEquals("2024-06-03T21:44:30.000Z", only(alert).get("timestamp").asText());
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.putNull("TimeGenerated");
    assertEquals("2024-07-22T02:58:00.000Z", only(row).get("timestamp").asText());
  }

  @ParameterizedTest
  @CsvSource({
      "High, high", "Medium, medium", "Low, low", "Informational, info", "high, high", "' High ', high",
      "Catastrophic, medium"})
  @DisplayName("Severity words map onto the scale; vendor_severity keeps the word exactly as sent")
  void severity(String word, String severity) {
    ObjectNode incident = (ObjectNode) fixture("incident.json");
    ((ObjectNode) incident.get("properties")).put("severity", word);
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.put("AlertSeverity", word);
    for (JsonNode body : List.of(incident, row)) {
      ObjectNode document = only(body);
      assertEquals(severity, document.get("severity").asText());
      assertEquals(word, document.get("vendor_severity").asText());
    }
  }

  @Test
  @DisplayName("Without a severity the alert is medium and vendor_severity is null")
  void missingSeverity() {
    ObjectNode incident = (ObjectNode) fixture("incident.json");
    ((ObjectNode) incident.get("properties")).remove("severity");
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.put("AlertSeverity", "  ");
    for (JsonNode body : List.of(incident, row)) {
      assertEquals("medium", only(body).get("severity").asText());
      assertTrue(only(body).get("vendor_severity").isNull());
    }
  }

  @ParameterizedTest
  @CsvSource({"New, open", "Active, open", "Closed, closed", "InProgress, open", "Resolved, closed",
      "Dismissed, closed", "Unknown, unknown", "Archived, unknown"})
  @DisplayName("Incident and alert statuses: New/Active/InProgress are open, Closed/Resolved/Dismissed closed")
  void status(String word, String status) {
    ObjectNode incident = (ObjectNode) fixture("incident.json");
    ((ObjectNode) incident.get("properties")).put("status", word);
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.put("Status", word);
    assertEquals(status, only(incident).get("status").asText());
    assertEquals(status, only(row).get("status").asText());
  }

  @Test
  @DisplayName("Rules: the first usable analytic rule id; none without rule ids or alert type")
  void rules() {
    ObjectNode incident = (ObjectNode) fixture("incident.json");
    ObjectNode properties = (ObjectNode) incident.get("properties");
    properties.putArray("relatedAnalyticRuleIds").add("").add(WORKSPACE + "/alertRules/rule-7/");
    assertEquals(json("{\"id\": \"rule-7\", \"name\": null}"), only(incident).get("rule"));
    properties.putArray("relatedAnalyticRuleIds");
    assertTrue(only(incident).get("rule").isNull());
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.remove("AlertType");
    assertTrue(only(row).get("rule").isNull());
  }

  @Test
  @DisplayName("An untitled incident is named by its number, else its name; the name may come from the resource id")
  void untitledIncident() {
    ObjectNode incident = (ObjectNode) fixture("incident.json");
    ObjectNode properties = (ObjectNode) incident.get("properties");
    properties.remove("title");
    assertEquals("Sentinel incident #4907", only(incident).get("title").asText());
    properties.remove("incidentNumber");
    incident.remove("name");
    ObjectNode document = only(incident);
    assertEquals("Sentinel incident 4e7a9c2b-5d8f-4b1a-9c3e-6f0d2a4b8c17", document.get("title").asText());
    assertEquals("4e7a9c2b-5d8f-4b1a-9c3e-6f0d2a4b8c17", document.get("event_id").asText());
  }

  @Test
  @DisplayName("Entities in every spelling of their kind: accounts and hosts qualified once, refs and file names skipped")
  void entityForms() {
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.put("Entities", """
        [{"$id": "1", "Address": "2001:DB8:0:0:0:0:0:7", "Type": "IP"},
         {"$id": "2", "Address": "999.1.1.1", "Type": "ip"},
         {"kind": "Ip", "properties": {"address": "192.0.2.9"}},
         {"$id": "3", "HostName": "web7.example.com", "DnsDomain": "example.com", "Type": "Host"},
         {"$id": "4", "NetBiosName": "LEGACY01", "Type": "host"},
         {"$id": "5", "HostName": "192.0.2.33", "Type": "host"},
         {"$id": "6", "Name": "jdoe@example.com", "UPNSuffix": "example.com", "Type": "ACCOUNT"},
         {"$id": "7", "Name": "svc-backup", "NTDomain": "CORP", "Type": "account"},
         {"$id": "8", "Name": "root", "Type": "account"},
         {"kind": "DnsResolution", "properties": {"domainName": "C2.Example.NET.", "ipAddresses": ["198.51.100.99"]}},
         {"kind": "FileHash", "properties": {"algorithm": "MD5", "hashValue": "00112233445566778899AABBCCDDEEFF"}},
         {"$id": "9", "Name": "payload.dll", "Directory": "C:\\\\Temp", "Type": "file"},
         {"$id": "10", "Url": "https://192.0.2.77/drop", "Type": "URL"},
         {"$ref": "3"}, {"Type": "mailbox", "MailboxPrimaryAddress": "x@example.com"}, null, 42]
        """);
    assertEquals(json("""
        {"ips": [{"value": "2001:db8::7", "role": "other"}, {"value": "192.0.2.9", "role": "other"},
                 {"value": "192.0.2.33", "role": "host"}, {"value": "198.51.100.99", "role": "other"},
                 {"value": "192.0.2.77", "role": "other"}],
         "domains": ["c2.example.net"],
         "urls": ["https://192.0.2.77/drop"],
         "hashes": [{"value": "00112233445566778899aabbccddeeff", "type": "md5"}],
         "hosts": ["web7.example.com", "legacy01"],
         "users": ["jdoe@example.com", "CORP\\\\svc-backup", "root"]}
        """), only(row).get("indicators"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[{\"Address\": \"192.0.2.1\", \"Type\": \"ip\"", "42", "null", "", "{}",
      "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})
  @DisplayName("An unreadable Entities string costs the indicators, not the alert")
  void unreadableEntities(String entities) {
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.put("Entities", entities);
    ObjectNode document = only(row);
    assertEquals(json("{\"ips\": [], \"domains\": [], \"urls\": [], \"hashes\": [], \"hosts\": [], \"users\": []}"),
        document.get("indicators"));
    assertEquals("0f6e3d2c-1b4a-4958-8776-a5b4c3d2e1f0", document.get("event_id").asText());
  }

  @Test
  @DisplayName("Entities as an array instead of a string, and tactics and techniques in any list form, read the same")
  void listForms() {
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    ObjectNode expected = only(row);
    row.set("Entities", json(row.get("Entities").asText()));
    row.set("Tactics", json("[\"CommandAndControl\", \" Exfiltration \"]"));
    row.put("Techniques", "[T1071, \"T1048\"");
    row.set("SubTechniques", json("\"T1071.004,\""));
    assertEquals(expected.without("raw"), only(row).without("raw"));
  }

  @Test
  @DisplayName("Numbers as strings and strings as numbers are read as text")
  void swappedScalarTypes() {
    ObjectNode incident = (ObjectNode) fixture("incident.json");
    ObjectNode properties = (ObjectNode) incident.get("properties");
    properties.put("title", 404).put("severity", 80).put("incidentNumber", "4907").put("createdTimeUtc", 1716361531);
    properties.putArray("labels").add(7).add(true);
    ObjectNode document = only(incident);
    assertEquals("404", document.get("title").asText());
    assertEquals("critical", document.get("severity").asText());
    assertEquals(80, document.get("vendor_severity").asInt());
    assertEquals("2024-05-22T07:05:31.000Z", document.get("timestamp").asText());
    assertEquals(json("[\"7\", \"true\", \"Microsoft Defender for Office 365\"]"), document.get("tags"));
  }

  @Test
  @DisplayName("Shapes that are not Sentinel's are refused at the root with what was expected")
  void unknownShapes() {
    for (String body : List.of("{}", "[]", "\"an alert\"", "42", "null", "true", "{\"foo\": \"bar\"}",
        "{\"type\": \"Microsoft.SecurityInsights/watchlists\", \"properties\": {\"displayName\": \"x\"}}")) {
      NormalizationException refused = assertThrows(NormalizationException.class, () -> normalizer.normalize(json(body)));
      assertTrue(refused.getMessage().startsWith("$: "), refused.getMessage());
    }
    assertTrue(refusal("{\"name\": \"x\"}").contains("expected a Logic App incident trigger"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"type\": \"Microsoft.SecurityInsights/Incidents\", \"properties\": {\"severity\": \"High\"}} | properties.title",
      "{\"objectSchemaType\": \"Incident\", \"object\": {\"properties\": {\"title\": null}}} | object.properties.title",
      "{\"objectSchemaType\": \"Alert\", \"object\": {\"name\": \"x\"}} | objectSchemaType",
      "{\"objectSchemaType\": \"Incident\", \"object\": \"x\"} | object",
      "{\"eventUniqueId\": \"e\", \"object\": null} | object",
      "{\"type\": \"Microsoft.SecurityInsights/Incidents\", \"name\": \"x\", \"properties\": [1]} | properties",
      "{\"kind\": \"SecurityAlert\", \"properties\": \"x\"} | properties",
      "{\"kind\": \"SecurityAlert\", \"properties\": {\"severity\": \"High\"}} | properties.systemAlertId",
      "{\"SystemAlertId\": null, \"AlertSeverity\": \"High\", \"Entities\": \"[]\"} | SystemAlertId",
      "[{\"SystemAlertId\": \"a1\"}, 42] | [1]",
      "[{\"objectSchemaType\": \"Incident\", \"object\": {}}] | [0].object.properties.title"})
  @DisplayName("A recognised shape missing what identifies it is refused at the field that is missing")
  void refusedAtField(String body, String path) {
    assertTrue(refusal(body).startsWith(path + ": "), refusal(body));
  }

  @Test
  @DisplayName("Nesting 500 levels deep is refused or read, never a stack overflow; nested entities are read 7 levels deep")
  void deepNesting() {
    String deepArray = "[".repeat(500) + "]".repeat(500);
    String deepObject = "{\"a\":".repeat(500) + "1" + "}".repeat(500);
    assertTrue(refusal(deepArray).startsWith("[0]: "));
    assertTrue(refusal(deepObject).startsWith("$: "));
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.set("ExtendedProperties", json(deepObject));
    row.set("Tactics", json(deepArray));
    ObjectNode chain = NODES.objectNode();
    ObjectNode link = chain;
    for (int level = 0; level < 500; level++) {
      link.put("Type", "host").put("HostName", "h" + level);
      link = link.putObject("Host");
    }
    row.set("Entities", NODES.arrayNode().add(chain));
    ObjectNode document = only(row);
    assertEquals(json("[\"h0\", \"h1\", \"h2\", \"h3\", \"h4\", \"h5\", \"h6\"]"), document.at("/indicators/hosts"));
    assertEquals(0, document.at("/mitre/tactics").size());
    row.put("Entities", deepArray.replace("[]", "[{\"Address\": \"192.0.2.1\", \"Type\": \"ip\"}]"));
    assertEquals(0, only(row).at("/indicators/ips").size());
  }

  @Test
  @DisplayName("Huge strings, control characters and unicode give valid documents with bounded title and key")
  void hostileStrings() {
    String huge = "\u2603x".repeat(1_000_000);
    ObjectNode incident = (ObjectNode) fixture("incident-trigger.json");
    ObjectNode inner = (ObjectNode) incident.get("object");
    inner.put("name", "id\u0000\u001b[31m\u202e" + huge);
    ((ObjectNode) inner.get("properties")).put("title", "Alarm\u0000\u0007 \uD834\uDD1E " + huge)
        .put("description", huge).put("severity", huge).put("incidentUrl", "https://example.com/" + huge);
    ObjectNode document = only(incident);
    assertTrue(document.get("title").asText().length() <= 1024);
    assertTrue(document.get("correlation_key").asText().matches("sentinel:sha256:[0-9a-f]{64}"));
    assertEquals("medium", document.get("severity").asText());
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.put("Entities", huge).put("Tactics", ",".repeat(100_000) + "Execution").put("DisplayName", "\u0000");
    assertEquals(json("[\"Execution\"]"), only(row).at("/mitre/tactics"));
  }

  @Test
  @DisplayName("Every field of every shape retyped, or replaced by null, junk or deep nesting: valid alerts or a refusal with a path")
  void mutations() {
    ObjectNode rowWithEntityArray = (ObjectNode) fixture("alert-row.json");
    rowWithEntityArray.set("Entities", json(rowWithEntityArray.get("Entities").asText()));
    // Without titles the fallbacks are read too, and a field then left as the only identity can be junk.
    ObjectNode untitledIncident = (ObjectNode) fixture("incident.json");
    ((ObjectNode) untitledIncident.get("properties")).remove("title");
    ObjectNode untitledRow = rowWithEntityArray.deepCopy();
    untitledRow.remove(List.of("DisplayName", "AlertName"));
    List<JsonNode> bodies = List.of(fixture("incident-trigger.json"), fixture("incident.json"),
        fixture("security-alert.json"), fixture("alert-row.json"), rowWithEntityArray, untitledIncident, untitledRow);
    List<JsonNode> junk = List.of(NODES.nullNode(), NODES.numberNode(0), NODES.numberNode(-1.5e308),
        NODES.numberNode(1716361531000L), NODES.textNode(""), NODES.textNode(" "), NODES.textNode("x"),
        NODES.textNode("\u0000\u001f\u202e\uD83D"), NODES.textNode("[1,"), NODES.textNode("{"),
        NODES.textNode("\u00fc\u2603\uD834\uDD1E"), NODES.textNode("y".repeat(20_000)), NODES.booleanNode(true),
        NODES.arrayNode(), NODES.arrayNode().addNull().add(1).add("x"), NODES.objectNode(),
        json("{\"a\":".repeat(500) + "1" + "}".repeat(500)));
    int cases = 0;
    for (JsonNode body : bodies) {
      for (List<Object> path : JsonMutations.paths(body)) {
        for (JsonNode value : junk) {
          assertReadOrRefused(JsonMutations.replaced(body, path, value), path + " = " + abbreviate(value));
          cases++;
        }
        JsonNode retyped = JsonMutations.retyped(JsonMutations.at(body, path));
        assertReadOrRefused(JsonMutations.replaced(body, path, retyped), path + " retyped as " + abbreviate(retyped));
      }
      assertReadOrRefused(JsonMutations.nulledEverywhere(body), "every value null in " + abbreviate(body));
    }
    assertTrue(cases > 5_000, "cases: " + cases);
  }

  @Test
  @DisplayName("Arrays of junk are refused at the first element that is not an alert")
  void arraysOfJunk() {
    assertTrue(refusal("[1, \"x\", null, [], {}]").startsWith("[0]: "));
    ArrayNode body = NODES.arrayNode().add(fixture("alert-row.json")).add(fixture("incident.json")).addNull();
    assertTrue(refusal(body.toString()).startsWith("[2]: "));
    ArrayNode alerts = NODES.arrayNode();
    for (int i = 0; i < 2_000; i++) {
      alerts.add(NODES.objectNode().put("SystemAlertId", "sa-" + i).put("Entities", "[{\"$ref\": \"1\"}]"));
    }
    assertEquals(2_000, normalizer.normalize(alerts).size());
  }

  private void assertReadOrRefused(JsonNode body, String what) {
    List<AlertDraft> drafts;
    try {
      drafts = normalizer.normalize(body);
    } catch (NormalizationException refused) {
      assertTrue(REFUSAL.matcher(refused.getMessage()).matches(), () -> what + ": " + refused.getMessage());
      return;
    } catch (RuntimeException unexpected) {
      fail(what + " threw " + unexpected, unexpected);
      return;
    }
    assertFalse(drafts.isEmpty(), what);
    drafts.forEach(draft -> AlertSchema.assertValid(document(draft)));
  }

  private String refusal(String body) {
    return assertThrows(NormalizationException.class, () -> normalizer.normalize(json(body))).getMessage();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e999", "-1e999", "1e400", "123456789012345678901234567890"})
  @DisplayName("A severity sent as a number beyond any score is no severity: the alert is medium, not a failure")
  void severityOutOfRange(String number) {
    JsonNode huge = json(number);
    ObjectNode incident = (ObjectNode) fixture("incident.json");
    ((ObjectNode) incident.get("properties")).set("severity", huge);
    ObjectNode row = (ObjectNode) fixture("alert-row.json");
    row.set("AlertSeverity", huge);
    for (JsonNode body : List.of(incident, row)) {
      assertEquals("medium", only(body).get("severity").asText());
    }
  }

  private ObjectNode only(JsonNode body) {
    List<ObjectNode> documents = documents(body);
    assertEquals(1, documents.size());
    return documents.get(0);
  }

  private List<ObjectNode> documents(JsonNode body) {
    return normalizer.normalize(body).stream().map(SentinelNormalizerTest::document).toList();
  }

  private static ObjectNode document(AlertDraft draft) {
    ObjectNode document = draft.toJson(ID, INBOUND, SOURCE, INGESTED);
    AlertSchema.assertValid(document);
    return document;
  }

  /** The whole expected document: the fields given, the pipeline's ids and times, and the vendor object as raw. */
  private static ObjectNode expected(String fields, JsonNode raw) {
    ObjectNode expected = (ObjectNode) json(fields.replace("{ws}", WORKSPACE));
    expected.put("id", ID.toString()).put("inbound_id", INBOUND.toString()).put("source", SOURCE)
        .put("ingested_at", "2024-08-01T12:00:00.000Z").set("raw", raw);
    return expected;
  }

  private static String abbreviate(JsonNode value) {
    String text = value.toString();
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  private static JsonNode fixture(String name) {
    try (InputStream in = SentinelNormalizerTest.class.getResourceAsStream("/fixtures/sentinel/" + name)) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(name, e);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
