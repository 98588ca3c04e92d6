package io.alertgate.secret;

import io.alertgate.config.ConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the master key comes from: the variable, the data directory's file, or a first start that writes it. */
class MasterKeyTest {

  // Bytes whose base64 has '+' and '/', so that the two alphabets differ.
  private static final byte[] KEY = HexFormat.of()
      .parseHex("fbff3e00f8ffbf01fc7f3e02fbef3e03f8ffbf04fc7f3e05fbef3e06f8ffbf07");
  private static final String VARIABLE = "ALERTGATE_MASTER_KEY";

  @TempDir
  Path temp;

  @Test
  @DisplayName("ALERTGATE_MASTER_KEY is read as base64 or base64url, padded or not, and wins over the file")
  void fromEnvironment() {
    String base64 = Base64.getEncoder().encodeToString(KEY);
    String base64url = Base64.getUrlEncoder().withoutPadding().encodeToString(KEY);
    assertTrue(base64.contains("+") && base64.contains("/"), base64);
    MasterKey generated = MasterKey.load(temp, Map.of());
    for (String value : List.of(base64, base64url, base64url + "=", " " + base64 + "\n")) {
      MasterKey key = MasterKey.load(temp, Map.of(VARIABLE, value));
      assertEquals(MasterKey.of(KEY).id(), key.id(), value);
      assertEquals(MasterKey.Origin.ENVIRONMENT, key.origin());
    }
    assertNotEquals(generated.id(), MasterKey.of(KEY).id());
  }

  @Test
  @DisplayName("A key of the wrong length, or not base64 at all, stops the start without echoing the value")
  void wrongEnvironmentKeyRefused() {
    Path data = temp.resolve("data");
    byte[] longer = new byte[33];
    System.arraycopy(KEY, 0, longer, 0, KEY.length);
    List<String> wrong = List.of(Base64.getEncoder().encodeToString(new byte[16]),
        Base64.getEncoder().encodeToString(longer), HexFormat.of().formatHex(KEY), "correct horse battery staple",
        // Both alphabets at once, and what no alphabet has.
        Base64.getEncoder().encodeToString(KEY).replace('/', '_'), "\u00e9t\u00e9");
    for (String value : wrong) {
      ConfigException failure = assertThrows(ConfigException.class,
          () -> MasterKey.load(data, Map.of(VARIABLE, value)));
      assertEquals("Invalid configuration: ALERTGATE_MASTER_KEY must be the base64 (or base64url) of exactly 32 random "
          + "bytes, as `openssl rand -base64 32` prints; the value set is not", failure.getMessage());
    }
    assertFalse(Files.exists(data), "a wrong key must not fall back to a generated one");
  }

  @Test
  @DisplayName("A blank ALERTGATE_MASTER_KEY counts as unset, as every other variable does")
  void blankVariableIsUnset() {
    assertEquals(MasterKey.Origin.GENERATED, MasterKey.load(temp, Map.of(VARIABLE, "  ")).origin());
  }

  @Test
  @DisplayName("A first start writes master.key for its owner only (0600); the next start reads the same key")
  void generatedOnceThenReused() throws IOException {
    Path data = temp.resolve("data");
    MasterKey first = MasterKey.load(data, Map.of());
    MasterKey second = MasterKey.load(data, Map.of());
    assertEquals(MasterKey.Origin.GENERATED, first.origin());
    assertEquals(MasterKey.Origin.FILE, second.origin());
    assertEquals(first.id(), second.id());
    String sealed = new SecretBox(first).seal("token", "destination:a:token");
    assertEquals("token", new SecretBox(second).open(sealed, "destination:a:token"));
    Path file = data.resolve("master.key");
    assertEquals(44 + 1, Files.size(file), "one line of base64");
    try (Stream<Path> files = Files.list(data)) {
      assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
    }
    assumeTrue(data.getFileSystem().supportedFileAttributeViews().contains("posix"));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
  }

  @Test
  @DisplayName("A damaged master.key stops the start, naming the file and not its content; it is not replaced")
  void damagedFileRefused() throws IOException {
    Path file = Files.writeString(temp.resolve("master.key"), "c2hvcnQ=\n");
    ConfigException failure = assertThrows(ConfigException.class, () -> MasterKey.load(temp, Map.of()));
    assertEquals("Invalid configuration: " + file + " does not hold a master key (one line of base64 of 32 bytes, as "
        + "the gateway writes it): restore it from a backup, or set ALERTGATE_MASTER_KEY", failure.getMessage());
    assertEquals("c2hvcnQ=\n", Files.readString(file));
  }

  @Test
  @DisplayName("Gateways starting at once on an empty directory all end with the one key that was written")
  void concurrentFirstStartsAgree() throws Exception {
    int racers = 6;
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      for (int round = 0; round < 20; round++) {
        Path data = temp.resolve("round-" + round);
        CyclicBarrier start = new CyclicBarrier(racers);
        List<Future<MasterKey>> loads = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
          loads.add(pool.submit(() -> {
            start.await();
            return MasterKey.load(data, Map.of());
          }));
        }
        List<MasterKey> keys = new ArrayList<>();
        for (Future<MasterKey> load : loads) {
          keys.add(load.get());
        }
        MasterKey onDisk = MasterKey.load(data, Map.of());
        assertEquals(1, keys.stream().filter(key -> key.origin() == MasterKey.Origin.GENERATED).count());
        String sealed = new SecretBox(onDisk).seal("shared", "destination:x:token");
        for (MasterKey key : keys) {
          assertEquals("shared", new SecretBox(key).open(sealed, "destination:x:token"));
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("toString shows the key's id and never the key")
  void toStringHidesTheKey() throws IOException {
    MasterKey key = MasterKey.load(temp, Map.of(VARIABLE, Base64.getEncoder().encodeToString(KEY)));
    assertEquals("MasterKey[id=" + key.id() + ", origin=ENVIRONMENT]", key.toString());
    MasterKey generated = MasterKey.load(temp.resolve("data"), Map.of());
    assertEquals("MasterKey[id=" + generated.id() + ", origin=GENERATED]", generated.toString());
    byte[] stored = Base64.getDecoder().decode(Files.readString(temp.resolve("data/master.key")).trim());
    for (byte[] bytes : List.of(KEY, stored)) {
      for (String form : List.of(Base64.getEncoder().encodeToString(bytes), HexFormat.of().formatHex(bytes))) {
        String part = form.substring(0, 12);
        assertFalse(key.toString().contains(part) || generated.toString().contains(part), part);
      }
    }
  }
}
