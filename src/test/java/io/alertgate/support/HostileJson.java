package io.alertgate.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * What a stranger can put in a JSON document, as jqwik arbitraries: the strings and numbers senders get wrong or
 * craft (empty, blank, NUL, unpaired surrogates, right-to-left marks, megabyte strings, numbers past any range,
 * dates past year 9999), and trees of them, shallow and wide or deep.
 */
public final class HostileJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Jackson refuses documents nested deeper than 1000 before any parser of ours sees them. */
  private static final int MAX_PARSED_DEPTH = 900;
  private static final int MAX_PARSED_NAME = 50_000;
  private static final List<String> CRAFTED = List.of("", " ", "\u0000", "\t\n", "null", "NaN", "Infinity",
      "-Infinity", "1e999", "-1e999", "-0", "0", "-1", "1717580412", "1717580412000", "99999999999999999999",
      "9".repeat(400), "0x1F", "2024-06-05T09:40:12Z", "2024-06-05 09:40:12", "+999999999-12-31T23:59:59Z",
      "0000-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "2024-02-30T25:61:61Z", "high", "CRITICAL", "Informational",
      "\u202ehigh", "h\u0000igh", "203.0.113.45", "::1", "999.999.999.999", "10.0.0.1/33", "\uff11\uff19\uff12.0.2.1",
      "d41d8cd98f00b204e9800998ecf8427e", "https://example.com/a?b=1", "javascript:alert(1)", "http://[::1",
      "T1059.001", "TA0002", "\ud800", "\udc00x\ud800", "\ud83d\ude00", "caf\u00e9 \u2603", "{\"a\":[1e999]}",
      "@@notable@@", "\\", "\"", "%00", "${jndi:ldap://x}", "x".repeat(70_000));

  private HostileJson() {
  }

  /** Strings: crafted ones, any characters (surrogates and controls included), and long runs. */
  public static Arbitrary<String> strings() {
    Arbitrary<String> anyChars = Arbitraries.strings().all().ofMaxLength(40);
    Arbitrary<String> surrogates = Arbitraries.strings()
        .withCharRange('\ud800', '\udfff').withCharRange('\u0000', '\u001f').withChars("a.:/ ").ofMaxLength(12);
    Arbitrary<String> longRuns = Arbitraries.strings().withChars("a\u00e9\u6f22 9")
        .ofMinLength(1000).ofMaxLength(5_000);
    return Arbitraries.<String>frequencyOf(
        weighted(5, Arbitraries.of(CRAFTED)),
        weighted(4, anyChars),
        weighted(2, surrogates),
        weighted(1, longRuns));
  }

  /** Numbers of every JSON kind and range: small, at the edges of int and long, huge, non-finite. */
  public static Arbitrary<JsonNode> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, Double.MIN_VALUE,
            Double.MAX_VALUE, 1e11, 1.7e9, 1.7e12).map(NODES::numberNode),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
            .map(NODES::numberNode),
        Arbitraries.of("1e999", "-1e400", "1e-999", "123456789012345678901234567890.5")
            .map(text -> NODES.numberNode(new BigDecimal(text))));
  }

  /** Any scalar: a string, a number, a boolean or null. */
  public static Arbitrary<JsonNode> scalars() {
    return Arbitraries.<JsonNode>frequencyOf(
        weighted(5, strings().map(NODES::textNode)),
        weighted(3, numbers()),
        weighted(1, Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())));
  }

  /** Any value: a scalar, or arrays and objects of values down to the depth, keyed by the given names or junk. */
  public static Arbitrary<JsonNode> values(int depth, List<String> keys) {
    if (depth <= 0) {
      return scalars();
    }
    Arbitrary<JsonNode> inner = Arbitraries.lazy(() -> values(depth - 1, keys));
    return Arbitraries.<JsonNode>frequencyOf(
        weighted(4, scalars()),
        weighted(2, inner.list().ofMaxSize(4).map(HostileJson::array)),
        weighted(3, objects(inner, keys)),
        weighted(1, deep()));
  }

  /** Objects whose values come from the given arbitrary, keyed by the names a parser reads, or by junk. */
  public static Arbitrary<JsonNode> objects(Arbitrary<JsonNode> values, List<String> keys) {
    return Arbitraries.maps(names(keys), values).ofMaxSize(6).map(fields -> {
      ObjectNode object = NODES.objectNode();
      fields.forEach(object::set);
      return object;
    });
  }

  /** Field names: mostly the ones a parser reads, else junk. */
  public static Arbitrary<String> names(List<String> keys) {
    // Jackson refuses a name over 50,000 characters when it parses a body: no parser of ours sees a longer one.
    Arbitrary<String> junk = strings().filter(name -> name.length() <= MAX_PARSED_NAME);
    return keys.isEmpty() ? junk
        : Arbitraries.<String>frequencyOf(weighted(3, Arbitraries.of(keys)), weighted(1, junk));
  }

  /** A value buried in arrays or objects hundreds of levels down: what a recursive reader would overflow on. */
  public static Arbitrary<JsonNode> deep() {
    return Arbitraries.integers().between(50, MAX_PARSED_DEPTH).flatMap(depth -> scalars().map(leaf -> {
      JsonNode node = leaf;
      for (int i = 0; i < depth; i++) {
        node = i % 2 == 0 ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
      }
      return node;
    }));
  }

  private static ArrayNode array(List<JsonNode> items) {
    ArrayNode array = NODES.arrayNode();
    items.forEach(array::add);
    return array;
  }

  /** One choice of {@link Arbitraries#frequencyOf}, with its weight. */
  public static <T> Tuple2<Integer, Arbitrary<? extends T>> weighted(int weight, Arbitrary<? extends T> arbitrary) {
    return Tuple.of(weight, arbitrary);
  }
}
