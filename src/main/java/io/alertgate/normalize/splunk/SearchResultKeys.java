package io.alertgate.normalize.splunk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.alertgate.digest.Digests;
import io.alertgate.json.JsonValues;

import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a search result is recognized when its search fires again: the saved search it came from and the event it
 * matched. The search id (sid) is new on every run, so neither may depend on it beyond the saved-search name
 * Splunk writes into it.
 */
final class SearchResultKeys {

  // Saved-search sids end with the run: "_at_<epoch>_<id>" when scheduled, "_<epoch>.<n>" when run by hand;
  // a real-time run adds ".<n>".
  private static final Pattern RUN_SUFFIX = Pattern.compile("(_at_\\d+_[0-9A-Za-z]+(\\.\\d+)?|_\\d+\\.\\d+)$");
  // Splunk writes a name into the sid as is only when it is short and alphanumeric, else a digest of it.
  private static final Pattern READABLE_NAME = Pattern.compile("[0-9A-Za-z]{1,19}");
  // Result rows are flat (a value or a list of values); deeper content is not read for identity.
  private static final int MAX_DEPTH = 16;

  private SearchResultKeys() {
  }

  /**
   * The saved-search part of a sid such as {@code scheduler__admin__search__sshFail_at_1717580000_3.1} or
   * {@code admin__admin__search__RMD5a1b2c3d4e5f60718_1717580000.12}; empty for ad hoc searches
   * ({@code 1717580000.42}).
   */
  static Optional<String> savedSearch(String sid) {
    if (sid == null) {
      return Optional.empty();
    }
    String rest = sid.startsWith("rt_") ? sid.substring(3) : sid;
    // <owner>__<user context>__<app>__<name> (older versions: <app>_<name>), then the run.
    int owner = rest.indexOf("__");
    int context = owner < 0 ? -1 : rest.indexOf("__", owner + 2);
    var run = RUN_SUFFIX.matcher(rest);
    if (context < 0 || !run.find() || run.start() <= context + 2) {
      return Optional.empty();
    }
    String appAndName = rest.substring(context + 2, run.start());
    int separator = appAndName.lastIndexOf("__");
    String name = separator >= 0 ? appAndName.substring(separator + 2)
        : appAndName.substring(appAndName.lastIndexOf('_') + 1);
    return name.isEmpty() ? Optional.empty() : Optional.of(name);
  }

  /** The saved-search name from the sid when Splunk wrote it readably, not as a digest. */
  static Optional<String> readableName(String sid) {
    return savedSearch(sid)
        .filter(name -> READABLE_NAME.matcher(name).matches() && !name.startsWith("RMD5"));
  }

  /**
   * A digest of what identifies the matched event: its raw text, or, for a table or stats row that has none,
   * its fields without Splunk's internal ones ({@code _serial}, {@code _indextime}, ...), in name order.
   */
  static String identity(ResultRow row) {
    String raw = JsonValues.text(row.node().get("_raw"));
    if (raw != null) {
      return Digests.sha256Hex(raw);
    }
    TreeMap<String, JsonNode> fields = new TreeMap<>();
    for (var field : row.node().properties()) {
      if (!field.getKey().startsWith("_")) {
        fields.put(field.getKey(), field.getValue());
      }
    }
    StringBuilder canonical = new StringBuilder();
    fields.forEach((name, value) -> {
      canonical.append(TextNode.valueOf(name)).append('=');
      write(value, canonical, 0);
      canonical.append('\n');
    });
    return Digests.sha256Hex(canonical.toString());
  }

  private static void write(JsonNode value, StringBuilder out, int depth) {
    if (depth >= MAX_DEPTH) {
      out.append('\u2026');
    } else if (value.isArray()) {
      out.append('[');
      value.forEach(item -> {
        write(item, out, depth + 1);
        out.append(',');
      });
      out.append(']');
    } else if (value.isObject()) {
      out.append('{');
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      value.properties().forEach(field -> sorted.put(field.getKey(), field.getValue()));
      sorted.forEach((name, item) -> {
        out.append(TextNode.valueOf(name)).append(':');
        write(item, out, depth + 1);
        out.append(',');
      });
      out.append('}');
    } else if (value.isTextual()) {
      out.append(value);
    } else {
      out.append(value.asText());
    }
  }
}
