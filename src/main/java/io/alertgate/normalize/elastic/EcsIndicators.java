package io.alertgate.normalize.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.alertgate.json.DottedKeys;
import io.alertgate.json.JsonValues;
import io.alertgate.normalize.Indicators;
import io.alertgate.normalize.Indicators.IpRole;

import java.util.List;
import java.util.function.Consumer;

/** Indicators from the Elastic Common Schema fields of an alert document (any of them may be multi-valued). */
final class EcsIndicators {

  private static final List<String> HASHED = List.of("file", "process", "process.parent", "dll");
  private static final List<String> HASH_TYPES = List.of("md5", "sha1", "sha256");

  private EcsIndicators() {
  }

  static void read(JsonNode doc, Indicators out) {
    each(doc, "source.ip", ip -> out.ip(ip, IpRole.SOURCE));
    each(doc, "destination.ip", ip -> out.ip(ip, IpRole.DESTINATION));
    each(doc, "host.ip", ip -> out.ip(ip, IpRole.HOST));
    for (String field : List.of("client.ip", "server.ip", "related.ip")) {
      each(doc, field, ip -> out.ip(ip, IpRole.OTHER));
    }
    for (String field : List.of("host.name", "host.hostname", "related.hosts")) {
      each(doc, field, out::host);
    }
    for (String field : List.of("user.name", "source.user.name", "destination.user.name", "related.user")) {
      each(doc, field, out::user);
    }
    for (String field : List.of("url.full", "url.original")) {
      each(doc, field, out::url);
    }
    for (String field : List.of("url.domain", "dns.question.name", "destination.domain", "source.domain")) {
      each(doc, field, out::domain);
    }
    for (String owner : HASHED) {
      for (String type : HASH_TYPES) {
        each(doc, owner + ".hash." + type, out::hash);
      }
    }
    each(doc, "related.hash", out::hash);
  }

  private static void each(JsonNode doc, String path, Consumer<String> add) {
    JsonValues.texts(DottedKeys.find(doc, path)).forEach(add);
  }
}
