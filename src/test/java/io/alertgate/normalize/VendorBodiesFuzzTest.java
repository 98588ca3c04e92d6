package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alertgate.support.FuzzTries;
import io.alertgate.support.HostileJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.io.IOException;
import java.util.Objects;

/**
 * Every vendor's normalizer against bodies a stranger could post: any JSON tree, hostile values at the paths it
 * reads, and its real fixtures mutated. Each either gives alerts that write as JSON and fit the alert schema, or
 * refuses with a {@link NormalizationException} that says why; any other exception is a bug. jqwik shrinks a
 * failing body and prints the seed that replays it.
 */
@AddLifecycleHook(FuzzTries.class)
class VendorBodiesFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A body meant for one vendor's source, as the stage reads it: parsed from the bytes it was stored as. */
  record Case(VendorTarget target, JsonNode body) {

    /** Null for a tree that cannot travel as JSON text (nested too deep, or NaN), and so never reaches a parser. */
    static Case sent(VendorTarget target, JsonNode tree) {
      try {
        return new Case(target, JSON.readTree(JSON.writeValueAsBytes(tree)));
      } catch (IOException unsendable) {
        return null;
      }
    }

    @Override
    public String toString() {
      String text = body.toString();
      return target + " " + (text.length() <= 600 ? text : text.substring(0, 600) + "...");
    }
  }

  @Property(tries = 60)
  @Label("Any JSON tree: alerts that fit the schema, or a clear refusal")
  void anyTree(@ForAll("trees") Case sent) throws Exception {
    normalizes(sent);
  }

  @Property(tries = 60)
  @Label("Hostile values at the paths a normalizer reads, flat or nested: alerts that fit, or a clear refusal")
  void hostileValuesAtKnownPaths(@ForAll("planted") Case sent) throws Exception {
    normalizes(sent);
  }

  @Property(tries = 60)
  @Label("A vendor's real payload, mutated: alerts that fit the schema, or a clear refusal")
  void mutatedFixtures(@ForAll("mutated") Case sent) throws Exception {
    normalizes(sent);
  }

  @Provide
  Arbitrary<Case> trees() {
    return targets().flatMap(target -> HostileJson.values(3, target.keys()).map(body -> Case.sent(target, body)))
        .filter(Objects::nonNull);
  }

  @Provide
  Arbitrary<Case> planted() {
    return targets().flatMap(target -> Arbitraries.of(target.paths()).flatMap(path ->
        Arbitraries.integers().between(0, 2).list().ofSize(target.paths().size()).flatMap(ways ->
            HostileJson.values(2, target.keys()).list().ofSize(target.paths().size()).map(values -> {
              ObjectNode document = JSON.createObjectNode();
              for (int i = 0; i < values.size(); i++) {
                // Left out, as one flat dotted key, or as nested objects: vendors send both shapes.
                if (ways.get(i) > 0) {
                  JsonTrees.plant(document, target.paths().get(i), ways.get(i) == 1, values.get(i));
                }
              }
              return Case.sent(target, document);
            })))).filter(Objects::nonNull);
  }

  @Provide
  Arbitrary<Case> mutated() {
    return targets().flatMap(target -> Arbitraries.of(target.fixtures()).flatMap(fixture ->
        JsonTrees.mutations(target.keys()).list().ofMinSize(1).ofMaxSize(4).map(mutations -> {
          JsonNode body = target.fixture(fixture);
          for (JsonTrees.Mutation mutation : mutations) {
            body = mutation.apply(body);
          }
          return Case.sent(target, body);
        }))).filter(Objects::nonNull);
  }

  private static Arbitrary<VendorTarget> targets() {
    return Arbitraries.of(VendorTarget.all());
  }

  private static void normalizes(Case sent) throws Exception {
    AlertsOrRefusal.check(sent.target().vendor(), sent.target().normalizer(), sent.body());
  }
}
