package io.alertgate.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.support.HostileJson;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings an operator, or whoever holds an admin token, could send for a destination type: each of the type's
 * fields left out, right, or hostile, a few fields it does not have, and in every secret field a value marked
 * {@link #MARK}, so that a test can tell whether any answer or error repeats a secret.
 */
public final class DestinationSettingsFuzz {

  /** In every secret value sent: an answer holding it has repeated a secret. */
  public static final String MARK = "S3CR3T";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> PLAUSIBLE = List.of("https://example.com/hook", "http://127.0.0.1:1/x",
      "https://your-domain.atlassian.net", "SOC", "Task", "cloud", "server", "basic", "bearer", "POST", "core.local",
      "soc-bot@example.com", "high", "30", "");

  /** A type and settings for it, as a JSON object's text. */
  public record Sent(String type, String json) {
    public JsonObject settings() {
      return new JsonObject(json);
    }

    @Override
    public String toString() {
      return type + " " + (json.length() <= 600 ? json : json.substring(0, 600) + "...");
    }
  }

  private DestinationSettingsFuzz() {
  }

  public static Arbitrary<Sent> settings() {
    // Built once per type: a flatMap would otherwise build every type's generators again for each try.
    Map<String, Arbitrary<Sent>> byType = new HashMap<>();
    DestinationTypes.names().forEach(type -> byType.put(type, settings(type)));
    return Arbitraries.of(DestinationTypes.names()).flatMap(byType::get);
  }

  static Arbitrary<Sent> settings(String typeName) {
    DestinationType<?> type = DestinationTypes.named(typeName).orElseThrow();
    List<String> fields = type.fields();
    // One plain and one secret candidate for every field, each field taking the one its kind asks for: two lists
    // generate far faster than a chain of one arbitrary per field.
    Arbitrary<List<Optional<JsonNode>>> plain = values().optional(0.8).list().ofSize(fields.size());
    Arbitrary<List<Optional<JsonNode>>> secret = secretValues().optional(0.8).list().ofSize(fields.size());
    Arbitrary<List<Optional<JsonNode>>> all = Combinators.combine(plain, secret).as((p, s) -> {
      List<Optional<JsonNode>> chosen = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        boolean isSecret = type.secretFields().contains(fields.get(i))
            || type.maskedAddressFields().contains(fields.get(i));
        chosen.add(isSecret ? s.get(i) : p.get(i));
      }
      return chosen;
    });
    // Now and then, fields the type does not have, or the ones an answer adds beside the settings.
    Arbitrary<Optional<JsonNode>> extra = HostileJson.objects(HostileJson.scalars(), List.of("enabled", "type",
        "name", "configured", "managed_by", "updated_at")).optional(0.3);
    return Combinators.combine(all, extra).as((chosen, more) -> {
      ObjectNode object = NODES.objectNode();
      more.ifPresent(unknown -> object.setAll((ObjectNode) unknown));
      for (int i = 0; i < fields.size(); i++) {
        int at = i;
        chosen.get(i).ifPresent(value -> object.set(fields.get(at), value));
      }
      return text(object).map(json -> new Sent(typeName, json)).orElse(null);
    }).filter(Objects::nonNull);
  }

  private static Arbitrary<JsonNode> values() {
    return Arbitraries.<JsonNode>frequencyOf(HostileJson.weighted(2, Arbitraries.of(PLAUSIBLE).map(NODES::textNode)),
        HostileJson.weighted(1, Arbitraries.integers().between(-5, 100_000).map(NODES::numberNode)),
        HostileJson.weighted(3, HostileJson.values(1, List.of())));
  }

  /** A secret, of any type a sender may get wrong, always holding the mark somewhere. */
  private static Arbitrary<JsonNode> secretValues() {
    Arbitrary<String> marked = HostileJson.strings().map(text -> text.length() > 200 ? text.substring(0, 200) : text)
        .flatMap(text -> Arbitraries.of(MARK + text, text + MARK, "https://hooks.example.com/" + MARK + "?t=" + text,
            "http://" + MARK + ".example.com/x", MARK));
    return Arbitraries.oneOf(
        marked.map(NODES::textNode),
        marked.map(text -> NODES.arrayNode().add(text)),
        marked.map(text -> NODES.objectNode().put("X-Token", text).put("bad\nname", text)),
        marked.map(text -> NODES.objectNode().set("nested", NODES.objectNode().put("a", text))));
  }

  /** The text of a tree that can be sent as JSON (no NaN, no infinity), else none. */
  private static Optional<String> text(JsonNode tree) {
    try {
      String json = JSON.writeValueAsString(tree);
      new JsonObject(json);
      return Optional.of(json);
    } catch (IOException | RuntimeException unsendable) {
      return Optional.empty();
    }
  }
}
