package io.alertgate.admin;

import io.alertgate.http.RegisteredRoutes.Endpoint;
import io.vertx.config.yaml.YamlProcessor;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/** The OpenAPI description the admin port serves, read as the YAML the gateway's configuration is read with. */
final class ApiDescription {

  static final String INGEST_PORT = "8080";
  static final String ADMIN_PORT = "9090";
  static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  final byte[] bytes;
  final JsonObject document;

  private ApiDescription(byte[] bytes, JsonObject document) {
    this.bytes = bytes;
    this.document = document;
  }

  static ApiDescription load(Vertx vertx) throws Exception {
    byte[] bytes;
    try (InputStream in = ApiDescription.class.getResourceAsStream(OpenApiRoutes.RESOURCE)) {
      if (in == null) {
        throw new IOException(OpenApiRoutes.RESOURCE + " is not on the classpath");
      }
      bytes = in.readAllBytes();
    }
    JsonObject document = new YamlProcessor().process(vertx, new JsonObject(), Buffer.buffer(bytes))
        .await(30, TimeUnit.SECONDS);
    return new ApiDescription(bytes, document);
  }

  JsonObject paths() {
    return document.getJsonObject("paths");
  }

  /**
   * The operations the description puts on a port, named by its default port number: a path's own servers say where
   * it is served, and a path without any is served where the document's servers say.
   */
  List<Endpoint> endpoints(String port) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (String path : paths().fieldNames()) {
      JsonObject item = paths().getJsonObject(path);
      JsonArray servers = item.getJsonArray("servers", document.getJsonArray("servers"));
      if (!ports(servers).contains(port)) {
        continue;
      }
      METHODS.stream().filter(item::containsKey)
          .forEach(method -> endpoints.add(new Endpoint(method.toUpperCase(Locale.ROOT), path)));
    }
    return endpoints;
  }

  /** Every schema written in place (of a parameter, a header, a body), by where it is; the components not. */
  Map<String, Object> schemasInPaths() {
    Map<String, Object> schemas = new LinkedHashMap<>();
    JsonObject rest = document.copy();
    rest.getJsonObject("components").remove("schemas");
    collectSchemas(rest, "#", schemas);
    return schemas;
  }

  private static void collectSchemas(Object node, String where, Map<String, Object> schemas) {
    if (node instanceof JsonObject object) {
      object.forEach(entry -> {
        String inside = where + "/" + entry.getKey();
        if (entry.getKey().equals("schema")) {
          schemas.put(inside, entry.getValue());
        } else {
          collectSchemas(entry.getValue(), inside, schemas);
        }
      });
    } else if (node instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        collectSchemas(array.getValue(i), where + "/" + i, schemas);
      }
    }
  }

  /** Every {@code $ref} inside the document that does not lead to a part of it. */
  List<String> danglingReferences() {
    List<String> dangling = new ArrayList<>();
    collectDangling(document, dangling);
    return dangling;
  }

  private void collectDangling(Object node, List<String> dangling) {
    if (node instanceof JsonObject object) {
      if (object.getValue("$ref") instanceof String ref && ref.startsWith("#/") && resolve(ref) == null) {
        dangling.add(ref);
      }
      object.forEach(entry -> collectDangling(entry.getValue(), dangling));
    } else if (node instanceof JsonArray array) {
      array.forEach(item -> collectDangling(item, dangling));
    }
  }

  /** What a local reference such as {@code #/components/schemas/Error} points at, or null. */
  Object resolve(String ref) {
    Object node = document;
    for (String token : ref.substring(2).split("/")) {
      String key = token.replace("~1", "/").replace("~0", "~");
      node = node instanceof JsonObject object ? object.getValue(key) : null;
    }
    return node;
  }

  private static Set<String> ports(JsonArray servers) {
    Set<String> ports = new TreeSet<>();
    for (Object server : servers) {
      JsonObject variables = ((JsonObject) server).getJsonObject("variables", new JsonObject());
      ports.add(variables.getJsonObject("port", new JsonObject()).getString("default"));
    }
    return ports;
  }
}
