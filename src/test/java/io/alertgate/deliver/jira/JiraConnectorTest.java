package io.alertgate.deliver.jira;

import io.alertgate.alert.EventType;
import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.jira.FakeJira.Received;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.alertgate.deliver.jira.JiraFixtures.LABEL;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What the Jira connector sends, request by request, for each event type and for the create-ticket action, on
 * Cloud (REST API 3, Atlassian Document Format) and on Server and Data Center (REST API 2, wiki markup).
 */
class JiraConnectorTest extends FakeJiraTest {

  private static final String SEARCH_BODY = "{\"jql\":\"project = \\\"SOC\\\" AND labels = \\\"" + LABEL
      + "\\\" ORDER BY created ASC\",\"fields\":[\"key\"],\"maxResults\":1}";

  @Test
  @DisplayName("Created on Cloud: a search for the incident's label, then the issue, its description in ADF")
  void createsOnCloud() throws Exception {
    AttemptOutcome outcome = await(fixtures.connector(fixtures.cloud()).send(fixtures.alert(EventType.CREATED)));

    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals(201, outcome.status());
    assertEquals("SOC-1", outcome.externalRef());
    assertEquals(2, jira.received.size());
    Received search = jira.received.get(0);
    assertEquals("POST /rest/api/3/search/jql", search.method() + " " + search.uri());
    assertEquals(fixtures.jsonHeaders(JiraFixtures.BASIC, search.body().length()), search.headers());
    assertEquals(new JsonObject(SEARCH_BODY), search.json());
    Received create = jira.received.get(1);
    assertEquals("POST /rest/api/3/issue", create.method() + " " + create.uri());
    assertEquals(fixtures.jsonHeaders(JiraFixtures.BASIC, create.body().length()), create.headers());
    assertEquals(new JsonObject("""
        {"fields": {
          "project": {"key": "SOC"},
          "summary": "Encoded PowerShell",
          "issuetype": {"name": "Incident"},
          "priority": {"name": "High"},
          "labels": ["alertgate", "%s", "siem", "soc-triage"],
          "description": {"type": "doc", "version": 1, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "Encoded PowerShell"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Severity:", "marks": [{"type": "strong"}]},
              {"type": "text", "text": " high"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Source:", "marks": [{"type": "strong"}]},
              {"type": "text", "text": " elastic"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Alert:", "marks": [{"type": "strong"}]},
              {"type": "text", "text": " 01a22f8a-adb4-7ae6-a196-fc5053a9fdc2"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Incident key:", "marks": [{"type": "strong"}]},
              {"type": "text", "text": " elastic:rule-1:alert-1"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "powershell -enc SQBFAFgA"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Indicators", "marks": [{"type": "strong"}]}]},
            {"type": "bulletList", "content": [
              {"type": "listItem", "content": [{"type": "paragraph", "content": [
                {"type": "text", "text": "IP 203.0.113.9 (source)"}]}]},
              {"type": "listItem", "content": [{"type": "paragraph", "content": [
                {"type": "text", "text": "user CORP\\\\alice"}]}]}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Links", "marks": [{"type": "strong"}]}]},
            {"type": "bulletList", "content": [
              {"type": "listItem", "content": [{"type": "paragraph", "content": [
                {"type": "text", "text": "Open in Kibana", "marks": [{"type": "link",
                  "attrs": {"href": "https://kibana.example.com/app/security/alerts/1"}}]}]}]}]}
          ]}
        }}""".formatted(LABEL)), create.json());
    assertEquals("POST http://127.0.0.1:" + jira.port() + "/rest/api/3/search/jql (" + search.body().length()
        + " bytes), then POST http://127.0.0.1:" + jira.port() + "/rest/api/3/issue (" + create.body().length()
        + " bytes)", outcome.request());
  }

  @Test
  @DisplayName("Created when the label already has an issue: it is adopted, nothing is opened or commented")
  void createdAdoptsAnExistingIssue() throws Exception {
    JiraConnector connector = fixtures.connector(fixtures.cloud());
    await(connector.send(fixtures.alert(EventType.CREATED)));
    jira.received.clear();

    AttemptOutcome again = await(connector.send(fixtures.alert(EventType.CREATED)));

    assertEquals(AttemptResult.DELIVERED, again.result());
    assertEquals("SOC-1", again.externalRef());
    assertEquals(List.of("/rest/api/3/search/jql"), jira.received.stream().map(Received::uri).toList());
    assertEquals(1, jira.issues.size());
    assertEquals(List.of(), jira.issues.get(0).comments());
  }

  @Test
  @DisplayName("Updated with a known issue: one comment on it, saying the alert fired again")
  void updatedCommentsOnTheKnownIssue() throws Exception {
    JiraConnector connector = fixtures.connector(fixtures.cloud());
    await(connector.send(fixtures.alert(EventType.CREATED)));
    jira.received.clear();

    AttemptOutcome outcome = await(connector.send(fixtures.withRef(fixtures.alert(EventType.UPDATED), "SOC-1")));

    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals("SOC-1", outcome.externalRef());
    assertEquals(1, jira.received.size(), "no search: the earlier delivery named the issue");
    Received comment = jira.received.get(0);
    assertEquals("POST /rest/api/3/issue/SOC-1/comment", comment.method() + " " + comment.uri());
    assertEquals(fixtures.jsonHeaders(JiraFixtures.BASIC, comment.body().length()), comment.headers());
    assertEquals(new JsonObject("""
        {"body": {"type": "doc", "version": 1, "content": [
          {"type": "paragraph", "content": [{"type": "text", "text": "The alert fired again."}]},
          {"type": "paragraph", "content": [{"type": "text", "text": "Title:", "marks": [{"type": "strong"}]},
            {"type": "text", "text": " Encoded PowerShell"}]},
          {"type": "paragraph", "content": [{"type": "text", "text": "Severity:", "marks": [{"type": "strong"}]},
            {"type": "text", "text": " high"}]},
          {"type": "paragraph", "content": [{"type": "text", "text": "Source:", "marks": [{"type": "strong"}]},
            {"type": "text", "text": " elastic"}]},
          {"type": "paragraph", "content": [{"type": "text", "text": "Alert:", "marks": [{"type": "strong"}]},
            {"type": "text", "text": " 01a22f8a-adb4-7ae6-a196-fc5053a9fdc2"}]}
        ]}}"""), comment.json());
  }

  @Test
  @DisplayName("Updated without a known issue: the search finds it and it is commented on; finding none opens one")
  void updatedWithoutAKnownIssue() throws Exception {
    JiraConnector connector = fixtures.connector(fixtures.cloud());
    AttemptOutcome opened = await(connector.send(fixtures.alert(EventType.UPDATED)));
    assertEquals("SOC-1", opened.externalRef());
    assertEquals(List.of("/rest/api/3/search/jql", "/rest/api/3/issue"),
        jira.received.stream().map(Received::uri).toList());
    jira.received.clear();

    AttemptOutcome commented = await(connector.send(fixtures.alert(EventType.UPDATED)));

    assertEquals(AttemptResult.DELIVERED, commented.result());
    assertEquals("SOC-1", commented.externalRef());
    assertEquals(List.of("/rest/api/3/search/jql", "/rest/api/3/issue/SOC-1/comment"),
        jira.received.stream().map(Received::uri).toList());
    assertEquals(1, jira.issues.size());
    assertEquals(1, jira.issues.get(0).comments().size());
  }

  @Test
  @DisplayName("Resolved: a comment that the source closed it, and no transition; an unknown incident opens nothing")
  void resolved() throws Exception {
    JiraConnector connector = fixtures.connector(fixtures.cloud());
    AttemptOutcome nothing = await(connector.send(fixtures.alert(EventType.RESOLVED)));
    assertEquals(AttemptResult.DELIVERED, nothing.result());
    assertNull(nothing.externalRef());
    assertEquals(List.of("/rest/api/3/search/jql"), jira.received.stream().map(Received::uri).toList());
    assertEquals(List.of(), jira.issues);

    await(connector.send(fixtures.alert(EventType.CREATED)));
    jira.received.clear();
    AttemptOutcome resolved = await(connector.send(fixtures.alert(EventType.RESOLVED)));

    assertEquals(AttemptResult.DELIVERED, resolved.result());
    assertEquals("SOC-1", resolved.externalRef());
    assertEquals(List.of("/rest/api/3/search/jql", "/rest/api/3/issue/SOC-1/comment"),
        jira.received.stream().map(Received::uri).toList());
    assertEquals(new JsonObject(SEARCH_BODY), jira.received.get(0).json());
    assertEquals("Resolved at the source.", jira.received.get(1).json().getJsonObject("body")
        .getJsonArray("content").getJsonObject(0).getJsonArray("content").getJsonObject(0).getString("text"));
  }

  @Test
  @DisplayName("A comment on an issue that was deleted is permanent, and says why")
  void deletedIssue() throws Exception {
    AttemptOutcome outcome = await(fixtures.connector(fixtures.cloud())
        .send(fixtures.withRef(fixtures.alert(EventType.RESOLVED), "SOC-404")));

    assertEquals(AttemptResult.PERMANENT, outcome.result());
    assertEquals(404, outcome.status());
    assertEquals("Jira (comment on SOC-404) answered 404: Issue does not exist or you do not have permission to see"
        + " it.; the issue is gone, or out of these credentials' sight", outcome.error());
  }

  @Test
  @DisplayName("The create-ticket action: an issue made from the operator's incident_data, keyed by its incident_id")
  void createTicketAction() throws Exception {
    AttemptOutcome outcome = await(fixtures.connector(fixtures.cloud()).send(fixtures.createTicket()));

    assertEquals(AttemptResult.DELIVERED, outcome.result());
    assertEquals("SOC-1", outcome.externalRef());
    assertEquals(new JsonObject(SEARCH_BODY.replace(LABEL, JiraFixtures.TICKET_LABEL)), jira.received.get(0).json());
    assertEquals(new JsonObject("""
        {"fields": {
          "project": {"key": "SOC"},
          "summary": "Database connection failed",
          "issuetype": {"name": "Incident"},
          "priority": {"name": "High"},
          "labels": ["alertgate", "%s", "siem", "soc-triage"],
          "description": {"type": "doc", "version": 1, "content": [
            {"type": "paragraph", "content": [{"type": "text", "text": "Database connection failed"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Severity:", "marks": [{"type": "strong"}]},
              {"type": "text", "text": " high"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Source:", "marks": [{"type": "strong"}]},
              {"type": "text", "text": " api"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Incident key:", "marks": [{"type": "strong"}]},
              {"type": "text", "text": " inc-123"}]},
            {"type": "paragraph", "content": [{"type": "text", "text": "Unable to connect to primary database"}]}
          ]}
        }}""".formatted(JiraFixtures.TICKET_LABEL)), jira.received.get(1).json());
  }

  @Test
  @DisplayName("Server and Data Center: REST API 2, a bearer token, the classic search and wiki markup")
  void serverAndDataCenter() throws Exception {
    JiraConnector connector = fixtures.connector(fixtures.server());
    AttemptOutcome created = await(connector.send(fixtures.alert(EventType.CREATED)));
    AttemptOutcome updated = await(connector.send(fixtures.withRef(fixtures.alert(EventType.UPDATED), "SOC-1")));

    assertEquals("SOC-1", created.externalRef());
    assertEquals("SOC-1", updated.externalRef());
    assertEquals(List.of("POST /rest/api/2/search", "POST /rest/api/2/issue", "POST /rest/api/2/issue/SOC-1/comment"),
        jira.received.stream().map(r -> r.method() + " " + r.uri()).toList());
    for (Received request : jira.received) {
      assertEquals(fixtures.jsonHeaders("Bearer " + JiraFixtures.TOKEN, request.body().length()), request.headers());
    }
    assertEquals(new JsonObject(SEARCH_BODY), jira.received.get(0).json());
    JsonObject fields = jira.received.get(1).json().getJsonObject("fields");
    assertEquals(new JsonObject().put("key", "SOC"), fields.getJsonObject("project"));
    assertEquals("Encoded PowerShell", fields.getString("summary"));
    assertEquals(new JsonObject().put("name", "Task"), fields.getJsonObject("issuetype"));
    assertEquals(new JsonObject().put("name", "P2"), fields.getJsonObject("priority"));
    assertEquals(List.of("alertgate", LABEL), fields.getJsonArray("labels").getList());
    assertEquals("""
        Encoded PowerShell

        *Severity:* high

        *Source:* elastic

        *Alert:* 01a22f8a\\-adb4\\-7ae6\\-a196\\-fc5053a9fdc2

        *Incident key:* elastic:rule\\-1:alert\\-1

        powershell \\-enc SQBFAFgA

        *Indicators*
        * IP 203.0.113.9 (source)
        * user CORP&#92;alice

        *Links*
        * [Open in Kibana|https://kibana.example.com/app/security/alerts/1]""", fields.getString("description"));
    assertEquals(Map.of("body", """
        The alert fired again.

        *Title:* Encoded PowerShell

        *Severity:* high

        *Source:* elastic

        *Alert:* 01a22f8a\\-adb4\\-7ae6\\-a196\\-fc5053a9fdc2"""), jira.received.get(2).json().getMap());
  }

  @Test
  @DisplayName("The retired classic search of Cloud is never called")
  void neverTheClassicSearch() throws Exception {
    JiraConnector connector = fixtures.connector(fixtures.cloud());
    for (EventType type : EventType.values()) {
      await(connector.send(fixtures.alert(type)));
    }
    assertEquals(List.of(), jira.received.stream().filter(r -> r.uri().equals("/rest/api/3/search")).toList());
    assertEquals(Optional.empty(), jira.received.stream().filter(r -> r.uri().contains("transition")).findAny());
  }
}
