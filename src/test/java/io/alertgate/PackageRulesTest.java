package io.alertgate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How the packages may lean on each other (docs/architecture.md): stages meet only in the database and on the bus,
 * so no stage names another; the kit and the leaves beneath them name no stage and not the admin API.
 */
class PackageRulesTest {

  private static final Path SOURCES = Path.of("src/main/java/io/alertgate");
  /** The flow: ingest, then the stages on the kit, in order. */
  private static final Set<String> STAGES = Set.of("ingest", "normalize", "enrich", "route", "deliver");
  /** What several stages share: the stage kit, the alert model, and infrastructure. */
  private static final Set<String> LEAVES = Set.of("pipeline", "alert", "digest", "vendor", "net", "store", "config",
      "http", "health", "metrics", "logging", "bus", "json", "secret");
  private static final Pattern REFERENCE = Pattern.compile("\\bio\\.alertgate\\.([a-z]+)\\.");

  @Test
  @DisplayName("No stage names another or the admin API, and no leaf names a stage or the admin API")
  void stagesMeetOnlyThroughLeaves() throws IOException {
    List<String> broken = new ArrayList<>();
    for (Path file : sources()) {
      String owner = SOURCES.relativize(file).getName(0).toString();
      for (String used : references(file)) {
        // Admin reads the stages, so a stage reaching back into admin would make a cycle.
        boolean stageToStage = STAGES.contains(owner) && (STAGES.contains(used) && !used.equals(owner)
            || used.equals("admin"));
        boolean leafUpwards = LEAVES.contains(owner) && (STAGES.contains(used) || used.equals("admin"));
        if (stageToStage || leafUpwards) {
          broken.add(SOURCES.relativize(file) + " uses " + used);
        }
      }
    }
    assertEquals(List.of(), broken);
  }

  @Test
  @DisplayName("Every top-level package is a stage, a leaf or the admin API, so each falls under these rules")
  void everyPackageIsPlaced() throws IOException {
    Set<String> unplaced = new TreeSet<>();
    try (Stream<Path> children = Files.list(SOURCES)) {
      children.filter(Files::isDirectory).map(dir -> dir.getFileName().toString())
          .filter(name -> !STAGES.contains(name) && !LEAVES.contains(name) && !name.equals("admin"))
          .forEach(unplaced::add);
    }
    assertEquals(Set.of(), unplaced);
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      // Main and Gateway, at the top, wire everything together.
      return files.filter(file -> file.toString().endsWith(".java") && !file.getParent().equals(SOURCES))
          .toList();
    }
  }

  /** The top-level packages a file names, in imports or written out in full. */
  private static Set<String> references(Path file) throws IOException {
    Set<String> used = new TreeSet<>();
    for (String line : Files.readAllLines(file)) {
      if (line.startsWith("package ")) {
        continue;
      }
      Matcher matcher = REFERENCE.matcher(line);
      while (matcher.find()) {
        used.add(matcher.group(1));
      }
    }
    return used;
  }
}
