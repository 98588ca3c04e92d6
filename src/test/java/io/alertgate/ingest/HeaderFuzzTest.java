package io.alertgate.ingest;

import io.alertgate.support.FuzzTries;
import io.alertgate.support.FuzzedGateway;
import io.alertgate.support.HostileJson;
import io.alertgate.support.RawAnswer;
import io.alertgate.support.RawHttp;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The ingest port's front door against any request headers, on a real server over a raw socket: any names (valid
 * tokens, junk, non-ASCII, repeated in another case) and any values, beside the right signature or without it.
 * Every answer is a whole response, a 2xx or a JSON error, never a 500, never a reset, and shows no secret.
 * Slower than the other fuzz tests, so it runs few tries in the default build.
 */
@AddLifecycleHook(FuzzTries.class)
class HeaderFuzzTest {

  private static final List<String> SOURCES = List.of("elastic", "splunk", "app", "open");
  private static final List<String> KNOWN = List.of("Content-Type", "X-Elastic-Signature", "webhook-id",
      "webhook-timestamp", "webhook-signature", "Authorization", "Content-Encoding", "Accept", "Accept-Encoding",
      "X-Forwarded-For", "Cookie", "User-Agent", "Host", "Trailer", "TE", "Content-Type");
  // Framing headers change where a request ends: a raw request that lies about it would wait for bytes never
  // sent. MalformedRequestTest holds the door to those.
  private static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection", "expect",
      "upgrade");
  private static final List<Integer> ANSWERS = IntStream.range(200, 500).boxed().toList();

  @Property(tries = 40)
  @Label("Any headers, beside a right signature or not: a 2xx or a JSON error, never a 500 or a reset")
  void anyHeaders(@ForAll("sources") String source, @ForAll("headers") Map<String, String> headers,
                  @ForAll boolean signed) throws Exception {
    String body = "{\"kibana.alert.uuid\":\"" + UUID.randomUUID() + "\",\"event\":{\"id\":\"" + UUID.randomUUID()
        + "\"},\"title\":\"caf\u00e9\"}";
    Map<String, String> sent = new LinkedHashMap<>();
    if (signed) {
      sent.putAll(signature(source, body));
    }
    sent.putAll(headers);
    String target = "/api/v1/webhooks/" + source + (signed && source.equals("splunk")
        ? "?token=" + TestConfigs.SPLUNK_TOKEN : "");
    int port = FuzzedGateway.get().gateway.ingestPort();
    RawAnswer answer = RawAnswer.parse(RawHttp.call(port, "POST", target, sent, body.getBytes(StandardCharsets.UTF_8)));
    answer.assertWellFormed(ANSWERS, TestConfigs.SECRETS);
  }

  @Provide
  Arbitrary<String> sources() {
    return Arbitraries.of(SOURCES);
  }

  @Provide
  Arbitrary<Map<String, String>> headers() {
    Arbitrary<String> names = Arbitraries.oneOf(
        Arbitraries.of(KNOWN).flatMap(name -> Arbitraries.of(name, name.toUpperCase(Locale.ROOT))),
        Arbitraries.strings().withChars("!#$%&'*+-.^_`|~").alpha().numeric().ofMinLength(1).ofMaxLength(40),
        HostileJson.strings().map(name -> name.length() > 100 ? name.substring(0, 100) : name))
        .filter(name -> !FRAMING.contains(name.toLowerCase(Locale.ROOT).trim()) && !name.contains("\n")
            && !name.contains("\r"));
    // A value never carries a line break: that would end the header and start another, framing ones included.
    Arbitrary<String> values = HostileJson.strings().map(value -> value.replace('\r', ' ').replace('\n', ' '));
    return Arbitraries.maps(names, values).ofMaxSize(6);
  }

  private static Map<String, String> signature(String source, String body) {
    long now = System.currentTimeMillis() / 1000;
    return switch (source) {
      case "elastic" -> Map.of("X-Elastic-Signature", "sha256=" + Signatures.hex(TestConfigs.ELASTIC_SECRET, body));
      case "app" -> standardWebhooks("msg_" + UUID.randomUUID(), now, body);
      default -> Map.of();
    };
  }

  private static Map<String, String> standardWebhooks(String id, long now, String body) {
    return Map.of("webhook-id", id, "webhook-timestamp", Long.toString(now),
        "webhook-signature", Signatures.standardWebhooks(TestConfigs.WHSEC, id, now, body));
  }
}
