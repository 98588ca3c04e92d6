package io.alertgate.admin;

import io.alertgate.support.FuzzTries;
import io.alertgate.support.FuzzedGateway;
import io.alertgate.support.HostileJson;
import io.alertgate.support.RawAnswer;
import io.alertgate.support.RawHttp;
import io.alertgate.support.TestConfigs;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The admin listings' query parameters, as a stranger holding a token could write them: any value for each
 * parameter a listing takes, names in any case, unknown names, and escapes that do not decode. Every answer is a
 * 200 listing or a 400 JSON error (a 414 when the line is too long), never a 500, and never shows a secret.
 */
@AddLifecycleHook(FuzzTries.class)
class AdminQueryFuzzTest {

  /** Each listing, and the parameters it reads. */
  private static final Map<String, List<String>> LISTINGS = Map.of(
      "/api/v1/alerts", List.of("source", "severity", "status", "since", "inbound_id", "cursor", "limit"),
      "/api/v1/deliveries", List.of("status", "destination", "cursor", "limit"),
      "/api/v1/inbound", List.of("status", "source", "cursor", "limit"),
      "/api/v1/audit", List.of("token_id", "cursor", "limit"),
      "/api/integrations", List.of("cursor", "limit"),
      "/api/v1/stats", List.of());
  private static final List<String> RAW = List.of("%", "%zz", "%4", "%00", "%ED%A0%80", "%C0%AF", "%FF%FE", "+",
      "&", "==", "a=b=c", "%25", "%2B", "..%2F", "%E2%80%AE", "%F0%9F%98%80", ";", "[]", "%0D%0A");
  private static final List<String> VALUES = List.of("elastic", "high", "open", "dead", "failed", "pending",
      "2024-06-05T09:40:12Z", "00000000-0000-7000-8000-000000000000", "0", "1", "500", "501", "9999", "-1",
      "00000000-0000-0000-0000-00000000000G", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z");

  /** One query parameter as written on the request line. */
  record Parameter(String name, String value, boolean raw) {
    String written() {
      return raw ? name + "=" + value
          : URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  @Property(tries = 40)
  @Label("Any value for a listing's parameters, in any case: a 200 listing or a 400 naming it, never a 500")
  void anyValues(@ForAll("listings") String path, @ForAll("known") List<Parameter> parameters) throws Exception {
    String query = parameters.stream().map(Parameter::written).collect(Collectors.joining("&"));
    get(path + (query.isEmpty() ? "" : "?" + query)).assertWellFormed(List.of(200, 400, 414), TestConfigs.SECRETS);
  }

  @Property(tries = 25)
  @Label("An unknown parameter or a query that does not decode: a 400 JSON error, never a 500")
  void unknownOrUndecodable(@ForAll("listings") String path, @ForAll("junk") String query) throws Exception {
    get(path + "?" + query).assertWellFormed(List.of(200, 400, 414), TestConfigs.SECRETS);
  }

  @Provide
  Arbitrary<String> listings() {
    return Arbitraries.of(LISTINGS.keySet().stream().sorted().toList());
  }

  @Provide
  Arbitrary<List<Parameter>> known() {
    Arbitrary<String> names = Arbitraries.of(LISTINGS.values().stream().flatMap(List::stream).distinct().toList())
        .flatMap(name -> Arbitraries.of(name, name.toUpperCase(Locale.ROOT), "x" + name));
    Arbitrary<String> values = Arbitraries.<String>frequencyOf(HostileJson.weighted(2, Arbitraries.of(VALUES)),
        HostileJson.weighted(3, HostileJson.strings()));
    Arbitrary<Parameter> encoded = Combinators.combine(names, values).as((name, value) ->
        new Parameter(name, value, false));
    Arbitrary<Parameter> raw = Combinators.combine(names, Arbitraries.of(RAW)).as((name, value) ->
        new Parameter(name, value, true));
    return Arbitraries.<Parameter>frequencyOf(HostileJson.weighted(4, encoded), HostileJson.weighted(1, raw))
        .list().ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> junk() {
    Arbitrary<String> pieces = Arbitraries.oneOf(Arbitraries.of(RAW),
        Arbitraries.strings().withChars("abcXYZ09-._~!$'()*,;:@/?%=&+").ofMaxLength(12),
        HostileJson.strings().map(text -> URLEncoder.encode(text, StandardCharsets.UTF_8)));
    return pieces.list().ofMinSize(1).ofMaxSize(5).map(list -> String.join("", list));
  }

  private static RawAnswer get(String target) throws Exception {
    return RawAnswer.parse(RawHttp.call(FuzzedGateway.get().gateway.adminPort(), "GET", target,
        Map.of("Authorization", "Bearer " + TestConfigs.ADMIN_TOKEN), null));
  }
}
