package io.alertgate.admin;

import io.alertgate.deliver.DestinationType;
import io.alertgate.deliver.DestinationTypes;
import io.alertgate.deliver.SettingField;
import io.alertgate.deliver.TypeDescription;
import io.alertgate.enrich.Enrichment;
import io.alertgate.json.WireName;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code GET /api/integrations/available}: what an operator can create, each destination type with its category,
 * what it does, and its settings' fields (a secret field's kind is {@code secret}); and the enrichment providers,
 * listed so the catalogue is whole, which only the configuration file and the environment configure.
 */
final class IntegrationCatalogue {

  private final Supplier<List<Enrichment.ProviderHealth>> providers;

  IntegrationCatalogue(Supplier<List<Enrichment.ProviderHealth>> providers) {
    this.providers = providers;
  }

  void list(RoutingContext ctx) {
    JsonArray all = new JsonArray();
    DestinationTypes.names().forEach(name -> all.add(destination(DestinationTypes.named(name).orElseThrow())));
    providers.get().forEach(provider -> all.add(enrichment(provider.name())));
    IntegrationConfigRoutes.send(ctx, 200, new JsonObject().put("integrations", all));
  }

  private static JsonObject destination(DestinationType<?> type) {
    TypeDescription description = type.describe();
    JsonArray fields = new JsonArray();
    for (SettingField field : description.fields()) {
      boolean secret = type.secretFields().contains(field.name());
      JsonObject shown = new JsonObject()
          .put("name", field.name())
          .put("kind", secret && field.kind() == SettingField.Kind.STRING ? "secret" : field.kind().wireName())
          .put("required", field.required())
          .put("default", field.byDefault())
          .put("secret", secret);
      if (!field.choices().isEmpty()) {
        shown.put("choices", new JsonArray(field.choices()));
      }
      if (type.maskedAddressFields().contains(field.name())) {
        // Sealed at rest like a secret, and answered as scheme, host and port: its path may hold a token.
        shown.put("masked", true);
      }
      fields.add(shown);
    }
    return new JsonObject()
        .put("name", type.name())
        .put("type", description.category())
        .put("capabilities", new JsonArray(description.capabilities().stream().map(WireName::wireName).toList()))
        .put("description", description.summary())
        .put("configurable", true)
        .put("fields", fields);
  }

  private static JsonObject enrichment(String provider) {
    return new JsonObject()
        .put("name", provider)
        .put("type", "threat_intel")
        .put("capabilities", new JsonArray().add("enrich_indicators"))
        .put("description", "Enrichment provider: looks up alerts' indicators. Configured only by the configuration"
            + " file (enrichment." + provider + ") or the environment (" + provider.toUpperCase(Locale.ROOT)
            + "_API_KEY), not through this API")
        .put("configurable", false)
        .put("fields", new JsonArray());
  }
}
