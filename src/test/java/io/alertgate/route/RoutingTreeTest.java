package io.alertgate.route;

import io.alertgate.alert.AlertStatus;
import io.alertgate.alert.Severity;
import io.alertgate.alert.StoredAlert;
import io.alertgate.config.GatewayConfig;
import io.alertgate.config.RoutingSettings;
import io.alertgate.support.LogCapture;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The routing tree's decisions, one condition and one way of combining rules at a time. */
class RoutingTreeTest {

  private static final String CONFIG = """
      sources:
        app: {auth: {type: none}}
      destinations:
        soc: {type: webhook, url: "https://soc.example/"}
        tickets: {type: webhook, url: "https://tickets.example/"}
        archive: {type: webhook, url: "https://archive.example/"}
      """;
  private static final List<String> ENABLED = List.of("soc", "tickets", "archive");

  @Test
  @DisplayName("No rules: every alert to every enabled destination, in their order, nothing matched or suppressed")
  void noRules() {
    RoutingTree tree = RoutingTree.of(RoutingSettings.everyAlertEverywhere());
    Decision decision = tree.route(alert("elastic", Severity.INFO, new JsonObject()), ENABLED);
    assertEquals(new Decision(ENABLED, Optional.empty(), List.of()), decision);
    assertNull(decision.matchedText());
    assertEquals(List.of("tickets"), tree.route(alert("app", Severity.LOW, null), List.of("tickets")).destinations());
    assertFalse(tree.readsDocuments());
  }

  @Test
  @DisplayName("The default takes what no rule claims; an empty default sends it nowhere, without a suppression")
  void defaults() {
    RoutingTree tree = tree("""
        routing:
          default: [archive, pagerduty]
          rules: [{match: {source: [app]}, destinations: [soc]}]
        """);
    assertEquals(List.of("archive"), destinations(tree, alert("elastic", Severity.HIGH, null)),
        "pagerduty is not enabled");
    assertEquals(List.of("soc"), destinations(tree, alert("app", Severity.HIGH, null)));
    Decision nowhere = tree("routing: {default: []}").route(alert("elastic", Severity.HIGH, null), ENABLED);
    assertEquals(new Decision(List.of(), Optional.empty(), List.of()), nowhere);
  }

  @Test
  @DisplayName("source: one of the sources listed")
  void source() {
    RoutingTree tree = tree("routing: {default: [], rules: [{match: {source: [app, splunk]}, destinations: [soc]}]}");
    assertEquals(List.of("soc"), destinations(tree, alert("app", Severity.INFO, null)));
    assertEquals(List.of("soc"), destinations(tree, alert("splunk", Severity.INFO, null)));
    assertEquals(List.of(), destinations(tree, alert("elastic", Severity.CRITICAL, null)));
  }

  @Test
  @DisplayName("min_severity: the floor and everything more severe, on info < low < medium < high < critical")
  void severityOrdering() {
    List<Severity> ascending = List.of(Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH,
        Severity.CRITICAL);
    for (Severity floor : ascending) {
      RoutingTree tree = tree("routing: {default: [], rules: [{match: {min_severity: " + floor.wireName()
          + "}, destinations: [soc]}]}");
      for (Severity severity : ascending) {
        boolean expected = ascending.indexOf(severity) >= ascending.indexOf(floor);
        assertEquals(expected, !destinations(tree, alert("elastic", severity, null)).isEmpty(),
            severity + " against a floor of " + floor);
      }
    }
  }

  @Test
  @DisplayName("fields: the exact text at a dotted path, numbers as written, any item of an array; absent never")
  void fields() {
    JsonObject doc = new JsonObject().put("title", "Encoded PowerShell").put("source_type", "detection_alert")
        .put("rule", new JsonObject().put("id", "r-1").put("name", "Überwachung 監視 🚨"))
        .put("description", (String) null)
        .put("indicators", new JsonObject().put("hosts", new JsonArray().add("db-1").add("web-7")))
        .put("raw", new JsonObject().put("risk_score", 73).put("kibana.alert.rule.uuid", "u-9"));
    assertMatches(true, "{fields: {title: Encoded PowerShell}}", doc);
    assertMatches(false, "{fields: {title: encoded powershell}}", doc);
    assertMatches(false, "{fields: {title: Encoded}}", doc);
    assertMatches(true, "{fields: {source_type: detection_alert, rule.id: r-1}}", doc);
    assertMatches(true, "{fields: {rule.name: \"Überwachung 監視 🚨\"}}", doc);
    // Exact means the same code points: a decomposed Ü is another text.
    assertMatches(false, "{fields: {rule.name: \"U\\u0308berwachung 監視 🚨\"}}", doc);
    assertMatches(true, "{fields: {raw.risk_score: 73}}", doc);
    assertMatches(true, "{fields: {raw.risk_score: \"73\"}}", doc);
    assertMatches(true, "{fields: {raw.kibana.alert.rule.uuid: u-9}}", doc);
    assertMatches(true, "{fields: {indicators.hosts: web-7}}", doc);
    assertMatches(false, "{fields: {indicators.hosts: web}}", doc);
    assertMatches(false, "{fields: {description: \"null\"}}", doc);
    assertMatches(false, "{fields: {rule: \"{}\"}}", doc);
    assertMatches(false, "{fields: {event_id: e-1}}", doc);
    assertMatches(false, "{fields: {raw.risk_score.value: 73}}", doc);
  }

  @Test
  @DisplayName("fields_regex: the whole text must match (not a part of it), (?i) also beyond ASCII; absent never")
  void fieldsRegex() {
    JsonObject doc = new JsonObject().put("title", "ÜBERWACHUNG: Encoded PowerShell")
        .put("tags", new JsonArray().add("prod-eu").add("edr"));
    assertMatches(true, "{fields_regex: {title: \".*PowerShell\"}}", doc);
    assertMatches(false, "{fields_regex: {title: PowerShell}}", doc);
    assertMatches(false, "{fields_regex: {title: \"Ü.*shell\"}}", doc);
    assertMatches(true, "{fields_regex: {title: \"(?i)überwachung:.*shell\"}}", doc);
    assertMatches(true, "{fields_regex: {title: \"\\\\p{Lu}+: .*\"}}", doc);
    assertMatches(true, "{fields_regex: {tags: \"prod-.*\"}}", doc);
    assertMatches(false, "{fields_regex: {description: \".*\"}}", doc);
    assertMatches(false, "{fields_regex: {rule.name: \".*\"}}", doc);
  }

  @Test
  @DisplayName("tags: the alert carries every tag listed, exactly; an alert without tags carries none")
  void tags() {
    JsonObject doc = new JsonObject().put("tags", new JsonArray().add("prod").add("edr").add("eu"));
    assertMatches(true, "{tags: [prod, edr]}", doc);
    assertMatches(true, "{tags: [eu]}", doc);
    assertMatches(false, "{tags: [prod, test]}", doc);
    assertMatches(false, "{tags: [PROD]}", doc);
    assertMatches(false, "{tags: [prod]}", new JsonObject());
  }

  @Test
  @DisplayName("mitre_tactic: any of the alert's tactics listed, by id or name, in any case or spelling of the name")
  void mitreTactics() {
    assertMatches(true, "{mitre_tactic: [TA0001]}", tactics("Initial Access"));
    assertMatches(true, "{mitre_tactic: [initial access]}", tactics("InitialAccess"));
    assertMatches(true, "{mitre_tactic: [Execution, Lateral Movement]}", tactics("Discovery", "TA0008"));
    assertMatches(true, "{mitre_tactic: [command and control]}", tactics("CommandAndControl"));
    assertMatches(true, "{mitre_tactic: [ta0011]}", tactics("Command and Control"));
    assertMatches(true, "{mitre_tactic: [Inhibit Response Function]}", tactics("inhibit response function"));
    assertMatches(false, "{mitre_tactic: [TA0002]}", tactics("Initial Access", "Persistence"));
    assertMatches(false, "{mitre_tactic: [Execution]}", new JsonObject().put("mitre", new JsonObject()));
  }

  @Test
  @DisplayName("verdict: the enrichment's verdict is one of those listed; an alert not (yet) enriched is unknown")
  void verdicts() {
    JsonObject malicious = new JsonObject().put("enrichment", new JsonObject().put("verdict", "malicious"));
    assertMatches(true, "{verdict: [malicious, suspicious]}", malicious);
    assertMatches(false, "{verdict: [clean]}", malicious);
    assertMatches(true, "{verdict: [unknown]}", new JsonObject());
    assertMatches(false, "{verdict: [malicious]}", new JsonObject());
  }

  @Test
  @DisplayName("All conditions of a match must hold; a match without conditions holds for every alert")
  void conditionsAreAnded() {
    RoutingTree tree = tree("""
        routing:
          default: []
          rules:
            - match: {source: [app], min_severity: high, tags: [prod], fields: {title: Breach}}
              destinations: [soc]
        """);
    JsonObject doc = new JsonObject().put("title", "Breach").put("tags", new JsonArray().add("prod"));
    assertEquals(List.of("soc"), destinations(tree, alert("app", Severity.HIGH, doc)));
    assertEquals(List.of(), destinations(tree, alert("elastic", Severity.HIGH, doc)));
    assertEquals(List.of(), destinations(tree, alert("app", Severity.MEDIUM, doc)));
    assertEquals(List.of(), destinations(tree, alert("app", Severity.HIGH, doc.copy().put("tags", new JsonArray()))));
    assertEquals(List.of(), destinations(tree, alert("app", Severity.HIGH, doc.copy().put("title", "Other"))));
    RoutingTree everything = tree("routing: {default: [], rules: [{match: {}, destinations: [tickets]}]}");
    assertEquals(List.of("tickets"), destinations(everything, alert("splunk", Severity.INFO, null)));
  }

  @Test
  @DisplayName("The first rule that matches decides; with continue, later rules add their destinations")
  void firstMatchAndContinue() {
    String rules = """
        routing:
          default: [archive]
          rules:
            - {name: critical, match: {min_severity: critical}, destinations: [soc, tickets]%s}
            - {name: from-app, match: {source: [app]}, destinations: [archive, tickets]}
            - {name: high, match: {min_severity: high}, destinations: [soc]}
        """;
    RoutingTree first = tree(rules.formatted(""));
    Decision decision = first.route(alert("app", Severity.CRITICAL, null), ENABLED);
    assertEquals(new Decision(List.of("soc", "tickets"), Optional.empty(), List.of("critical")), decision);
    RoutingTree continuing = tree(rules.formatted(", continue: true"));
    decision = continuing.route(alert("app", Severity.CRITICAL, null), ENABLED);
    assertEquals(new Decision(List.of("soc", "tickets", "archive"), Optional.empty(), List.of("critical", "from-app")),
        decision, "union in order, each once; from-app does not continue, so high is not tried");
    assertEquals("critical,from-app", decision.matchedText());
    assertEquals(List.of("soc"), destinations(continuing, alert("elastic", Severity.HIGH, null)));
    assertEquals(List.of("archive"), destinations(continuing, alert("elastic", Severity.LOW, null)));
  }

  @Test
  @DisplayName("Child routes refine their parent: a child that matches decides, else the parent's destinations apply")
  void childRoutes() {
    RoutingTree tree = tree("""
        routing:
          default: [archive]
          rules:
            - name: app
              match: {source: [app]}
              destinations: [tickets]
              routes:
                - {name: app-critical, match: {min_severity: critical}, destinations: [soc]}
                - {name: app-prod, match: {tags: [prod]}}
                - {name: app-test, match: {tags: [test]}, suppress: "app test alerts"}
        """);
    assertTrue(tree.readsDocuments(), "a child reads tags");
    JsonObject none = new JsonObject();
    assertEquals(new Decision(List.of("soc"), Optional.empty(), List.of("app", "app-critical")),
        tree.route(alert("app", Severity.CRITICAL, none), ENABLED));
    assertEquals(new Decision(List.of("tickets"), Optional.empty(), List.of("app")),
        tree.route(alert("app", Severity.HIGH, none), ENABLED));
    assertEquals(new Decision(List.of("tickets"), Optional.empty(), List.of("app", "app-prod")),
        tree.route(alert("app", Severity.LOW, new JsonObject().put("tags", new JsonArray().add("prod"))), ENABLED),
        "a child without destinations sends where its parent does");
    assertEquals(new Decision(List.of(), Optional.of("app test alerts"), List.of("app", "app-test")),
        tree.route(alert("app", Severity.LOW, new JsonObject().put("tags", new JsonArray().add("test"))), ENABLED));
    assertEquals(List.of("archive"), destinations(tree, alert("elastic", Severity.CRITICAL, none)));
  }

  @Test
  @DisplayName("A rule without destinations inherits: a top-level one the default, a child its parent's suppression")
  void inheritance() {
    RoutingTree tree = tree("""
        routing:
          default: [archive]
          rules:
            - {name: claim-app, match: {source: [app]}}
            - name: quiet
              match: {source: [splunk]}
              suppress: "splunk is read elsewhere"
              routes: [{name: quiet-critical, match: {min_severity: critical}, destinations: [soc]}, {name: rest}]
            - {name: all, destinations: [soc]}
        """);
    assertEquals(List.of("archive"), destinations(tree, alert("app", Severity.CRITICAL, null)));
    assertEquals(List.of("soc"), destinations(tree, alert("splunk", Severity.CRITICAL, null)));
    assertEquals(new Decision(List.of(), Optional.of("splunk is read elsewhere"), List.of("quiet", "rest")),
        tree.route(alert("splunk", Severity.HIGH, null), ENABLED));
    assertEquals(List.of("soc"), destinations(tree, alert("elastic", Severity.INFO, null)));
  }

  @Test
  @DisplayName("A suppression sends the alert nowhere, also when an earlier rule with continue claimed it, and ends")
  void suppressWins() {
    RoutingTree tree = tree("""
        routing:
          rules:
            - {name: everything, destinations: [soc], continue: true}
            - {name: noisy, match: {fields: {rule.name: Noisy rule}}, suppress: "known noise, ticket SEC-12"}
            - {name: never-tried, destinations: [tickets]}
        """);
    Decision decision = tree.route(alert("elastic", Severity.CRITICAL, new JsonObject()
        .put("rule", new JsonObject().put("name", "Noisy rule"))), ENABLED);
    assertEquals(new Decision(List.of(), Optional.of("known noise, ticket SEC-12"), List.of("everything", "noisy")),
        decision);
    assertEquals(List.of("soc", "tickets"), destinations(tree, alert("elastic", Severity.CRITICAL, new JsonObject())));
  }

  @Test
  @DisplayName("A destination a rule names that is not enabled now is left out; the rule still claims the alert")
  void disabledDestinationsSkipped() {
    RoutingTree tree = tree("""
        routing:
          rules: [{name: paged, match: {min_severity: high}, destinations: [pagerduty, soc, tickets]}]
        """);
    assertEquals(List.of("soc", "tickets"), destinations(tree, alert("app", Severity.HIGH, null)));
    assertEquals(new Decision(List.of(), Optional.empty(), List.of("paged")),
        tree.route(alert("app", Severity.HIGH, null), List.of("archive")));
    assertEquals(List.of("archive"), tree.route(alert("app", Severity.LOW, null), List.of("archive")).destinations());
  }

  @Test
  @DisplayName("Documents are needed only when some rule, at any depth, reads fields, tags or tactics")
  void readsDocuments() {
    assertFalse(tree("routing: {rules: [{match: {source: [app], min_severity: low}, routes: [{}]}]}")
        .readsDocuments());
    for (String condition : List.of("{fields: {title: x}}", "{fields_regex: {title: x}}", "{tags: [x]}",
        "{mitre_tactic: [x]}")) {
      assertTrue(tree("routing: {rules: [{routes: [{routes: [{match: " + condition + "}]}]}]}").readsDocuments(),
          condition);
    }
  }

  @Test
  @DisplayName("A pattern that backtracks badly on a value gives up within its steps and does not match")
  void backtrackingBounded() {
    // Polynomial, not exponential, so the configuration lets it pass: on 64 characters, some 10^8 steps.
    RoutingTree tree = tree("""
        routing:
          default: []
          rules: [{name: slow, match: {fields_regex: {title: "x*x*x*x*x*x*y"}}, destinations: [soc]}]
        """);
    JsonObject doc = new JsonObject().put("title", "x".repeat(64));
    try (LogCapture log = LogCapture.attach()) {
      Decision decision = assertTimeoutPreemptively(Duration.ofSeconds(10),
          () -> tree.route(alert("app", Severity.HIGH, doc), ENABLED));
      assertEquals(List.of(), decision.destinations());
      assertTrue(log.text().contains("Routing: rule slow, fields_regex title gave up matching a value of 64 "
          + "characters; taken as no match"), log.text());
    }
    assertEquals(List.of("soc"), destinations(tree, alert("app", Severity.HIGH, doc.copy().put("title", "xxy"))));
  }

  private static void assertMatches(boolean expected, String match, JsonObject document) {
    RoutingTree tree = tree("routing: {default: [], rules: [{match: " + match + ", destinations: [soc]}]}");
    assertTrue(tree.readsDocuments());
    assertEquals(expected, !destinations(tree, alert("elastic", Severity.MEDIUM, document)).isEmpty(),
        match + " on " + document.encode());
  }

  private static JsonObject tactics(String... tactics) {
    return new JsonObject().put("mitre", new JsonObject().put("tactics", new JsonArray(List.of(tactics))));
  }

  private static List<String> destinations(RoutingTree tree, RoutedAlert alert) {
    return tree.route(alert, ENABLED).destinations();
  }

  private static RoutingTree tree(String routingYaml) {
    Map<String, Object> yaml = new Yaml().load(CONFIG + routingYaml);
    return RoutingTree.of(GatewayConfig.parse(new JsonObject(yaml), Map.of()).routing());
  }

  /** An alert as the stage loads it: with its document when one is given, else its columns alone. */
  private static RoutedAlert alert(String source, Severity severity, JsonObject document) {
    StoredAlert stored = new StoredAlert(UUID.randomUUID(), UUID.randomUUID(), source, severity, AlertStatus.OPEN,
        "key", Instant.now(), document == null ? null : document.encode());
    return RoutedAlert.of(stored);
  }
}
