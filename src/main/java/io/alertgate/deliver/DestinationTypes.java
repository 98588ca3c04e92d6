package io.alertgate.deliver;

import io.alertgate.deliver.jira.JiraType;
import io.alertgate.deliver.webhook.WebhookType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every destination type the relay has: one line a type. */
public final class DestinationTypes {

  private static final Map<String, DestinationType<?>> TYPES = new LinkedHashMap<>();

  static {
    register(new JiraType());
    register(new WebhookType());
  }

  private DestinationTypes() {
  }

  private static void register(DestinationType<?> type) {
    TYPES.put(type.name(), type);
  }

  public static Optional<DestinationType<?>> named(String name) {
    return Optional.ofNullable(TYPES.get(name));
  }

  public static List<String> names() {
    return List.copyOf(TYPES.keySet());
  }
}
