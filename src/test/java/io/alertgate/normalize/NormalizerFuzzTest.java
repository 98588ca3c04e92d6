package io.alertgate.normalize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Random documents, with random values planted at the paths each vendor's normalizer reads: a normalizer either
 * gives alerts that write as JSON and fit the alert schema, or refuses with a {@link NormalizationException},
 * never anything else. Seeded, so a failure names a seed that replays it; bounded in count and time.
 */
class NormalizerFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DOCUMENTS = 1500;
  private static final long BUDGET_MILLIS = 3000;
  private static final String[] SCALARS = {"1e999", "-1e999", "1e400", "123456789012345678901234567890", "-0.0",
      "-0", "0", "NaN", "\"Infinity\"", "74", "48.5", "1717580412", "1717580412000", "\"1717580412.5\"", "true",
      "null", "\"\"", "\"  \"", "\"high\"", "\"Critical\"", "\"2024-06-05T09:40:12Z\"", "\"203.0.113.45\"",
      "\"caf\\u00e9 \\u2603 \\ud83d\\ude00\"", "\"\\u0000\"", "\"T1110.003\"", "\"{\\\"a\\\": [1e999]}\"", "[]",
      "{}", "[1e999, \"x\", null]", "\"d41d8cd98f00b204e9800998ecf8427e\"", "\"https://example.com/a?b=1\""};

  static Stream<Arguments> vendors() {
    return VendorTarget.all().stream().map(target -> Arguments.of(target.vendor(), target.normalizer(),
        target.paths()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vendors")
  @DisplayName("Any document, hostile values at the known paths: alerts that write as JSON, or a clear refusal")
  void neverThrowsOtherwise(String vendor, Normalizer normalizer, List<String> paths) throws IOException {
    long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
    for (int seed = 0; seed < DOCUMENTS && System.currentTimeMillis() < deadline; seed++) {
      Random random = new Random(seed);
      JsonNode body = random.nextInt(8) == 0 ? value(random, 3) : document(random, paths);
      try {
        AlertsOrRefusal.check(vendor, normalizer, body);
      } catch (RuntimeException e) {
        fail(vendor + " seed " + seed + " threw " + e + " for " + abbreviate(body), e);
      }
    }
  }

  private static JsonNode document(Random random, List<String> paths) throws IOException {
    JsonNode tree = value(random, 3);
    ObjectNode document = tree.isObject() ? (ObjectNode) tree : JSON.createObjectNode();
    for (String path : paths) {
      if (random.nextInt(3) > 0) {
        JsonTrees.plant(document, path, random.nextBoolean(), value(random, 2));
      }
    }
    return document;
  }

  private static JsonNode value(Random random, int depth) throws IOException {
    int kind = depth == 0 ? 0 : random.nextInt(4);
    if (kind == 0 || kind == 1) {
      String scalar = SCALARS[random.nextInt(SCALARS.length)];
      return scalar.equals("NaN") ? JSON.getNodeFactory().numberNode(Double.NaN) : JSON.readTree(scalar);
    }
    if (kind == 2) {
      var array = JSON.createArrayNode();
      for (int i = random.nextInt(4); i > 0; i--) {
        array.add(value(random, depth - 1));
      }
      return array;
    }
    ObjectNode object = JSON.createObjectNode();
    for (int i = random.nextInt(5); i > 0; i--) {
      object.set(random.nextBoolean() ? "k" + random.nextInt(5) : "\u00fc\u2603" + i, value(random, depth - 1));
    }
    return object;
  }

  private static String abbreviate(JsonNode body) {
    String text = body.toString();
    return text.length() <= 400 ? text : text.substring(0, 400) + "...";
  }
}
