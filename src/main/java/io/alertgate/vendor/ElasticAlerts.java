package io.alertgate.vendor;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.json.DottedKeys;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the alert documents are in what Kibana's webhook connector posts: the body itself, an array of them, or an
 * object holding them under {@code alerts}, {@code context.alerts} or {@code signals} (the rule author's template).
 */
public final class ElasticAlerts {

  private static final List<String> CONTAINERS = List.of("alerts", "context.alerts", "signals");

  private ElasticAlerts() {
  }

  public static List<JsonNode> of(JsonNode body) {
    List<JsonNode> alerts = new ArrayList<>();
    if (body.isArray()) {
      body.forEach(alerts::add);
      return alerts;
    }
    for (String container : CONTAINERS) {
      JsonNode list = DottedKeys.find(body, container);
      if (list != null && list.isArray()) {
        list.forEach(alerts::add);
        return alerts;
      }
    }
    alerts.add(body);
    return alerts;
  }

  /** The path of the i-th alert, for error messages. */
  public static String pathOf(JsonNode body, int index) {
    if (body.isArray()) {
      return "$[" + index + "]";
    }
    for (String container : CONTAINERS) {
      JsonNode list = DottedKeys.find(body, container);
      if (list != null && list.isArray()) {
        return container + "[" + index + "]";
      }
    }
    return "$";
  }
}
