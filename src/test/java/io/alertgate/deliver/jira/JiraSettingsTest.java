package io.alertgate.deliver.jira;

import io.alertgate.alert.Severity;
import io.alertgate.deliver.DestinationTypes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a Jira destination's settings: the guide's fields, their defaults, and hostile values refused by name. */
class JiraSettingsTest {

  private static final String TOKEN = "ATATT3xFfGF0-secret-token";

  @Test
  @DisplayName("The guide's example reads as Cloud with basic auth, and every left-out field has its default")
  void guideExample() {
    JiraSettings settings = JiraSettings.fromJson(guide());

    assertTrue(settings.cloud());
    assertEquals("https://your-domain.atlassian.net/", settings.baseUrl().shown());
    assertEquals(Optional.of("your-email@company.com"), settings.username());
    assertEquals(JiraSettings.Auth.BASIC, settings.auth());
    assertEquals("PROJ", settings.projectKey());
    assertEquals("Bug", settings.issueType());
    assertEquals(Map.of(Severity.CRITICAL, "Highest", Severity.HIGH, "High", Severity.MEDIUM, "Medium",
        Severity.LOW, "Low", Severity.INFO, "Lowest"), settings.priorities());
    assertEquals(List.of(), settings.labels());
    assertEquals(Duration.ofSeconds(30), settings.timeout());
    assertEquals(OptionalInt.empty(), settings.retryCount());
    assertTrue(settings.tls().verify());
  }

  @ParameterizedTest
  @CsvSource({"cloud, true", "Cloud, true", "on-premise, false", "server, false", "datacenter, false",
      "' DataCenter ', false"})
  @DisplayName("instance_type: cloud, or any of the guide's words for Server and Data Center")
  void instanceTypes(String type, boolean cloud) {
    assertEquals(cloud, JiraSettings.fromJson(guide().put("instance_type", type)).cloud());
  }

  @Test
  @DisplayName("Without a username a token is a bearer token; on Cloud that must be said, since its tokens need one")
  void authDefaults() {
    JsonObject server = guide().put("instance_type", "server");
    server.remove("username");
    JiraSettings bearer = JiraSettings.fromJson(server);
    assertEquals(JiraSettings.Auth.BEARER, bearer.auth());
    assertEquals("Bearer " + TOKEN, bearer.authorization());

    JsonObject cloud = guide();
    cloud.remove("username");
    assertEquals("username is required on Jira Cloud: the email of the account the api_token belongs to (or set auth"
        + " to bearer)", refusal(cloud));
    assertEquals(JiraSettings.Auth.BEARER, JiraSettings.fromJson(cloud.copy().put("auth", "bearer")).auth());
    assertEquals("username is required with basic auth", refusal(server.put("auth", "basic")));
    assertEquals(JiraSettings.Auth.BEARER, JiraSettings.fromJson(guide().put("auth", "bearer")).auth());
    assertEquals(Optional.empty(), JiraSettings.fromJson(guide().put("auth", "bearer")).username());
  }

  @Test
  @DisplayName("Mapped priorities replace the defaults one by one; labels are kept in order, once each")
  void mappingAndLabels() {
    JiraSettings settings = JiraSettings.fromJson(guide()
        .put("priority_mapping", new JsonObject().put("critical", "P1 – Blocker ⚠").put("info", "P5"))
        .put("labels", new JsonArray().add("siem").add("sécurité").add("siem"))
        .put("issue_type", "Vorfall – Sicherheit")
        .put("project_key", "soc_2"));

    assertEquals("P1 – Blocker ⚠", settings.priorities().get(Severity.CRITICAL));
    assertEquals("High", settings.priorities().get(Severity.HIGH));
    assertEquals("P5", settings.priorities().get(Severity.INFO));
    assertEquals(List.of("siem", "sécurité"), settings.labels());
    assertEquals("Vorfall – Sicherheit", settings.issueType());
    assertEquals("SOC_2", settings.projectKey());
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "base_url | | base_url is required: the http or https address to send to",
      "api_token | | api_token is required",
      "project_key | | project_key is required",
      "instance_type | cloudy | instance_type must be one of cloud, on-premise, server, datacenter",
      "auth | oauth | auth must be one of basic, bearer",
      "base_url | ftp://jira.example.com | base_url must be an absolute http or https address with a host",
      "project_key | 1SOC | project_key must be a Jira project key: a letter, then letters, digits or underscores",
      "project_key | SOC\" OR project != \"X | project_key must be a Jira project key: a letter, then letters, digits"
          + " or underscores",
      "username | ops:admin@example.com | username must not contain ':'"})
  @DisplayName("A wrong or missing field is refused with a message that names it")
  void refusesWrongFields(String field, String value, String message) {
    JsonObject json = guide();
    if (value == null) {
      json.remove(field);
    } else {
      json.put(field, value);
    }
    assertEquals(message, refusal(json));
  }

  @Test
  @DisplayName("Values of the wrong type, huge or with control characters are refused without being echoed")
  void hostileValues() {
    String huge = TOKEN + "x".repeat(10_000);
    assertEquals("api_token must be non-empty text of at most 4096 characters without control characters",
        refusal(guide().put("api_token", huge)));
    assertEquals("api_token must be non-empty text of at most 4096 characters without control characters",
        refusal(guide().put("api_token", TOKEN + "\r\nX-Injected: 1")));
    assertEquals("api_token must be non-empty text of at most 4096 characters without control characters",
        refusal(guide().put("api_token", new JsonObject().put("value", TOKEN))));
    assertEquals("issue_type must be non-empty text of at most 4096 characters without control characters",
        refusal(guide().put("issue_type", 7)));
    assertEquals("priority_mapping: 'urgent' is not one of critical, high, info, low, medium",
        refusal(guide().put("priority_mapping", new JsonObject().put("urgent", "Highest"))));
    assertEquals("priority_mapping: the priority of high must not be empty",
        refusal(guide().put("priority_mapping", new JsonObject().put("high", " "))));
    assertEquals("priority_mapping must be an object of names and values",
        refusal(guide().put("priority_mapping", "Highest")));
    assertEquals("labels: each label must be text of 1 to 255 characters without spaces or control characters",
        refusal(guide().put("labels", new JsonArray().add("two words"))));
    assertEquals("labels: each label must be text of 1 to 255 characters without spaces or control characters",
        refusal(guide().put("labels", new JsonArray().add("x".repeat(256)))));
    assertEquals("labels must be a list of at most 20 labels", refusal(guide().put("labels", "siem")));
    assertEquals("timeout must be a whole number of seconds from 1 to 300", refusal(guide().put("timeout", "30")));
    assertEquals("verify_ssl must be true or false", refusal(guide().put("verify_ssl", "no")));
    assertEquals("retry_count must be a whole number from 0 to 1000", refusal(guide().put("retry_count", -1)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"enabled", "apiToken", "api-token", "password", "\u0000evil"})
  @DisplayName("A field Jira does not have, such as a misspelt token, is refused by name")
  void unknownFields(String field) {
    String message = refusal(guide().put(field, TOKEN));
    assertTrue(message.endsWith("' is not a jira field (api_token, auth, base_url, ca_pem, instance_type, issue_type,"
        + " labels, priority_mapping, project_key, retry_count, timeout, username, verify_ssl)"), message);
    assertFalse(message.contains(TOKEN));
  }

  @Test
  @DisplayName("The token is the one secret field, and no printout of the settings shows it")
  void tokenNeverShown() {
    assertEquals(List.of("api_token"), DestinationTypes.named("jira").orElseThrow().secretFields());
    JiraSettings settings = JiraSettings.fromJson(guide());
    assertFalse(settings.toString().contains(TOKEN), settings.toString());
    assertFalse(settings.toString().contains(settings.authorization().substring(6)), settings.toString());
    assertEquals("JiraSettings[cloud https://your-domain.atlassian.net/, project PROJ, issue type Bug, auth basic as"
        + " your-email@company.com, labels [], timeout 30s, verify_ssl true, api_token set]", settings.toString());
  }

  /** The guide's saved configuration, less the {@code enabled} switch the relay reads itself. */
  private static JsonObject guide() {
    return new JsonObject()
        .put("instance_type", "cloud")
        .put("base_url", "https://your-domain.atlassian.net")
        .put("username", "your-email@company.com")
        .put("api_token", TOKEN)
        .put("project_key", "PROJ")
        .put("issue_type", "Bug")
        .put("priority_mapping", new JsonObject().put("critical", "Highest").put("high", "High")
            .put("medium", "Medium").put("low", "Low"));
  }

  private static String refusal(JsonObject json) {
    String message = assertThrows(IllegalArgumentException.class, () -> JiraSettings.fromJson(json)).getMessage();
    assertFalse(message.contains(TOKEN), message);
    return message;
  }
}
