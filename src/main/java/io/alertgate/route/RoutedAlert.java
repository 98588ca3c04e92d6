package io.alertgate.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.alertgate.alert.StoredAlert;

/**
 * An alert as the rules see it: its stored columns, and its document parsed where some rule reads fields of it.
 *
 * @param document the alert document of {@code alert.schema.json}; a missing node when it was not loaded, in which
 *                 no field is found
 */
public record RoutedAlert(StoredAlert alert, JsonNode document) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public RoutedAlert {
    document = document == null ? MissingNode.getInstance() : document;
  }

  /** The alert with its document parsed, when it was loaded with it; else with its columns alone. */
  public static RoutedAlert of(StoredAlert alert) {
    if (alert.document() == null) {
      return new RoutedAlert(alert, null);
    }
    try {
      return new RoutedAlert(alert, JSON.readTree(alert.document()));
    } catch (JsonProcessingException e) {
      // This alert's own fault, so said: Jackson's exception is an IOException, which the stage kit would take for a
      // passing fault of the connection and try again for ever.
      throw new IllegalStateException("alert " + alert.id() + " has a document that is not JSON", e);
    }
  }
}
