package io.alertgate.admin;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.yaml}: the OpenAPI description of the ingest and admin APIs. It ships inside the jar with
 * the code it describes, so it is read once, when the admin port starts, and served from memory.
 */
final class OpenApiRoutes {

  static final String RESOURCE = "/openapi/alertgate.yaml";

  private final Buffer document;

  OpenApiRoutes() {
    document = Buffer.buffer(read());
  }

  void mount(Router router) {
    router.get("/api/v1/openapi.yaml").handler(QueryParams.only()).handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml")
        .end(document));
  }

  /** A jar entry, read like a class is loaded: quick enough for the event loop, and only once. */
  private static byte[] read() {
    try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + RESOURCE, e);
    }
  }
}
