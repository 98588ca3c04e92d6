package io.alertgate.metrics;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapLimitTest {

  private static final long MIB = 1024 * 1024;

  @Test
  @DisplayName("The flag that set the limit is found among the JVM's options, the last one winning as in the JVM")
  void findsTheFlag() {
    assertEquals(Optional.of("-Xmx512m"), HeapLimit.limitFlag(List.of("-Dx=y", "-Xmx512m")));
    assertEquals(Optional.of("-XX:MaxRAMPercentage=50"),
        HeapLimit.limitFlag(List.of("-Xmx1g", "-XX:MaxRAMPercentage=50", "--add-modules=ALL-DEFAULT")));
    assertEquals(Optional.empty(), HeapLimit.limitFlag(List.of("-XX:+ExitOnOutOfMemoryError", "-Xms64m")));
  }

  @Test
  @DisplayName("The line names the limit and the flag, or says it is the JVM's default and how to set one")
  void saysWhoChose() {
    assertEquals("Heap limit 512 MiB of 24.0 GiB of memory (-Xmx512m)",
        HeapLimit.describe(Optional.of("-Xmx512m"), 512 * MIB, 24 * 1024 * MIB));
    String unset = HeapLimit.describe(Optional.empty(), 6 * 1024 * MIB, 24 * 1024 * MIB);
    assertTrue(unset.startsWith("Heap limit 6.0 GiB of 24.0 GiB of memory: the JVM's default"), unset);
    assertTrue(unset.contains("-Xmx512m"), unset);
  }
}
