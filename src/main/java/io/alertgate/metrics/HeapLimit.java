package io.alertgate.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Says once, at start, how much heap the JVM may take and who chose it. Left to itself the JVM takes a quarter of
 * the machine's memory, and under a steady load the heap grows toward that limit whatever the gateway keeps alive:
 * a process that could live in 512 MiB ends up holding gigabytes. A launch that chose no limit is told so.
 */
public final class HeapLimit {

  private static final Logger LOG = LoggerFactory.getLogger(HeapLimit.class);
  /** The flags that set the heap's limit, in the JVM's own options or in JAVA_TOOL_OPTIONS. */
  private static final List<String> LIMIT_FLAGS = List.of("-Xmx", "-XX:MaxHeapSize=", "-XX:MaxRAMPercentage=",
      "-XX:MaxRAMFraction=", "-XX:MaxRAM=");
  private static final double MIB = 1024 * 1024;

  private HeapLimit() {
  }

  /** Logs the limit: INFO when a flag set it, WARN when it is the JVM's default. */
  public static void report() {
    List<String> arguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
    long machine = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getTotalMemorySize();
    Optional<String> flag = limitFlag(arguments);
    String line = describe(flag, Runtime.getRuntime().maxMemory(), machine);
    if (flag.isPresent()) {
      LOG.info(line);
    } else {
      LOG.warn(line);
    }
  }

  /** The last flag that set the limit (the JVM takes the last), if any did. */
  static Optional<String> limitFlag(List<String> arguments) {
    String found = null;
    for (String argument : arguments) {
      if (LIMIT_FLAGS.stream().anyMatch(argument::startsWith)) {
        found = argument;
      }
    }
    return Optional.ofNullable(found);
  }

  static String describe(Optional<String> flag, long maxHeap, long machine) {
    String limit = "Heap limit " + size(maxHeap) + " of " + size(machine) + " of memory";
    return flag.map(set -> limit + " (" + set + ")").orElse(limit + ": the JVM's default, as no -Xmx or"
        + " -XX:MaxRAMPercentage was given; the heap grows toward it under load. Give one, for example"
        + " java -Xmx512m -jar alertgate.jar (README, Memory)");
  }

  private static String size(long bytes) {
    double mib = bytes / MIB;
    return mib >= 1024 ? String.format(Locale.ROOT, "%.1f GiB", mib / 1024)
        : String.format(Locale.ROOT, "%.0f MiB", mib);
  }
}
