package io.alertgate.deliver.jira;

import io.alertgate.alert.Severity;
import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.ConnectorSettings;
import io.alertgate.deliver.SettingsReader;
import io.alertgate.deliver.http.Endpoint;
import io.alertgate.deliver.http.Tls;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A Jira destination, with the field names of the integrations guide: {@code instance_type} ({@code cloud}, or
 * {@code on-premise}, {@code server} or {@code datacenter} for Server and Data Center), {@code base_url},
 * {@code username} (the account's email on Cloud), {@code api_token}, {@code project_key}, {@code issue_type}
 * ({@code Task} unless given), {@code priority_mapping} (severity to Jira priority name); and {@code auth}
 * ({@code basic} with username and token, or {@code bearer} with a Data Center personal access token), extra
 * {@code labels}, {@code timeout}, {@code retry_count}, {@code verify_ssl} and {@code ca_pem}.
 *
 * @param cloud      Jira Cloud (REST API 3, descriptions in Atlassian Document Format) rather than Server or Data
 *                   Center (REST API 2, wiki markup)
 * @param username   who basic authentication names; empty with a bearer token
 * @param apiToken   the API token, password or personal access token; never printed
 * @param priorities the Jira priority name for each severity
 * @param labels     labels every issue carries besides the gateway's own
 */
public record JiraSettings(boolean cloud, Endpoint baseUrl, Optional<String> username, String apiToken, Auth auth,
                           String projectKey, String issueType, Map<Severity, String> priorities, List<String> labels,
                           Duration timeout, OptionalInt retryCount, Tls tls) implements ConnectorSettings {

  /** How the gateway signs in: an account and its token, or a token alone. */
  public enum Auth { BASIC, BEARER }

  static final List<String> FIELDS = List.of("instance_type", "base_url", "username", "api_token", "project_key",
      "issue_type", "priority_mapping", "auth", "labels", "timeout", "retry_count", "verify_ssl", "ca_pem");
  static final List<String> SECRETS = List.of("api_token");

  // A shorter ending is as likely to be the text's own.
  static final List<String> INSTANCE_TYPES = List.of("cloud", "on-premise", "server", "datacenter");
  // Jira's own limit on a label; a label may not hold a space, since labels are separated by them.
  private static final int MAX_LABEL = 255;
  private static final int MAX_LABELS = 20;
  static final Map<Severity, String> DEFAULT_PRIORITIES = Map.of(Severity.CRITICAL, "Highest",
      Severity.HIGH, "High", Severity.MEDIUM, "Medium", Severity.LOW, "Low", Severity.INFO, "Lowest");

  public JiraSettings {
    priorities = Map.copyOf(priorities);
    labels = List.copyOf(labels);
  }

  public static JiraSettings fromJson(JsonObject json) {
    SettingsReader settings = SettingsReader.of(json, "jira", FIELDS);
    boolean cloud = settings.choice("instance_type", INSTANCE_TYPES).equals("cloud");
    Optional<String> username = settings.optionalText("username");
    if (username.isPresent() && username.get().contains(":")) {
      // Basic authentication ends the name at its first colon.
      throw new IllegalArgumentException("username must not contain ':'");
    }
    Auth auth = auth(settings, cloud, username.isPresent());
    return new JiraSettings(cloud, settings.endpoint("base_url"), auth == Auth.BASIC ? username : Optional.empty(),
        settings.text("api_token"), auth, projectKey(settings.text("project_key")),
        settings.optionalText("issue_type").orElse("Task"), priorities(settings), labels(settings.raw("labels")),
        settings.timeout(), settings.retryCount(), settings.tls("verify_ssl", false));
  }

  /**
   * Basic when a username is given, else a bearer token. Cloud's API tokens only work with the account's email, so
   * there a missing username is a mistake unless bearer was chosen on purpose.
   */
  private static Auth auth(SettingsReader settings, boolean cloud, boolean hasUsername) {
    if (settings.raw("auth") == null) {
      if (cloud && !hasUsername) {
        throw new IllegalArgumentException("username is required on Jira Cloud: the email of the account the"
            + " api_token belongs to (or set auth to bearer)");
      }
      return hasUsername ? Auth.BASIC : Auth.BEARER;
    }
    Auth auth = Auth.valueOf(settings.choice("auth", List.of("basic", "bearer")).toUpperCase(Locale.ROOT));
    if (auth == Auth.BASIC && !hasUsername) {
      throw new IllegalArgumentException("username is required with basic auth");
    }
    return auth;
  }

  /** Project keys are upper-case letters, digits and underscores, starting with a letter. */
  private static String projectKey(String text) {
    String key = text.toUpperCase(Locale.ROOT);
    if (!key.matches("[A-Z][A-Z0-9_]{0,254}")) {
      throw new IllegalArgumentException("project_key must be a Jira project key: a letter, then letters, digits or"
          + " underscores");
    }
    return key;
  }

  /** The guide's mapping over the defaults: a severity it leaves out keeps its default priority. */
  private static Map<Severity, String> priorities(SettingsReader settings) {
    Map<Severity, String> priorities = new EnumMap<>(DEFAULT_PRIORITIES);
    settings.textMap("priority_mapping", Set.copyOf(Severity.wireNames())).forEach((severity, name) -> {
      if (name.isBlank()) {
        throw new IllegalArgumentException("priority_mapping: the priority of " + severity + " must not be empty");
      }
      priorities.put(Severity.ofWireName(severity), name.trim());
    });
    return priorities;
  }

  private static List<String> labels(Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_LABELS) {
      throw new IllegalArgumentException("labels must be a list of at most " + MAX_LABELS + " labels");
    }
    Set<String> labels = new LinkedHashSet<>();
    for (Object label : array) {
      if (!(label instanceof String text) || text.isEmpty() || text.length() > MAX_LABEL
          || text.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw new IllegalArgumentException("labels: each label must be text of 1 to " + MAX_LABEL
            + " characters without spaces or control characters");
      }
      labels.add(text);
    }
    return new ArrayList<>(labels);
  }

  /** The {@code Authorization} header's value. */
  String authorization() {
    return auth == Auth.BEARER ? "Bearer " + apiToken : "Basic " + Base64.getEncoder()
        .encodeToString((username.orElseThrow() + ":" + apiToken).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The text with the token, and the header made of it, cut out: for anything Jira echoes back. A text that was cut
   * short may end in the start of one, so such an ending goes too.
   */
  String redacted(String text) {
    String clean = text;
    for (String secret : secrets()) {
      clean = AttemptOutcome.redact(clean, secret);
    }
    return clean;
  }

  /** The credential of the {@code Authorization} header, and the token it is made of. */
  List<String> secrets() {
    String header = authorization();
    return List.of(header.substring(header.indexOf(' ') + 1), apiToken);
  }

  @Override
  public String toString() {
    return "JiraSettings[" + (cloud ? "cloud" : "server") + " " + baseUrl.shown() + ", project " + projectKey
        + ", issue type " + issueType + ", auth " + auth.name().toLowerCase(Locale.ROOT)
        + username.map(name -> " as " + name).orElse("") + ", labels " + labels + ", timeout " + timeout.toSeconds()
        + "s, verify_ssl " + tls.verify() + ", api_token set]";
  }
}
