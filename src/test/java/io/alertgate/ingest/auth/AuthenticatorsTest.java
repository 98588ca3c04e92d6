package io.alertgate.ingest.auth;

import com.standardwebhooks.Webhook;
import io.alertgate.config.AuthConfig;
import io.alertgate.config.AuthConfig.SignatureEncoding;
import io.alertgate.config.AuthScheme;
import io.alertgate.config.SourceConfig;
import io.alertgate.config.Vendor;
import io.alertgate.support.Signatures;
import io.vertx.core.MultiMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AuthenticatorsTest {

  private static final String SECRET = "s3cret-\u00fcnicode";
  private static final String OLD_SECRET = "previous-secret";
  private static final String BODY = "{\"kibana.alert.uuid\":\"a1\",\"title\":\"caf\u00e9 \u2603\"}";
  private static final long NOW = 1_700_000_000L;

  // Standard Webhooks test vector, shared by the specification's reference libraries.
  private static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  private static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  private static final long VECTOR_TIMESTAMP = 1614265330L;
  private static final String VECTOR_BODY = "{\"test\": 2432232314}";
  private static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  // GitHub's documented X-Hub-Signature-256 example.
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";
  private static final String GITHUB_BODY = "Hello, World!";
  private static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  @DisplayName("HMAC: a hex signature of the raw body passes, with or without the sha256= prefix")
  void hmacHexPasses() {
    SourceAuthenticator auth = hmac("X-Elastic-Signature", SignatureEncoding.HEX, SECRET);
    String hex = Signatures.hex(SECRET, BODY);
    assertDoesNotThrow(() -> auth.verify(request(BODY, "X-Elastic-Signature", hex)));
    assertDoesNotThrow(() -> auth.verify(request(BODY, "X-Elastic-Signature", "sha256=" + hex)));
    assertDoesNotThrow(() -> auth.verify(request(BODY, "x-elastic-signature", "SHA256=" + hex.toUpperCase())));
  }

  @Test
  @DisplayName("HMAC: the GitHub-style vector verifies")
  void githubVector() {
    SourceAuthenticator auth = hmac("X-Hub-Signature-256", SignatureEncoding.HEX, GITHUB_SECRET);
    assertDoesNotThrow(() -> auth.verify(request(GITHUB_BODY, "X-Hub-Signature-256", GITHUB_SIGNATURE)));
  }

  @Test
  @DisplayName("HMAC: a base64 signature passes when the source says base64")
  void hmacBase64() {
    SourceAuthenticator auth = hmac("X-Signature", SignatureEncoding.BASE64, SECRET);
    assertDoesNotThrow(() -> auth.verify(request(BODY, "X-Signature", Signatures.base64(SECRET, BODY))));
    assertRejected("invalid_signature", auth, request(BODY, "X-Signature", Signatures.hex(SECRET, BODY)));
  }

  @Test
  @DisplayName("HMAC: wrong secret, tampered body, missing and garbage headers are rejected")
  void hmacRejections() {
    SourceAuthenticator auth = hmac("X-Elastic-Signature", SignatureEncoding.HEX, SECRET);
    assertRejected("invalid_signature", auth, request(BODY, "X-Elastic-Signature", Signatures.hex("other", BODY)));
    assertRejected("invalid_signature", auth,
        request(BODY.replace("a1", "a2"), "X-Elastic-Signature", Signatures.hex(SECRET, BODY)));
    assertRejected("missing_signature", auth, request(BODY, "X-Other", Signatures.hex(SECRET, BODY)));
    assertRejected("missing_signature", auth, request(BODY, "X-Elastic-Signature", "  "));
    assertRejected("invalid_signature", auth, request(BODY, "X-Elastic-Signature", "sha256=zz"));
    assertRejected("invalid_signature", auth, request(BODY, "X-Elastic-Signature", "sha256=" + "g".repeat(64)));
    // A prefix of the right signature is not a match.
    assertRejected("invalid_signature", auth,
        request(BODY, "X-Elastic-Signature", Signatures.hex(SECRET, BODY).substring(0, 32)));
  }

  @Test
  @DisplayName("HMAC: during a rotation both the new and the old secret are accepted")
  void hmacRotation() {
    SourceAuthenticator auth = hmac("X-Sig", SignatureEncoding.HEX, SECRET, OLD_SECRET);
    assertDoesNotThrow(() -> auth.verify(request(BODY, "X-Sig", Signatures.hex(SECRET, BODY))));
    assertDoesNotThrow(() -> auth.verify(request(BODY, "X-Sig", Signatures.hex(OLD_SECRET, BODY))));
    assertRejected("invalid_signature", auth, request(BODY, "X-Sig", Signatures.hex("retired", BODY)));
  }

  @Test
  @DisplayName("Standard Webhooks: the specification's test vector verifies")
  void standardWebhooksVector() {
    SourceAuthenticator auth = standardWebhooks(VECTOR_SECRET);
    assertDoesNotThrow(() -> auth.verify(swRequest(VECTOR_BODY, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE,
        VECTOR_TIMESTAMP)));
  }

  @Test
  @DisplayName("Standard Webhooks: messages signed by the reference library verify, and ours verify in it")
  void standardWebhooksCrossCheck() throws Exception {
    Webhook reference = new Webhook(VECTOR_SECRET);
    SourceAuthenticator auth = standardWebhooks(VECTOR_SECRET);
    long now = System.currentTimeMillis() / 1000;
    for (int i = 0; i < 50; i++) {
      String id = "msg_" + UUID.randomUUID();
      String body = "{\"n\":" + i + ",\"text\":\"\u00fc\u2603 " + "x".repeat(i * 7) + "\"}";
      String theirs = reference.sign(id, now, body);
      assertDoesNotThrow(() -> auth.verify(swRequest(body, id, now, theirs, now)));
      String ours = Signatures.standardWebhooks(VECTOR_SECRET, id, now, body);
      reference.verify(body, Map.of("webhook-id", List.of(id), "webhook-timestamp", List.of(String.valueOf(now)),
          "webhook-signature", List.of(ours)));
    }
  }

  @Test
  @DisplayName("Standard Webhooks: any one of several signatures in the header may match")
  void standardWebhooksSeveralSignatures() {
    SourceAuthenticator auth = standardWebhooks(VECTOR_SECRET);
    String header = "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc= v2,abc " + VECTOR_SIGNATURE;
    assertDoesNotThrow(() -> auth.verify(swRequest(VECTOR_BODY, VECTOR_ID, VECTOR_TIMESTAMP, header, VECTOR_TIMESTAMP)));
  }

  @Test
  @DisplayName("Standard Webhooks: only the first 16 candidates count, so a header stuffed with junk costs little")
  void standardWebhooksCandidateBound() {
    SourceAuthenticator auth = standardWebhooks(VECTOR_SECRET);
    String junk = "v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= ";
    String within = junk.repeat(StandardWebhooksAuthenticator.MAX_CANDIDATES - 1) + VECTOR_SIGNATURE;
    String beyond = junk.repeat(2_000) + VECTOR_SIGNATURE;
    long t = VECTOR_TIMESTAMP;
    assertDoesNotThrow(() -> auth.verify(swRequest(VECTOR_BODY, VECTOR_ID, t, within, t)));
    assertRejected("invalid_signature", auth, swRequest(VECTOR_BODY, VECTOR_ID, t, beyond, t));
    assertRejected("invalid_signature", auth, swRequest(VECTOR_BODY, VECTOR_ID, t, "v1, v1, v1,", t));
  }

  @Test
  @DisplayName("Standard Webhooks: timestamps outside five minutes either way are stale")
  void standardWebhooksStale() {
    SourceAuthenticator auth = standardWebhooks(VECTOR_SECRET);
    assertRejected("stale_timestamp", auth,
        swRequest(VECTOR_BODY, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE, VECTOR_TIMESTAMP + 301));
    assertRejected("stale_timestamp", auth,
        swRequest(VECTOR_BODY, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE, VECTOR_TIMESTAMP - 301));
    assertDoesNotThrow(() -> auth.verify(
        swRequest(VECTOR_BODY, VECTOR_ID, VECTOR_TIMESTAMP, VECTOR_SIGNATURE, VECTOR_TIMESTAMP + 300)));
  }

  @Test
  @DisplayName("Standard Webhooks: a changed id, timestamp or body breaks the signature")
  void standardWebhooksTampering() {
    SourceAuthenticator auth = standardWebhooks(VECTOR_SECRET);
    long t = VECTOR_TIMESTAMP;
    assertRejected("invalid_signature", auth, swRequest(VECTOR_BODY, "msg_other", t, VECTOR_SIGNATURE, t));
    assertRejected("invalid_signature", auth, swRequest(VECTOR_BODY, VECTOR_ID, t + 1, VECTOR_SIGNATURE, t));
    assertRejected("invalid_signature", auth, swRequest("{\"test\": 2432232315}", VECTOR_ID, t, VECTOR_SIGNATURE, t));
    assertRejected("invalid_signature", auth, swRequest(VECTOR_BODY, VECTOR_ID, t, "v1,!!notbase64!!", t));
    assertRejected("invalid_signature", auth, swRequest(VECTOR_BODY, VECTOR_ID, t, "", t));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yesterday", "", " ", "1614265330.5", "-1614265330", "16142 65330", "1e9",
      "99999999999999999999999999", "0x6037E9F2"})
  @DisplayName("Standard Webhooks: a timestamp that is not integer seconds is invalid_timestamp, not a bad signature")
  void standardWebhooksMalformedTimestamp(String timestamp) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("webhook-id", VECTOR_ID)
        .add("webhook-timestamp", timestamp).add("webhook-signature", VECTOR_SIGNATURE);
    assertRejected("invalid_timestamp", standardWebhooks(VECTOR_SECRET),
        new AuthRequest(headers, null, bytes(VECTOR_BODY), VECTOR_TIMESTAMP));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\t", "   \t "})
  @DisplayName("Every scheme refuses an empty or blank webhook-id: it would be a dedup key no sender means")
  void blankWebhookId(String id) {
    assertRejected("invalid_webhook_id", standardWebhooks(VECTOR_SECRET),
        swRequest(VECTOR_BODY, id, VECTOR_TIMESTAMP, VECTOR_SIGNATURE, VECTOR_TIMESTAMP));
    assertEveryOtherSchemeRefuses(id);
  }

  @Test
  @DisplayName("Every scheme refuses a webhook-id over 256 characters and takes one of exactly 256")
  void overlongWebhookId() {
    String longest = "m".repeat(256);
    String signed = Signatures.standardWebhooks(VECTOR_SECRET, longest, VECTOR_TIMESTAMP, VECTOR_BODY);
    assertDoesNotThrow(() -> standardWebhooks(VECTOR_SECRET).verify(
        swRequest(VECTOR_BODY, longest, VECTOR_TIMESTAMP, signed, VECTOR_TIMESTAMP)));
    String overlong = longest + "m";
    assertRejected("invalid_webhook_id", standardWebhooks(VECTOR_SECRET), swRequest(VECTOR_BODY, overlong,
        VECTOR_TIMESTAMP, Signatures.standardWebhooks(VECTOR_SECRET, overlong, VECTOR_TIMESTAMP, VECTOR_BODY),
        VECTOR_TIMESTAMP));
    assertEveryOtherSchemeRefuses(overlong);
  }

  private static void assertEveryOtherSchemeRefuses(String id) {
    MultiMap signed = MultiMap.caseInsensitiveMultiMap().add("webhook-id", id)
        .add("X-Signature", Signatures.hex(SECRET, BODY));
    assertRejected("invalid_webhook_id", hmac("X-Signature", SignatureEncoding.HEX, SECRET),
        new AuthRequest(signed, null, bytes(BODY), NOW));
    assertRejected("invalid_webhook_id", token(List.of("splunk-token"), List.of()),
        new AuthRequest(signed, "splunk-token", bytes(BODY), NOW));
    SourceConfig open = new SourceConfig("open", Vendor.GENERIC,
        new AuthConfig(AuthScheme.NONE, null, SignatureEncoding.HEX, List.of(), List.of()), Optional.empty());
    assertRejected("invalid_webhook_id", Authenticators.forSource(open, 300, null),
        new AuthRequest(signed, null, bytes(BODY), NOW));
  }

  @Test
  @DisplayName("Standard Webhooks: missing headers are rejected")
  void standardWebhooksMissing() {
    SourceAuthenticator auth = standardWebhooks(VECTOR_SECRET);
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("webhook-id", VECTOR_ID)
        .add("webhook-signature", VECTOR_SIGNATURE);
    assertRejected("missing_signature", auth, new AuthRequest(headers, null, bytes(VECTOR_BODY), VECTOR_TIMESTAMP));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer splunk-token", "bearer splunk-token", "BEARER   splunk-token"})
  @DisplayName("Token: an Authorization bearer header passes")
  void tokenHeader(String authorization) {
    SourceAuthenticator auth = token(List.of("splunk-token"), List.of());
    assertDoesNotThrow(() -> auth.verify(new AuthRequest(
        MultiMap.caseInsensitiveMultiMap().add("Authorization", authorization), null, bytes(BODY), NOW)));
  }

  @Test
  @DisplayName("Token: ?token= passes, a wrong or missing token is rejected")
  void tokenQuery() {
    SourceAuthenticator auth = token(List.of("splunk-token", "next-token"), List.of());
    MultiMap none = MultiMap.caseInsensitiveMultiMap();
    assertDoesNotThrow(() -> auth.verify(new AuthRequest(none, "splunk-token", bytes(BODY), NOW)));
    assertDoesNotThrow(() -> auth.verify(new AuthRequest(none, "next-token", bytes(BODY), NOW)));
    assertRejected("invalid_token", auth, new AuthRequest(none, "splunk-toke", bytes(BODY), NOW));
    assertRejected("invalid_token", auth, new AuthRequest(none, "splunk-token ", bytes(BODY), NOW));
    assertRejected("missing_token", auth, new AuthRequest(none, null, bytes(BODY), NOW));
    assertRejected("missing_token", auth, new AuthRequest(
        MultiMap.caseInsensitiveMultiMap().add("Authorization", "Basic c3BsdW5r"), null, bytes(BODY), NOW));
  }

  @Test
  @DisplayName("Token with signing secrets: both the token and the signature are required")
  void tokenAndSignature() {
    SourceAuthenticator auth = token(List.of("splunk-token"), List.of(SECRET));
    MultiMap signed = MultiMap.caseInsensitiveMultiMap().add("X-Splunk-Signature", Signatures.hex(SECRET, BODY));
    assertDoesNotThrow(() -> auth.verify(new AuthRequest(signed, "splunk-token", bytes(BODY), NOW)));
    assertRejected("missing_signature", auth,
        new AuthRequest(MultiMap.caseInsensitiveMultiMap(), "splunk-token", bytes(BODY), NOW));
    assertRejected("invalid_token", auth, new AuthRequest(signed, "wrong", bytes(BODY), NOW));
  }

  @Test
  @DisplayName("A source without any secret refuses everything and names the setting to fill in")
  void notConfigured() {
    SourceConfig source = new SourceConfig("elastic", Vendor.ELASTIC,
        new AuthConfig(AuthScheme.HMAC, "X-Elastic-Signature", SignatureEncoding.HEX, List.of(), List.of()),
        Optional.empty());
    SourceAuthenticator auth = Authenticators.forSource(source, 300, "ELASTIC_SIEM_WEBHOOK_SECRET");
    AuthRejectedException rejected = assertThrows(AuthRejectedException.class,
        () -> auth.verify(request(BODY, "X-Elastic-Signature", Signatures.hex(SECRET, BODY))));
    assertEquals("source_not_configured", rejected.code());
    assertEquals("Source 'elastic' is not configured: no secret or token is set (ELASTIC_SIEM_WEBHOOK_SECRET)",
        rejected.getMessage());
  }

  @Test
  @DisplayName("auth type none lets anything in, but only when written explicitly")
  void none() {
    SourceConfig source = new SourceConfig("open", Vendor.GENERIC,
        new AuthConfig(AuthScheme.NONE, null, SignatureEncoding.HEX, List.of(), List.of()), Optional.empty());
    assertDoesNotThrow(() -> Authenticators.forSource(source, 300, null)
        .verify(new AuthRequest(MultiMap.caseInsensitiveMultiMap(), null, bytes(BODY), NOW)));
  }

  private static SourceAuthenticator hmac(String header, SignatureEncoding encoding, String... secrets) {
    return Authenticators.forSource(new SourceConfig("s", Vendor.GENERIC,
        new AuthConfig(AuthScheme.HMAC, header, encoding, List.of(secrets), List.of()), Optional.empty()), 300, null);
  }

  private static SourceAuthenticator standardWebhooks(String secret) {
    return Authenticators.forSource(new SourceConfig("s", Vendor.GENERIC,
        new AuthConfig(AuthScheme.STANDARD_WEBHOOKS, null, SignatureEncoding.BASE64, List.of(secret), List.of()),
        Optional.empty()), 300, null);
  }

  private static SourceAuthenticator token(List<String> tokens, List<String> secrets) {
    return Authenticators.forSource(new SourceConfig("splunk", Vendor.SPLUNK,
        new AuthConfig(AuthScheme.TOKEN, "X-Splunk-Signature", SignatureEncoding.HEX, secrets, tokens),
        Optional.empty()), 300, null);
  }

  private static AuthRequest request(String body, String header, String value) {
    return new AuthRequest(MultiMap.caseInsensitiveMultiMap().add(header, value), null, bytes(body), NOW);
  }

  private static AuthRequest swRequest(String body, String id, long timestamp, String signature, long now) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
        .add("webhook-id", id).add("webhook-timestamp", String.valueOf(timestamp)).add("webhook-signature", signature);
    return new AuthRequest(headers, null, bytes(body), now);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Rejections go to the sender as they are: they must never carry a secret. */
  private static void assertRejected(String code, SourceAuthenticator auth, AuthRequest request) {
    AuthRejectedException rejected = assertThrows(AuthRejectedException.class, () -> auth.verify(request));
    assertEquals(code, rejected.code());
    for (String secret : List.of(SECRET, OLD_SECRET, VECTOR_SECRET, "splunk-token", "next-token")) {
      assertFalse(rejected.getMessage().contains(secret), "message leaks a secret: " + rejected.getMessage());
    }
  }
}
