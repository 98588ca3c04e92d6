package io.alertgate.deliver.jira;

import io.alertgate.deliver.Incident;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * What the gateway writes into Jira about an incident: an issue's summary and description, and the comments that
 * tell of it firing again or being resolved. Everything comes from a sender, so each piece is cut to a size Jira
 * takes (a text field holds at most 32,767 characters; this stays well below it) and freed of control characters.
 */
final class IssueText {

  /** Jira's limit on a summary. */
  static final int MAX_SUMMARY = 255;

  private static final String UNTITLED = "Alert";
  private static final int MAX_DESCRIPTION = 8_000;
  private static final int MAX_LINES = 100;
  private static final int MAX_ITEMS = 25;
  private static final int MAX_ITEM = 200;
  private static final int MAX_LINE = 1_000;
  private static final int MAX_HREF = 2_000;
  // What RFC 3986 allows in an address, less the brackets and bar a wiki link would end at.
  private static final Pattern HREF_CHARACTERS = Pattern.compile("[!#$%&'()*+,\\-./0-9:;=?@A-Z_a-z~]+");
  private static final Map<String, String> KINDS = Map.of("ips", "IP", "domains", "domain", "urls", "URL",
      "hashes", "hash", "hosts", "host", "users", "user");

  private IssueText() {
  }

  /** The title on one line, at most {@value #MAX_SUMMARY} characters, a character never cut in half. */
  static String summary(Incident incident) {
    String title = oneLine(incident.title());
    return clip(title.isEmpty() ? UNTITLED : title, MAX_SUMMARY);
  }

  /** The issue's description: the incident's headline facts, its own text, its indicators and links. */
  static List<Block> description(Incident incident, String incidentKey) {
    List<Block> blocks = new ArrayList<>();
    line(blocks, null, incident.title());
    facts(blocks, incident);
    line(blocks, "Incident key", incidentKey);
    if (incident.details().getValue("enrichment") instanceof JsonObject enrichment
        && enrichment.getValue("verdict") instanceof String verdict) {
      // What the threat-intelligence providers made of the indicators, when the alert was enriched.
      line(blocks, "Enrichment verdict", verdict + " (" + enrichment.getString("status", "unknown") + ")");
    }
    if (incident.description() != null) {
      List<String> lines = incident.description().lines().map(IssueText::oneLine).filter(l -> !l.isEmpty())
          .limit(MAX_LINES).toList();
      int room = MAX_DESCRIPTION;
      for (String text : lines) {
        if (room <= 1) {
          break;
        }
        String kept = clip(text, Math.min(room, MAX_LINE));
        line(blocks, null, kept);
        room -= kept.length();
      }
    }
    bullets(blocks, "Indicators", indicators(incident.details()));
    bullets(blocks, "Links", links(incident.links()));
    return blocks;
  }

  /** A comment on an issue whose incident fired again. */
  static List<Block> firedAgain(Incident incident) {
    return comment("The alert fired again.", incident);
  }

  /** A comment on an issue whose incident its source closed. */
  static List<Block> resolved(Incident incident) {
    return comment("Resolved at the source.", incident);
  }

  private static List<Block> comment(String headline, Incident incident) {
    List<Block> blocks = new ArrayList<>();
    line(blocks, null, headline);
    line(blocks, "Title", incident.title());
    facts(blocks, incident);
    return blocks;
  }

  private static void facts(List<Block> blocks, Incident incident) {
    line(blocks, "Severity", incident.severity().wireName());
    line(blocks, "Source", incident.source());
    incident.alertId().ifPresent(id -> line(blocks, "Alert", id.toString()));
  }

  private static void line(List<Block> blocks, String label, String text) {
    String clean = clip(oneLine(text), MAX_LINE);
    if (!clean.isEmpty()) {
      blocks.add(new Block.Line(label, clean));
    }
  }

  private static void bullets(List<Block> blocks, String label, List<Block.Item> items) {
    if (!items.isEmpty()) {
      List<Block.Item> kept = new ArrayList<>(items.subList(0, Math.min(items.size(), MAX_ITEMS)));
      if (items.size() > MAX_ITEMS) {
        kept.add(new Block.Item("and " + (items.size() - MAX_ITEMS) + " more", null));
      }
      blocks.add(new Block.Bullets(label, kept));
    }
  }

  /** Each indicator as "IP 203.0.113.9 (source)": its kind, its value, what else it says of itself. */
  private static List<Block.Item> indicators(JsonObject details) {
    List<Block.Item> items = new ArrayList<>();
    if (!(details.getValue("indicators") instanceof JsonObject indicators)) {
      return items;
    }
    for (String field : indicators.fieldNames()) {
      if (!(indicators.getValue(field) instanceof JsonArray values)) {
        continue;
      }
      String kind = KINDS.getOrDefault(field, field);
      for (Object value : values) {
        described(value).map(text -> clip(oneLine(kind + " " + text), MAX_ITEM))
            .ifPresent(text -> items.add(new Block.Item(text, null)));
      }
    }
    return items;
  }

  private static Optional<String> described(Object value) {
    if (value instanceof String text && !text.isBlank()) {
      return Optional.of(text);
    }
    if (value instanceof JsonObject object && object.getValue("value") instanceof String text && !text.isBlank()) {
      StringJoiner more = new StringJoiner(", ", " (", ")").setEmptyValue("");
      object.fieldNames().stream().filter(name -> !name.equals("value"))
          .map(object::getValue).filter(String.class::isInstance).map(String.class::cast).forEach(more::add);
      return Optional.of(text + more);
    }
    return Optional.empty();
  }

  private static List<Block.Item> links(JsonArray links) {
    List<Block.Item> items = new ArrayList<>();
    for (Object link : links) {
      if (link instanceof JsonObject object) {
        Optional<String> href = href(object.getValue("href"));
        String given = object.getValue("text") instanceof String text ? oneLine(text) : "";
        String text = given.isEmpty() ? href.orElse("") : given;
        if (!text.isEmpty()) {
          items.add(new Block.Item(clip(text, MAX_ITEM), href.orElse(null)));
        }
      }
    }
    return items;
  }

  /** An address fit to link to: absolute http or https, and nothing that could end a wiki link early. */
  private static Optional<String> href(Object value) {
    if (!(value instanceof String text) || text.length() > MAX_HREF || !HREF_CHARACTERS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? Optional.of(text)
          : Optional.empty();
    } catch (URISyntaxException notAnAddress) {
      return Optional.empty();
    }
  }

  /** Control characters and line breaks as spaces, runs of white space as one. */
  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    return text.replaceAll("[\\p{Cc}\\p{Zl}\\p{Zp}\\s]+", " ").trim();
  }

  /** At most {@code max} characters, cut where no surrogate pair is split, an ellipsis saying it was cut. */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 1;
    if (Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "\u2026";
  }
}
