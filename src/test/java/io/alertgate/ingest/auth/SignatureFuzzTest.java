package io.alertgate.ingest.auth;

import io.alertgate.config.AuthConfig;
import io.alertgate.config.AuthConfig.SignatureEncoding;
import io.alertgate.config.AuthScheme;
import io.alertgate.config.SourceConfig;
import io.alertgate.config.Vendor;
import io.alertgate.support.FuzzTries;
import io.alertgate.support.HostileJson;
import io.alertgate.support.Signatures;
import io.vertx.core.MultiMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Every scheme a source authenticates with, against header values a stranger chooses: whatever they hold (empty,
 * huge, non-ASCII, repeated, base64 junk, timestamps past any range), a request is either accepted because its
 * signature or token is right, or refused with an {@link AuthRejectedException}; nothing else is ever thrown.
 */
@AddLifecycleHook(FuzzTries.class)
class SignatureFuzzTest {

  private static final String SECRET = "fuzz-secret-\u00e9";
  private static final String OLD_SECRET = "fuzz-previous-secret";
  private static final String WHSEC = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String TOKEN = "fuzz-token";
  private static final long TOLERANCE = 300;
  private static final long NOW = 1_700_000_000L;
  private static final List<String> HEADERS = List.of("X-Signature", "webhook-id", "webhook-timestamp",
      "webhook-signature", "Authorization");

  @Property(tries = 200)
  @Label("Any header values, for any scheme: refused with a reason, never accepted, never another exception")
  void anyHeadersAreRefused(@ForAll("schemes") SourceAuthenticator auth, @ForAll("headers") MultiMap headers,
                            @ForAll("queryTokens") String queryToken, @ForAll byte[] body) {
    AuthRejectedException refused = assertThrows(AuthRejectedException.class,
        () -> auth.verify(new AuthRequest(headers, queryToken, body, NOW)));
    assertFalse(refused.code().isBlank() || refused.getMessage().isBlank(), "a refusal without a reason");
  }

  @Property(tries = 200)
  @Label("HMAC: a right signature over any body passes, in hex or base64, prefixed or not, padded with blanks")
  void rightHmacPasses(@ForAll byte[] body, @ForAll boolean base64, @ForAll boolean oldSecret,
                       @ForAll("prefixes") String prefix, @ForAll("blanks") String blank) {
    byte[] mac = Signatures.hmac((oldSecret ? OLD_SECRET : SECRET).getBytes(StandardCharsets.UTF_8), body);
    String digest = base64 ? Base64.getEncoder().encodeToString(mac) : HexFormat.of().formatHex(mac);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("X-Signature", blank + prefix + digest + blank);
    assertDoesNotThrow(() -> hmac(base64).verify(new AuthRequest(headers, null, body, NOW)));
  }

  @Property(tries = 100)
  @Label("Standard Webhooks: a right signature over any body and id, within the tolerance, passes among junk")
  void rightStandardWebhooksPasses(@ForAll byte[] body, @ForAll("webhookIds") String id,
                                   @ForAll @IntRange(min = -300, max = 300) int skew,
                                   @ForAll @Size(max = 14) List<@From("base64Junk") String> junk) {
    String signature = Signatures.standardWebhooks(WHSEC, id, NOW + skew, body);
    String header = String.join(" ", junk) + (junk.isEmpty() ? "" : " ") + signature;
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("webhook-id", id)
        .add("webhook-timestamp", Long.toString(NOW + skew)).add("webhook-signature", header);
    assertDoesNotThrow(() -> standardWebhooks().verify(new AuthRequest(headers, null, body, NOW)));
  }

  @Property(tries = 300)
  @Label("Standard Webhooks: any timestamp, rightly signed, passes only as 1 to 12 digits within the tolerance")
  void anyTimestamp(@ForAll("timestamps") String timestamp, @ForAll byte[] body) {
    String signature = Signatures.standardWebhooks(WHSEC, "msg_1", timestamp.trim(), body);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("webhook-id", "msg_1")
        .add("webhook-timestamp", timestamp).add("webhook-signature", signature);
    AuthRequest request = new AuthRequest(headers, null, body, NOW);
    String trimmed = timestamp.trim();
    if (trimmed.matches("[0-9]{1,12}") && Math.abs(Long.parseLong(trimmed) - NOW) <= TOLERANCE) {
      assertDoesNotThrow(() -> standardWebhooks().verify(request));
    } else {
      assertThrows(AuthRejectedException.class, () -> standardWebhooks().verify(request));
    }
  }

  @Property(tries = 100)
  @Label("Token: the right token passes as a bearer header in any case and padding, or as ?token=")
  void rightTokenPasses(@ForAll("bearers") String scheme, @ForAll("blanks") String blank, @ForAll boolean inQuery,
                        @ForAll byte[] body) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    if (!inQuery) {
      headers.add("Authorization", scheme + blank + TOKEN + blank);
    }
    assertDoesNotThrow(() -> token().verify(new AuthRequest(headers, inQuery ? TOKEN : null, body, NOW)));
  }

  @Provide
  Arbitrary<SourceAuthenticator> schemes() {
    return Arbitraries.of(hmac(false), hmac(true), standardWebhooks(), token());
  }

  /** One to three values for each header a scheme reads, or none: hostile text, or nearly right values. */
  @Provide
  Arbitrary<MultiMap> headers() {
    Arbitrary<String> value = Arbitraries.<String>frequencyOf(HostileJson.weighted(3, HostileJson.strings()),
        HostileJson.weighted(2, base64Junk()), HostileJson.weighted(1, timestamps()),
        HostileJson.weighted(1, Arbitraries.strings().withChars("0123456789abcdef").ofLength(64)
            .map(hex -> "sha256=" + hex)),
        HostileJson.weighted(1, HostileJson.strings().map(text -> "Bearer " + text)));
    return value.list().ofMaxSize(3).list().ofSize(HEADERS.size()).map(values -> {
      MultiMap headers = MultiMap.caseInsensitiveMultiMap();
      for (int i = 0; i < HEADERS.size(); i++) {
        for (String one : values.get(i)) {
          headers.add(HEADERS.get(i), one);
        }
      }
      return headers;
    });
  }

  @Provide
  Arbitrary<String> queryTokens() {
    return HostileJson.strings().injectNull(0.3);
  }

  @Provide
  Arbitrary<String> base64Junk() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
            .ofMaxLength(60),
        Arbitraries.bytes().array(byte[].class).ofMaxSize(48).map(b -> Base64.getEncoder().encodeToString(b)))
        .flatMap(text -> Arbitraries.of("v1,", "v2,", "v1", "", "v1,,").map(version -> version + text));
  }

  @Provide
  Arbitrary<String> timestamps() {
    return Arbitraries.oneOf(
        Arbitraries.longs().between(NOW - 2 * TOLERANCE, NOW + 2 * TOLERANCE).map(Object::toString),
        Arbitraries.longs().map(Object::toString),
        Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(30),
        Arbitraries.of(" " + NOW + " ", "+" + NOW, NOW + ".0", "0x6553f100", "\u0661\u0667" + NOW,
            "\uff11" + NOW, "", " ", "-" + NOW, NOW + "\u0000"),
        HostileJson.strings());
  }

  @Provide
  Arbitrary<String> webhookIds() {
    return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(256).filter(id -> !id.isBlank());
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.of("", "sha256=", "SHA256=", "Sha256=");
  }

  @Provide
  Arbitrary<String> blanks() {
    return Arbitraries.of("", " ", "  ", "\t");
  }

  @Provide
  Arbitrary<String> bearers() {
    return Arbitraries.of("Bearer ", "bearer ", "BEARER ", "bEaReR ");
  }

  private static SourceAuthenticator hmac(boolean base64) {
    return Authenticators.forSource(source(new AuthConfig(AuthScheme.HMAC, "X-Signature",
        base64 ? SignatureEncoding.BASE64 : SignatureEncoding.HEX, List.of(SECRET, OLD_SECRET), List.of())),
        TOLERANCE, null);
  }

  private static SourceAuthenticator standardWebhooks() {
    return Authenticators.forSource(source(new AuthConfig(AuthScheme.STANDARD_WEBHOOKS, null, SignatureEncoding.HEX,
        List.of(WHSEC), List.of())), TOLERANCE, null);
  }

  private static SourceAuthenticator token() {
    return Authenticators.forSource(source(new AuthConfig(AuthScheme.TOKEN, null, SignatureEncoding.HEX, List.of(),
        List.of(TOKEN))), TOLERANCE, null);
  }

  private static SourceConfig source(AuthConfig auth) {
    return new SourceConfig("fuzz", Vendor.GENERIC, auth, Optional.empty());
  }
}
