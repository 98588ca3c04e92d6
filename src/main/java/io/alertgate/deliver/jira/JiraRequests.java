package io.alertgate.deliver.jira;

import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.alertgate.deliver.http.Endpoint;
import io.alertgate.deliver.http.OutboundRequest;
import io.alertgate.digest.Digests;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The requests the gateway makes of Jira, in its kind's API: REST API 3 on Cloud (Atlassian Document Format, the
 * enhanced search), REST API 2 on Server and Data Center (wiki markup, the classic search).
 */
final class JiraRequests {

  private static final String LABEL = "alertgate";
  // 128 bits of the key's SHA-256: labels may not hold the spaces and colons keys do, and need not be long.
  private static final int LABEL_DIGEST_CHARS = 32;

  private final JiraSettings settings;
  private final Endpoint endpoint;
  private final String api;

  JiraRequests(JiraSettings settings) {
    this.settings = settings;
    this.endpoint = settings.baseUrl();
    this.api = settings.cloud() ? "/rest/api/3" : "/rest/api/2";
  }

  /** The label that marks an incident's issue, the same on every attempt and every gateway. */
  static String label(String idempotencyKey) {
    return LABEL + "-" + Digests.sha256Hex(idempotencyKey).substring(0, LABEL_DIGEST_CHARS);
  }

  /**
   * The issue carrying the label in the project, the oldest first should there be two. Cloud retired its classic
   * search (it answers 410): only the enhanced one is asked there.
   */
  OutboundRequest search(String label) {
    JsonObject body = new JsonObject()
        .put("jql", "project = \"" + settings.projectKey() + "\" AND labels = \"" + label + "\" ORDER BY created ASC")
        .put("fields", new JsonArray().add("key"))
        .put("maxResults", 1);
    return json(HttpMethod.POST, settings.cloud() ? "/search/jql" : "/search", body);
  }

  OutboundRequest create(DeliveryRequest request, String label) {
    Incident incident = request.incident();
    JsonArray labels = new JsonArray().add(LABEL).add(label);
    settings.labels().stream().filter(extra -> !labels.contains(extra)).forEach(labels::add);
    JsonObject fields = new JsonObject()
        .put("project", new JsonObject().put("key", settings.projectKey()))
        .put("summary", IssueText.summary(incident))
        .put("issuetype", new JsonObject().put("name", settings.issueType()))
        .put("priority", new JsonObject().put("name", settings.priorities().get(incident.severity())))
        .put("labels", labels)
        .put("description", formatted(IssueText.description(incident, request.idempotencyKey())));
    return json(HttpMethod.POST, "/issue", new JsonObject().put("fields", fields));
  }

  OutboundRequest comment(String issueKey, List<Block> text) {
    return json(HttpMethod.POST, "/issue/" + pathSegment(issueKey) + "/comment",
        new JsonObject().put("body", formatted(text)));
  }

  /** Who the credentials belong to: the connection check, which changes nothing. */
  OutboundRequest myself() {
    return json(HttpMethod.GET, "/myself", null);
  }

  private Object formatted(List<Block> text) {
    return settings.cloud() ? Adf.doc(text) : WikiMarkup.of(text);
  }

  private OutboundRequest json(HttpMethod method, String path, JsonObject body) {
    return OutboundRequest.json(method, endpoint, api + path, Map.of("Authorization", settings.authorization()),
        body == null ? null : body.toBuffer());
  }

  /** An issue key as one path segment: anything but letters, digits, '-', '.', '_' and '~' percent-encoded. */
  private static String pathSegment(String text) {
    StringBuilder segment = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
        segment.append(c);
      } else {
        segment.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return segment.toString();
  }
}
