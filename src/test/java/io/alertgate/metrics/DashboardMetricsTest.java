package io.alertgate.metrics;

import io.alertgate.config.GatewayConfig;
import io.alertgate.enrich.FakeIntel;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.alertgate.support.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Grafana dashboard and the Prometheus rules in docker/ name only series the gateway has: after traffic through
 * every stage (alerts enriched and delivered to a webhook, one destination refusing them into dead letters), each
 * alertgate_* name their PromQL uses is on /metrics. A histogram's _bucket, _count and _sum are series of their own
 * there, so they are looked up as written: a timer published without buckets has no _bucket, and a p99 panel on it
 * would stay empty.
 */
class DashboardMetricsTest {

  // Maven runs tests in the project's root.
  private static final Path DASHBOARD = Path.of("docker/grafana/dashboards/alertgate.json");
  private static final Path RULES = Path.of("docker/prometheus/alerts.yml");
  private static final Path DATASOURCE = Path.of("docker/grafana/provisioning/datasources/prometheus.yaml");
  private static final Pattern NAME = Pattern.compile("\\balertgate_[a-z0-9_]+");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");
  /** Labels whose values the gateway chooses from its configuration or a fixed list; none a sender sets. */
  private static final Set<String> BOUNDED_LABELS = Set.of("source", "outcome", "stage", "path", "destination",
      "result", "provider", "window", "le");

  private static FakeIntel intel;
  private static String scrape;

  @BeforeAll
  static void traffic() throws Exception {
    TestDatabase.truncate();
    intel = FakeIntel.start();
    JsonObject yaml = intel.yaml(2_000);
    yaml.getJsonObject("destinations").put("refusing", intel.refusingDestination());
    try (RunningGateway gw = RunningGateway.start(GatewayConfig.parse(yaml, Map.of()))) {
      for (int i = 0; i < 3; i++) {
        assertEquals(202, gw.await(FakeIntel.post(gw, "observed-" + i, "8.8.8." + (i + 1))).statusCode());
      }
      waitUntil(() -> intel.delivered.size() == 3
          && TestDatabase.count("SELECT count(*) FROM delivery WHERE status = 'dead'") == 3);
      scrape = gw.await(gw.client.get(gw.gateway.adminPort(), "127.0.0.1", "/metrics").send()).bodyAsString();
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (intel != null) {
      intel.close();
    }
  }

  @Test
  @DisplayName("Every alertgate_* series a dashboard panel queries is on /metrics after traffic")
  void dashboardSeriesExist() throws IOException {
    List<String> expressions = dashboard().stream().filter(object -> object.getValue("expr") instanceof String)
        .map(object -> object.getString("expr")).toList();
    assertMetricsExist(DASHBOARD, expressions);
  }

  @Test
  @DisplayName("Every alertgate_* series an alerting rule uses is on /metrics after traffic")
  void ruleSeriesExist() throws IOException {
    Map<String, List<Map<String, Object>>> rules = new Yaml().load(Files.readString(RULES));
    List<String> expressions = new ArrayList<>();
    for (Object group : (List<?>) rules.get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        expressions.add((String) ((Map<?, ?>) rule).get("expr"));
      }
    }
    assertMetricsExist(RULES, expressions);
  }

  @Test
  @DisplayName("The dashboard's panels read the data source Grafana is provisioned with")
  void dashboardUsesTheProvisionedDataSource() throws IOException {
    Map<String, List<Map<String, Object>>> provisioned = new Yaml().load(Files.readString(DATASOURCE));
    Object uid = provisioned.get("datasources").get(0).get("uid");
    Set<String> used = new TreeSet<>();
    dashboard().stream().filter(object -> object.getValue("datasource") instanceof JsonObject)
        .forEach(object -> used.add(object.getJsonObject("datasource").getString("uid")));
    assertEquals(Set.of(uid), used);
  }

  @Test
  @DisplayName("The gateway's own series are named alertgate_*_total for counters and *_seconds for timers, and are"
      + " labelled only by what the configuration bounds")
  void namedAndLabelledByConvention() {
    List<String> problems = new ArrayList<>();
    for (String line : scrape.lines().toList()) {
      String[] type = line.split(" ");
      if (line.startsWith("# TYPE alertgate_")) {
        String name = type[2];
        boolean named = switch (type[3]) {
          case "counter" -> name.endsWith("_total");
          case "histogram", "summary" -> name.endsWith("_seconds");
          default -> true;
        };
        if (!named || !name.matches("[a-z0-9_]+")) {
          problems.add(line);
        }
      } else if (line.startsWith("alertgate_") && line.contains("{")) {
        Matcher label = LABEL.matcher(line.substring(line.indexOf('{'), line.lastIndexOf('}')));
        while (label.find()) {
          if (!BOUNDED_LABELS.contains(label.group(1))) {
            problems.add(label.group(1) + " in " + line);
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  private static void assertMetricsExist(Path file, List<String> expressions) {
    Set<String> onMetrics = new TreeSet<>();
    scrape.lines().filter(line -> line.startsWith("alertgate_"))
        .forEach(line -> onMetrics.add(line.split("[{ ]", 2)[0]));
    Set<String> used = new TreeSet<>();
    for (String expression : expressions) {
      Matcher name = NAME.matcher(expression);
      while (name.find()) {
        used.add(name.group());
      }
    }
    assertTrue(used.size() >= 5, file + " names only " + used);
    Set<String> missing = new TreeSet<>(used);
    missing.removeAll(onMetrics);
    assertEquals(Set.of(), missing, file + " uses series that /metrics does not have; it has " + onMetrics);
  }

  /** Every object in a dashboard's JSON, at any depth: panels, rows' panels, their targets and data sources. */
  private static List<JsonObject> objects(Object node) {
    List<JsonObject> found = new ArrayList<>();
    if (node instanceof JsonObject object) {
      found.add(object);
      object.forEach(entry -> found.addAll(objects(entry.getValue())));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> found.addAll(objects(item)));
    }
    return found;
  }

  private static List<JsonObject> dashboard() throws IOException {
    return objects(new JsonObject(Files.readString(DASHBOARD)));
  }
}
