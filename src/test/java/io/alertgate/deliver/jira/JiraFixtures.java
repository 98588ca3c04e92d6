package io.alertgate.deliver.jira;

import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.EventType;
import io.alertgate.alert.Severity;
import io.alertgate.alert.StoredAlert;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.alertgate.net.Cidr;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** Settings, requests and connectors the Jira tests share, all pointed at one {@link FakeJira}. */
final class JiraFixtures {

  static final String TOKEN = "jira-token-9c1e7b";
  static final String EMAIL = "soc@example.com";
  /** base64 of soc@example.com:jira-token-9c1e7b, worked out once by hand. */
  static final String BASIC = "Basic c29jQGV4YW1wbGUuY29tOmppcmEtdG9rZW4tOWMxZTdi";
  static final String KEY = "elastic:rule-1:alert-1";
  /** alertgate- and the first 32 hex digits of the key's SHA-256, worked out once by hand. */
  static final String LABEL = "alertgate-97d7c33795806378d7b7e6f214a43f8a";
  static final String TICKET_LABEL = "alertgate-c4bf51cbcd9eacf27c96d3b9535bcc58";
  static final List<Cidr> LOOPBACK_ALLOWED = List.of(Cidr.parse("127.0.0.0/8"));

  private final Vertx vertx;
  private final FakeJira jira;

  JiraFixtures(Vertx vertx, FakeJira jira) {
    this.vertx = vertx;
    this.jira = jira;
  }

  /** Jira Cloud as the guide configures it, with extra labels. */
  JsonObject cloud() {
    return new JsonObject()
        .put("instance_type", "cloud")
        .put("base_url", "http://127.0.0.1:" + jira.port())
        .put("username", EMAIL)
        .put("api_token", TOKEN)
        .put("project_key", "SOC")
        .put("issue_type", "Incident")
        .put("priority_mapping", new JsonObject().put("critical", "Highest").put("high", "High"))
        .put("labels", new JsonArray().add("siem").add("soc-triage"))
        .put("timeout", 5);
  }

  /** Data Center with a personal access token, a lower-case project key, its own priority names. */
  JsonObject server() {
    return new JsonObject()
        .put("instance_type", "datacenter")
        .put("base_url", "http://127.0.0.1:" + jira.port() + "/")
        .put("api_token", TOKEN)
        .put("project_key", "soc")
        .put("priority_mapping", new JsonObject().put("high", "P2"))
        .put("timeout", 5);
  }

  JiraConnector connector(JsonObject config) {
    return new JiraConnector(vertx, JiraSettings.fromJson(config), new TargetGuard(vertx, LOOPBACK_ALLOWED),
        jira.clock);
  }

  JiraConnector connector(JsonObject config, Duration adoptionWindow) {
    return new JiraConnector(vertx, JiraSettings.fromJson(config), new TargetGuard(vertx, LOOPBACK_ALLOWED),
        jira.clock, adoptionWindow);
  }

  /** What a request with a JSON body carries, and nothing else. */
  Map<String, String> jsonHeaders(String authorization, int length) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.putAll(Map.of("Accept", "application/json", "Authorization", authorization,
        "Content-Type", "application/json", "Content-Length", String.valueOf(length),
        "Host", "127.0.0.1:" + jira.port()));
    return headers;
  }

  /** A routed alert of the incident {@link #KEY}. */
  DeliveryRequest alert(EventType type) {
    StoredAlert alert = new StoredAlert(UUID.fromString("01a22f8a-adb4-7ae6-a196-fc5053a9fdc2"),
        UUID.fromString("01a22f8a-ad82-754f-b280-a0968dc2eb5b"), "elastic", Severity.HIGH,
        type == EventType.RESOLVED ? AlertStatus.CLOSED : AlertStatus.OPEN, KEY,
        java.time.Instant.parse("2026-12-01T02:59:07.261Z"), new JsonObject()
            .put("title", "Encoded PowerShell")
            .put("severity", "high")
            .put("description", "powershell -enc SQBFAFgA\n\n")
            .put("indicators", new JsonObject()
                .put("ips", new JsonArray().add(new JsonObject().put("value", "203.0.113.9").put("role", "source")))
                .put("users", new JsonArray().add("CORP\\alice")))
            .put("links", new JsonArray().add(new JsonObject()
                .put("href", "https://kibana.example.com/app/security/alerts/1").put("text", "Open in Kibana")))
            .encode());
    return request(type, KEY, Incident.of(alert));
  }

  /** The guide's create-ticket request, as the integration endpoint records it. */
  DeliveryRequest createTicket() {
    JsonObject data = new JsonObject().put("title", "Database connection failed").put("severity", "high")
        .put("description", "Unable to connect to primary database");
    return request(EventType.CREATED, "inc-123", Incident.of(data, "api", new JsonObject()));
  }

  DeliveryRequest withRef(DeliveryRequest request, String issueKey) {
    return new DeliveryRequest(request.deliveryId(), request.destination(), request.idempotencyKey(),
        request.attempt(), request.eventType(), request.incident(), Optional.of(issueKey), request.action(),
        request.deadline());
  }

  private DeliveryRequest request(EventType type, String key, Incident incident) {
    return new DeliveryRequest(UUID.fromString("01a22f90-0000-7000-8000-000000000001"), "soc-jira", key, 1, type,
        incident, Optional.empty(), new JsonObject(), jira.clock.instant().plus(Duration.ofMinutes(1)));
  }
}
