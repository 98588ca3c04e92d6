package io.alertgate.config;

import io.alertgate.alert.Severity;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code routing} section: read into plain records, and every wrong value named by its path. */
class RoutingSettingsTest {

  // A source besides the built-in ones, and two destinations, one of them off; the routing under test is appended.
  private static final String DESTINATIONS = """
      sources:
        app: {auth: {type: none}}
      destinations:
        soc: {type: webhook, url: "https://soc.example/hook"}
        archive: {type: webhook, url: "https://archive.example/hook", enabled: false}
      """;

  @Test
  @DisplayName("Without a routing section: no rules and no default, so every alert goes to every enabled destination")
  void absent() {
    RoutingSettings routing = GatewayConfig.parse(new JsonObject(), Map.of()).routing();
    assertEquals(RoutingSettings.everyAlertEverywhere(), routing);
    assertEquals(Optional.empty(), routing.defaults());
  }

  @Test
  @DisplayName("Every condition, child routes, continue and suppress are read; a rule without a name is named by place")
  void readsTheTree() {
    RoutingSettings routing = routing("""
        routing:
          default: [archive]
          rules:
            - name: drop-tests
              match: {tags: [test]}
              suppress: "test alerts"
            - match:
                source: [elastic, app]
                min_severity: HIGH
                fields: {rule.name: "Encoded PowerShell", raw.risk_score: 73, source_type: detection_alert}
                fields_regex: {title: "(?i).*ransom.*"}
                tags: [prod, edr]
                mitre_tactic: [TA0001, Lateral Movement]
              destinations: [soc, pagerduty, soc]
              continue: yes
              routes:
                - name: crit
                  match: {min_severity: critical}
                  destinations: [jira]
                - match: {}
        """);
    assertEquals(Optional.of(List.of("archive")), routing.defaults());
    RuleConfig drop = routing.rules().get(0);
    assertEquals("drop-tests", drop.name());
    assertEquals(Optional.of("test alerts"), drop.suppress());
    assertEquals(List.of("test"), drop.match().tags());
    RuleConfig main = routing.rules().get(1);
    assertEquals("rules[1]", main.name());
    assertEquals(List.of("soc", "pagerduty"), main.destinations(), "in order, each once");
    assertTrue(main.continues());
    MatchConfig match = main.match();
    assertEquals(List.of("elastic", "app"), match.sources());
    assertEquals(Optional.of(Severity.HIGH), match.minSeverity());
    assertEquals(Map.of("rule.name", "Encoded PowerShell", "raw.risk_score", "73", "source_type", "detection_alert"),
        match.fields());
    assertEquals("(?i).*ransom.*", match.fieldsRegex().get("title").pattern());
    assertEquals(List.of("prod", "edr"), match.tags());
    assertEquals(List.of("TA0001", "Lateral Movement"), match.mitreTactics());
    assertEquals(List.of("crit", "rules[1].routes[1]"), main.routes().stream().map(RuleConfig::name).toList());
    assertEquals(List.of("jira"), main.routes().get(0).destinations());
    assertEquals(MatchConfig.everything(), main.routes().get(1).match());
    assertEquals(List.of(), main.routes().get(1).destinations(), "inherits its parent's");
  }

  @Test
  @DisplayName("A destination in the file (also one switched off) or one the admin API can add may be named")
  void destinationsThatMayBeNamed() {
    for (String name : List.of("soc", "archive", "jira", "pagerduty", "stackstorm", "webhook")) {
      assertDoesNotThrow(() -> routing("routing: {default: [" + name + "], rules: [{destinations: [" + name
          + "]}]}"), name);
    }
  }

  @Test
  @DisplayName("A destination that is neither in the file nor one the admin API can add stops the start, by path")
  void unknownDestinations() {
    String neither = "', which is neither a destination of the destinations section nor one the admin API can add "
        + "(jira, pagerduty, stackstorm, webhook)";
    assertProblem("routing.rules[2].destinations[0] is 'nowhere" + neither, """
        routing:
          rules:
            - destinations: [soc]
            - destinations: [soc]
            - destinations: [nowhere, soc]
        """);
    assertProblem("routing.default[1] is 'SOC" + neither, "routing: {default: [soc, SOC]}");
    assertProblem("routing.rules[0].routes[0].destinations[0] is 'opsgenie" + neither,
        "routing: {rules: [{match: {}, routes: [{destinations: [opsgenie]}]}]}");
  }

  @Test
  @DisplayName("Values of the wrong type are named by their path")
  void wrongTypes() {
    assertProblem("routing must be a section of keys", "routing: [soc]");
    assertProblem("routing.rules must be a list of rules", "routing: {rules: {destinations: [soc]}}");
    assertProblem("routing.rules[0] must be a rule: a section with match and destinations or suppress",
        "routing: {rules: [soc]}");
    assertProblem("routing.rules[0] must be a rule: a section with match and destinations or suppress",
        "routing: {rules: [~]}");
    assertProblem("routing.rules[0].match must be a section of keys", "routing: {rules: [{match: [a]}]}");
    assertProblem("routing.rules[0].destinations must be a list of strings",
        "routing: {rules: [{destinations: {soc: yes}}]}");
    assertProblem("routing.rules[0].destinations[1] must be a non-empty string",
        "routing: {rules: [{destinations: [soc, 7]}]}");
    assertProblem("routing.rules[0].continue must be true or false, got 'maybe'",
        "routing: {rules: [{destinations: [soc], continue: maybe}]}");
    assertProblem("routing.rules[0].match.tags[0] must be a non-empty string",
        "routing: {rules: [{match: {tags: [{a: b}]}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].match.fields must be a section of keys",
        "routing: {rules: [{match: {fields: [title]}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].match.fields.rule must be a single value, not a list or a section",
        "routing: {rules: [{match: {fields: {rule: {name: x}}}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].match.fields.title must be a value to compare, not empty",
        "routing: {rules: [{match: {fields: {title: ~}}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].match.min_severity must be a single value, not a list or a section",
        "routing: {rules: [{match: {min_severity: [high]}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].suppress must be text of 1 to 500 characters on one line",
        "routing: {rules: [{suppress: \"\"}]}");
    assertProblem("routing.rules[0].suppress must be text of 1 to 500 characters on one line",
        "routing: {rules: [{suppress: \"" + "x".repeat(501) + "\"}]}");
  }

  @Test
  @DisplayName("A key a rule, its match or the section does not have is named, with the keys there are")
  void unknownKeys() {
    assertProblem("routing.rule is not a routing setting (default, rules)", "routing: {rule: []}");
    assertProblem("routing.rules[1].destination is not a rule's key (continue, destinations, match, name, routes, "
        + "suppress)", "routing: {rules: [{destinations: [soc]}, {destination: [soc]}]}");
    assertProblem("routing.rules[0].match.severity is not a match condition (fields, fields_regex, min_severity, "
        + "mitre_tactic, source, tags, verdict)",
        "routing: {rules: [{match: {severity: high}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].routes[0].match.sources is not a match condition (fields, fields_regex, "
        + "min_severity, mitre_tactic, source, tags, verdict)",
        "routing: {rules: [{routes: [{match: {sources: [elastic]}}]}]}");
    // What a hostile key holds is not printed as it is.
    assertProblem("routing.rules[0].na?me is not a rule's key (continue, destinations, match, name, routes, suppress)",
        "routing: {rules: [{\"na\\nme\": x}]}");
  }

  @Test
  @DisplayName("A severity, source or document path that does not exist is named")
  void unknownNames() {
    assertProblem("routing.rules[0].match.min_severity must be one of critical, high, medium, low, info, "
        + "got 'severe'", "routing: {rules: [{match: {min_severity: severe}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].match.source[1] is 'elastik', which is not a configured source (app, elastic, "
        + "sentinel, splunk)", "routing: {rules: [{match: {source: [elastic, elastik]}, destinations: [soc]}]}");
    String notAPath = " is not a path in the alert document: dotted, starting at one of its fields (correlation_key, "
        + "description, enrichment, event_id, id, inbound_id, indicators, ingested_at, links, mitre, raw, rule, "
        + "severity, "
        + "source, source_type, status, tags, timestamp, title, vendor_severity), such as rule.name";
    assertProblem("routing.rules[0].match.fields.titel" + notAPath,
        "routing: {rules: [{match: {fields: {titel: x}}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].match.fields_regex.rule..name" + notAPath,
        "routing: {rules: [{match: {fields_regex: {rule..name: x}}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].match.fields.raw." + notAPath,
        "routing: {rules: [{match: {fields: {\"raw.\": x}}, destinations: [soc]}]}");
  }

  @Test
  @DisplayName("Destinations beside suppress, an empty list, continue beside suppress: each refused with its reason")
  void contradictions() {
    assertProblem("routing.rules[0] has both destinations and suppress; a rule sends what it claims somewhere or "
        + "nowhere", "routing: {rules: [{destinations: [soc], suppress: noise}]}");
    assertProblem("routing.rules[0].destinations is empty; to send an alert nowhere, give suppress a reason",
        "routing: {rules: [{destinations: []}]}");
    assertProblem("routing.rules[0].continue has no effect beside suppress: a suppressed alert goes nowhere, "
        + "whatever later rules say", "routing: {rules: [{suppress: noise, continue: true}]}");
  }

  @Test
  @DisplayName("Names: no comma (matches are recorded comma-joined), none twice, not even a place's name")
  void names() {
    assertProblem("routing.rules[0].name must not hold a comma: the rules an alert matched are recorded comma-joined",
        "routing: {rules: [{name: \"a,b\", destinations: [soc]}]}");
    assertProblem("routing.rules[1].routes[0].name is 'edr', the name of routing.rules[0] too; each rule's name must "
        + "be its own", "routing: {rules: [{name: edr}, {routes: [{name: edr}]}]}");
    assertProblem("routing.rules[1].name is 'rules[0]', the name of routing.rules[0] too; each rule's name must be "
        + "its own", "routing: {rules: [{}, {name: \"rules[0]\"}]}");
    assertProblem("routing.rules[0].name must be text of 1 to 100 characters on one line",
        "routing: {rules: [{name: \"line\\nbreak\"}]}");
  }

  @Test
  @DisplayName("An invalid pattern is named with the parser's reason")
  void invalidRegex() {
    assertProblem("routing.rules[0].match.fields_regex.title is not a valid regular expression: Unclosed group "
        + "at index 9", "routing: {rules: [{match: {fields_regex: {title: \"(unclosed\"}}, destinations: [soc]}]}");
    assertProblem("routing.rules[0].match.fields_regex.title is longer than 1000 characters",
        "routing: {rules: [{match: {fields_regex: {title: \"" + "a".repeat(1001) + "\"}}, destinations: [soc]}]}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"(a+)+$", "^(a*)*b", "(x|xx)*", "(a?){25}a{25}", "((ab)*c)+", "(\\w+\\s?)+!", "(.*a){12}",
      "(a+){2,}", "(a+)+?", "(?:\\d|\\w)+", "(\\w+)@\\1", "(?<w>x+)\\k<w>", "(\\d+\\.)+\\d+"})
  @DisplayName("A pattern that can backtrack without end is refused, saying how")
  void catastrophicRegex(String regex) {
    ConfigException refused = assertThrows(ConfigException.class, () -> regexRule(regex));
    assertTrue(refused.getMessage().startsWith("Invalid configuration: routing.rules[0].match.fields_regex.title "
        + "could take exponential time on a long value: it "), refused.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"(?i).*ransom(ware)?.*", "\\d+(?>\\.\\d+)*", "(\\d+\\.)++\\d+", "(a++b?+)+", "[(+*]+x",
      "\\Q(a+)+\\E", "\\p{L}+ \\p{IsHan}{2}", "(ab)+", "(\\d{4}-)+", "(?i)(?:prod|production)-.*", "[\\]()|]+",
      "a{2}b{1,}", "\\x{1F600}+", "(?<name>ab)+", "(?>a|ab)+c", "Überwachung.*監視",
      "(?x) a+ # a comment ) with { a brace", "(?x) b # ( [ {"})
  @DisplayName("Patterns that do not nest repetition, or nest it possessively or atomically, are accepted")
  void harmlessRegex(String regex) {
    assertEquals(regex, assertDoesNotThrow(() -> regexRule(regex)).pattern());
  }

  @Test
  @DisplayName("Routes nest eight levels at most, and a tree has a thousand rules at most")
  void bounded() {
    String eight = "{destinations: [soc]}";
    for (int level = 1; level < 8; level++) {
      eight = "{routes: [" + eight + "]}";
    }
    String nested = eight;
    assertDoesNotThrow(() -> routing("routing: {rules: [" + nested + "]}"));
    assertProblem("routing.rules[0]" + ".routes[0]".repeat(7) + ".routes nests rules deeper than 8 levels",
        "routing: {rules: [{routes: [" + nested + "]}]}");
    String many = String.join(", ", Collections.nCopies(1001, "{destinations: [soc]}"));
    assertProblem("routing.rules has more than 1000 rules in all", "routing: {rules: [" + many + "]}");
  }

  @Test
  @DisplayName("Document paths start at the alert schema's own fields")
  void documentFieldsAreTheSchemas() throws Exception {
    JsonObject schema = new JsonObject(Files.readString(Path.of("src/main/resources/schema/alert.schema.json")));
    Set<String> properties = new HashSet<>(schema.getJsonObject("properties").fieldNames());
    // Added by the admin API when it answers, never stored.
    properties.remove("deliveries");
    assertEquals(properties, RuleReader.DOCUMENT_FIELDS);
  }

  @Test
  @DisplayName("The README's routing example and the one commented out in conf/alertgate.yaml are valid as written")
  void documentedExamples() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int section = readme.indexOf("### Routing rules");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    RoutingSettings fromReadme = GatewayConfig.parse(yaml(readme.substring(start, readme.indexOf("```", start))),
        Map.of()).routing();
    assertEquals(List.of("drop-test-alerts", "critical", "elastic-prod"),
        fromReadme.rules().stream().map(RuleConfig::name).toList());

    // The file's commented destinations and routing sections, uncommented.
    StringBuilder uncommented = new StringBuilder();
    boolean inBlock = false;
    for (String line : Files.readAllLines(Path.of("conf/alertgate.yaml"))) {
      inBlock = line.equals("# destinations:") || line.equals("# routing:") || inBlock && line.startsWith("#  ");
      if (inBlock) {
        uncommented.append(line.substring(2)).append('\n');
      }
    }
    RoutingSettings fromConf = GatewayConfig.parse(yaml(uncommented.toString()), Map.of()).routing();
    assertEquals(List.of("drop-test-alerts", "critical", "elastic-prod"),
        fromConf.rules().stream().map(RuleConfig::name).toList());
  }

  @Test
  @DisplayName("Read from a YAML file: dotted keys stay whole, and a wrong rule stops the load naming its path")
  void fromYamlFile(@TempDir Path dir) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Path file = dir.resolve("gw.yaml");
      Files.writeString(file, DESTINATIONS + """
          routing:
            rules:
              - match:
                  fields: {rule.name: "Überwachung 監視 🚨"}
                  fields_regex: {raw.kibana.alert.rule.name: "^Prod-.*"}
                destinations: [soc]
          """);
      GatewayConfig config = ConfigLoader.load(vertx, Map.of("ALERTGATE_CONFIG", file.toString()))
          .await(20, TimeUnit.SECONDS);
      MatchConfig match = config.routing().rules().get(0).match();
      assertEquals(Map.of("rule.name", "Überwachung 監視 🚨"), match.fields());
      assertEquals(Set.of("raw.kibana.alert.rule.name"), match.fieldsRegex().keySet());

      Files.writeString(file, DESTINATIONS + "routing:\n  rules:\n    - destinations: [soc]\n"
          + "    - destinations: [x]\n");
      Exception wrong = assertThrows(Exception.class, () -> ConfigLoader.load(vertx,
          Map.of("ALERTGATE_CONFIG", file.toString())).await(20, TimeUnit.SECONDS));
      assertTrue(wrong.getMessage().startsWith("Invalid configuration: routing.rules[1].destinations[0] is 'x'"),
          wrong.getMessage());
      assertFalse(wrong.getMessage().contains("\n"));
    } finally {
      vertx.close();
    }
  }

  private static Pattern regexRule(String regex) {
    JsonObject yaml = yaml(DESTINATIONS);
    yaml.put("routing", new JsonObject().put("rules", new JsonArray().add(new JsonObject()
        .put("match", new JsonObject().put("fields_regex", new JsonObject().put("title", regex)))
        .put("destinations", new JsonArray().add("soc")))));
    return GatewayConfig.parse(yaml, Map.of()).routing().rules().get(0).match().fieldsRegex().get("title");
  }

  private static RoutingSettings routing(String routingYaml) {
    return GatewayConfig.parse(yaml(DESTINATIONS + routingYaml), Map.of()).routing();
  }

  private static void assertProblem(String expected, String routingYaml) {
    ConfigException error = assertThrows(ConfigException.class, () -> routing(routingYaml));
    assertEquals("Invalid configuration: " + expected, error.getMessage());
  }

  /** YAML text as vertx-config reads it: nested maps become sections and lists become lists. */
  private static JsonObject yaml(String text) {
    Map<String, Object> tree = new Yaml().load(text);
    return new JsonObject(tree);
  }
}
