package io.alertgate.secret;

import io.alertgate.digest.Digests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sealing destination secrets: what comes back out, and every way a stored value may fail to open, said plainly. */
class SecretBoxTest {

  private static final String CONTEXT = "destination:jira:api_token";
  private static final byte[] KEY_BYTES = bytes(7);
  private static final byte[] OTHER_KEY_BYTES = bytes(99);
  private final SecretBox box = new SecretBox(MasterKey.of(KEY_BYTES));

  @Test
  @DisplayName("What is sealed opens to itself: unicode, the empty string, and a long token")
  void roundTrip() {
    for (String secret : List.of("", "p", "Bearer tok\u00e9n \u2603 \ud83d\ude00 \u4e2d\u6587", "x".repeat(10_000))) {
      String sealed = box.seal(secret, CONTEXT);
      assertTrue(SecretBox.isSealed(sealed), sealed);
      assertTrue(sealed.startsWith("agv1:" + MasterKey.of(KEY_BYTES).id() + ":"), sealed);
      assertEquals(secret, box.open(sealed, CONTEXT));
    }
  }

  @Test
  @DisplayName("Every seal draws a new nonce, so the same secret never seals to the same text")
  void nonceDiffersEverySeal() {
    Set<String> nonces = new HashSet<>();
    Set<String> sealed = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      String value = box.seal("same secret", CONTEXT);
      sealed.add(value);
      nonces.add(HexFormat.of().formatHex(data(value), 0, 12));
    }
    assertEquals(200, sealed.size());
    assertEquals(200, nonces.size());
  }

  @Test
  @DisplayName("A value copied to another field or destination does not open there")
  void contextMismatchFails() {
    String sealed = box.seal("routing-key", "destination:pagerduty:routing_key");
    for (String elsewhere : List.of("destination:pagerduty-eu:routing_key", "destination:pagerduty:api_key",
        "destination:pagerduty:routing_key ")) {
      SecretException failure = assertThrows(SecretException.class, () -> box.open(sealed, elsewhere));
      assertTrue(failure.getMessage().contains("sealed for another field or destination"), failure.getMessage());
    }
  }

  @Test
  @DisplayName("A changed nonce, ciphertext or tag byte fails the integrity check")
  void tamperedDataFails() {
    String sealed = box.seal("webhook signing secret", CONTEXT);
    byte[] data = data(sealed);
    // The first byte of the nonce, one of the ciphertext, the last of the tag.
    for (int index : new int[] {0, 14, data.length - 1}) {
      byte[] changed = data.clone();
      changed[index] ^= 0x01;
      SecretException failure = assertThrows(SecretException.class, () -> box.open(withData(sealed, changed), CONTEXT));
      assertTrue(failure.getMessage().contains("did not pass its integrity check"), failure.getMessage());
    }
  }

  @Test
  @DisplayName("A value cut short, with a foreign character or with spare bits set is called damaged")
  void damagedEncodingFails() {
    String sealed = box.seal("secret", CONTEXT);
    String data = sealed.substring(sealed.lastIndexOf(':') + 1);
    // 34 bytes of data: the last of 46 characters carries 2 bits and 4 spare ones, which seal leaves clear.
    char last = data.charAt(data.length() - 1);
    String spareBitSet = sealed.substring(0, sealed.length() - 1) + (char) (last + 1);
    for (String damaged : List.of(spareBitSet, sealed.substring(0, sealed.length() - 1))) {
      SecretException failure = assertThrows(SecretException.class, () -> box.open(damaged, CONTEXT));
      assertTrue(failure.getMessage().startsWith("The value of " + CONTEXT + " is damaged: "), failure.getMessage());
    }
    for (String notSealed : List.of("plain-token", sealed + "=", sealed.replace("agv1:", "agv2:"), " " + sealed)) {
      assertFalse(SecretBox.isSealed(notSealed), notSealed);
      SecretException failure = assertThrows(SecretException.class, () -> box.open(notSealed, CONTEXT));
      assertEquals("The value of " + CONTEXT + " is not a sealed secret (agv1:<key id>:<data>)", failure.getMessage());
    }
  }

  @Test
  @DisplayName("A value sealed under another key fails, naming both key ids and the variable every instance shares")
  void wrongKeyFailsNamingKeyIds() {
    MasterKey other = MasterKey.of(OTHER_KEY_BYTES);
    String sealed = new SecretBox(other).seal("stackstorm api key", CONTEXT);
    KeyMismatchException failure = assertThrows(KeyMismatchException.class, () -> box.open(sealed, CONTEXT));
    String mine = MasterKey.of(KEY_BYTES).id();
    assertEquals(other.id(), failure.sealedWith());
    assertEquals(mine, failure.current());
    assertEquals("The value of " + CONTEXT + " was sealed under master key " + other.id() + ", but this gateway's "
        + "master key is " + mine + ": every gateway sharing the database must be given the same ALERTGATE_MASTER_KEY",
        failure.getMessage());
    assertNoKeyMaterial(failure.getMessage());
  }

  @Test
  @DisplayName("A key id changed in the stored text fails as another key's value, not as a crash")
  void tamperedKeyIdFails() {
    String sealed = box.seal("secret", CONTEXT);
    String id = MasterKey.of(KEY_BYTES).id();
    String otherId = (id.charAt(0) == '0' ? "1" : "0") + id.substring(1);
    String tampered = sealed.replace(":" + id + ":", ":" + otherId + ":");
    KeyMismatchException failure = assertThrows(KeyMismatchException.class, () -> box.open(tampered, CONTEXT));
    assertEquals(otherId, failure.sealedWith());
  }

  @Test
  @DisplayName("Neither the key nor the secret appears in any failure's message")
  void messagesHoldNoSecrets() {
    String secret = "the-real-jira-token";
    String sealed = box.seal(secret, CONTEXT);
    byte[] data = data(sealed);
    data[20] ^= 0x10;
    List<String> messages = List.of(
        assertThrows(SecretException.class, () -> box.open(sealed, "destination:other:api_token")).getMessage(),
        assertThrows(SecretException.class, () -> box.open(withData(sealed, data), CONTEXT)).getMessage(),
        assertThrows(SecretException.class, () -> new SecretBox(MasterKey.of(OTHER_KEY_BYTES)).open(sealed, CONTEXT))
            .getMessage());
    for (String message : messages) {
      assertNoKeyMaterial(message);
      assertFalse(message.contains(secret), message);
      assertFalse(message.contains(sealed.substring(14)), message);
    }
  }

  @Test
  @DisplayName("A blank context, or a secret that is not whole Unicode characters, is refused before sealing")
  void refusesWhatCannotRoundTrip() {
    assertThrows(IllegalArgumentException.class, () -> box.seal("secret", ""));
    assertThrows(IllegalArgumentException.class, () -> box.seal("secret", null));
    assertThrows(IllegalArgumentException.class, () -> box.seal("half \ud83d pair", CONTEXT));
    assertThrows(IllegalArgumentException.class, () -> box.open(box.seal("secret", CONTEXT), " "));
  }

  @Test
  @DisplayName("One box seals and opens from many threads at once")
  void threadSafe() throws InterruptedException {
    Set<String> failures = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      String secret = "secret-" + t;
      threads.add(new Thread(() -> {
        for (int i = 0; i < 300; i++) {
          String context = "destination:d" + i + ":token";
          if (!secret.equals(box.open(box.seal(secret, context), context))) {
            failures.add(secret);
          }
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(Set.of(), failures);
  }

  @Test
  @DisplayName("Different keys have different ids, and the id is not a prefix of the key's own digest")
  void keyIds() {
    assertNotEquals(MasterKey.of(KEY_BYTES).id(), MasterKey.of(OTHER_KEY_BYTES).id());
    assertTrue(MasterKey.of(KEY_BYTES).id().matches("[0-9a-f]{8}"));
    String plainDigest = HexFormat.of().formatHex(Digests.sha256(KEY_BYTES));
    assertFalse(plainDigest.startsWith(MasterKey.of(KEY_BYTES).id()));
  }

  /** Neither alphabet of base64 nor hex of the test keys. */
  static void assertNoKeyMaterial(String text) {
    for (byte[] key : List.of(KEY_BYTES, OTHER_KEY_BYTES)) {
      for (String form : List.of(Base64.getEncoder().encodeToString(key), Base64.getUrlEncoder().encodeToString(key),
          HexFormat.of().formatHex(key))) {
        assertFalse(text.contains(form.substring(0, 16)), text);
      }
    }
  }

  private static byte[] data(String sealed) {
    return Base64.getUrlDecoder().decode(sealed.substring(sealed.lastIndexOf(':') + 1));
  }

  private static String withData(String sealed, byte[] data) {
    String header = sealed.substring(0, sealed.lastIndexOf(':') + 1);
    return header + Base64.getUrlEncoder().withoutPadding().encodeToString(data);
  }

  private static byte[] bytes(int seed) {
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (seed * 31 + i * 17);
    }
    return bytes;
  }
}
