package io.alertgate.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alertgate.bus.Addresses;
import io.alertgate.config.AuthScheme;
import io.alertgate.digest.Digests;
import io.alertgate.http.ApiError;
import io.alertgate.http.Utf8Json;
import io.alertgate.ingest.auth.AuthRejectedException;
import io.alertgate.ingest.auth.AuthRequest;
import io.alertgate.ingest.dedup.DedupKeys;
import io.alertgate.logging.LogFields;
import io.alertgate.store.TimeOrderedIds;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.vertx.core.AsyncResult;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/webhooks/{source}}: checks a request in the documented order (source 404, size 413, media
 * type 415, auth 401, JSON 400), commits it, and answers only once the commit is confirmed.
 */
final class WebhookHandler {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  private static final String PREFIX = "/api/v1/webhooks/";
  private static final String PATH = PREFIX + ":source";
  // C0 controls and DEL.
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private static final int STORAGE_RETRY_AFTER_SECONDS = 5;
  private static final int MAX_NAME_ECHO = 64;

  /** Kept with the event for tracing; credentials and signatures never are. */
  private static final List<String> STORED_HEADERS = List.of("content-type", "user-agent", "webhook-id",
      "webhook-timestamp", "x-request-id", "x-correlation-id", "x-forwarded-for", "x-real-ip", "traceparent");

  private final SourceRegistry sources;
  private final InboxWriter writer;
  private final EventBus bus;
  private final long maxBodyBytes;
  private final long bodyTimeoutMs;
  private final WebhookMetrics metrics;
  private final InflightBodies inflight;

  WebhookHandler(SourceRegistry sources, InboxWriter writer, EventBus bus, long maxBodyBytes, long bodyTimeoutMs,
                 WebhookMetrics metrics, InflightBodies inflight) {
    this.sources = sources;
    this.metrics = metrics;
    this.inflight = inflight;
    this.writer = writer;
    this.bus = bus;
    this.maxBodyBytes = maxBodyBytes;
    this.bodyTimeoutMs = bodyTimeoutMs;
  }

  void mount(Router router) {
    router.post(PATH).handler(this::receive);
  }

  /** Counts a webhook refused before routing (its framing or target): it is a refused webhook like any other. */
  void refusedAtTheDoor(HttpServerRequest request) {
    String path = request.path();
    if (request.method() == HttpMethod.POST && path != null && path.startsWith(PREFIX)) {
      metrics.answered(sourceName(path.substring(PREFIX.length())), request.response().getStatusCode(), 0);
    }
  }

  /** The source named in a path; one that does not decode is no configured source's name. */
  private static String sourceName(String encoded) {
    try {
      return QueryStringDecoder.decodeComponent(encoded, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException undecodable) {
      return WebhookMetrics.UNKNOWN_SOURCE;
    }
  }

  /** Everything that can be decided from the request line and headers is, before the body is read. */
  private void receive(RoutingContext ctx) {
    String name = ctx.pathParam("source");
    long arrived = System.nanoTime();
    // Counted when the answer goes out, whichever of the paths below (or the error handler) gives it.
    ctx.addHeadersEndHandler(v -> metrics.answered(name, outcome(ctx), System.nanoTime() - arrived));
    IngestSource source = sources.find(name);
    if (source == null) {
      ctx.fail(new ApiError(404, "unknown_source", "No source named '" + truncate(name) + "' is configured"));
      return;
    }
    long length = declaredLength(ctx.request());
    if (length > maxBodyBytes) {
      ctx.fail(BodyReader.tooLarge(maxBodyBytes));
      return;
    }
    if (!isJson(ctx.request())) {
      ctx.fail(new ApiError(415, "unsupported_media_type",
          "Content-Type must be application/json (uncompressed)"));
      return;
    }
    ApiError charset = Utf8Json.charsetRefusal(ctx.request().getHeader(HttpHeaders.CONTENT_TYPE));
    if (charset != null) {
      ctx.fail(charset);
      return;
    }
    BodyClaim claim = inflight.claim();
    // Answered, failed or reset: vertx-web calls this once in every case.
    ctx.addEndHandler(ended -> claim.requestDone());
    BodyReader.read(ctx.vertx(), ctx.request(), maxBodyBytes, length, bodyTimeoutMs, claim).onComplete(read -> {
      if (read.failed()) {
        ctx.fail(read.cause());
        return;
      }
      try {
        accept(ctx, source, read.result(), claim);
      } catch (RuntimeException bug) {
        // Thrown inside a callback it would reach no one: the sender must still get an answer.
        ctx.fail(bug);
      }
    });
  }

  private void accept(RoutingContext ctx, IngestSource source, byte[] body, BodyClaim claim) {
    HttpServerRequest request = ctx.request();
    Instant now = Instant.now();
    try {
      source.authenticator().verify(new AuthRequest(request.headers(), request.getParam("token"), body,
          now.getEpochSecond()));
    } catch (AuthRejectedException rejected) {
      // The sender reads the reason in the 401; at INFO, unauthenticated traffic could flood the log.
      LOG.debug("Rejected a request to source {} from {}: {}", source.name(), remoteAddress(request), rejected.code());
      ctx.fail(new ApiError(401, rejected.code(), rejected.getMessage()));
      return;
    }
    JsonNode document;
    try {
      // Here, on the bytes the signature was checked over, and before the commit.
      Utf8Json.requireUtf8(body);
      document = parse(body);
    } catch (ApiError malformed) {
      ctx.fail(malformed);
      return;
    }
    byte[] digest = Digests.sha256(body);
    boolean signedId = source.config().auth().scheme() == AuthScheme.STANDARD_WEBHOOKS;
    String dedupKey = DedupKeys.of(source.config(), request.getHeader("webhook-id"), signedId, document, digest);
    InboundEvent event = new InboundEvent(TimeOrderedIds.next(), source.name(), dedupKey, StoredBody.of(body), digest,
        storedHeaders(request.headers()), remoteAddress(request), OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
    claim.handedToWriter();
    writer.write(event).onComplete(result -> {
      claim.writerDone();
      respond(ctx, event, result);
    });
  }

  private void respond(RoutingContext ctx, InboundEvent event, AsyncResult<WriteOutcome> result) {
    if (result.failed()) {
      if (result.cause() instanceof StorageUnavailableException unavailable) {
        ctx.fail(new ApiError(503, "storage_unavailable",
            "The event may not have been stored (" + unavailable.getMessage() + "); retry: a retry of a stored "
                + "event is answered as a duplicate", STORAGE_RETRY_AFTER_SECONDS));
      } else {
        ctx.fail(result.cause());
      }
      return;
    }
    WriteOutcome outcome = result.result();
    if (!outcome.duplicate()) {
      bus.send(Addresses.inbox(event.source()), outcome.id().toString());
      LogFields.inbound(LOG.atDebug(), outcome.id(), event.source())
          .log("Accepted inbound event {} from {}", outcome.id(), event.source());
      reply(ctx, 202, outcome, "accepted");
    } else if (outcome.sameBody() || !DedupKeys.isSignedWebhookId(event.dedupKey())) {
      LogFields.inbound(LOG.atDebug(), outcome.id(), event.source())
          .log("Inbound event {} from {} came again; answered as a duplicate", outcome.id(), event.source());
      reply(ctx, 200, outcome, "duplicate");
    } else {
      LogFields.inbound(LOG.atWarn(), outcome.id(), event.source())
          .log("Source {} reused a webhook-id for a different body (stored event {})", event.source(), outcome.id());
      ctx.fail(new ApiError(401, "replayed", "This webhook-id was already used for a different message"));
    }
  }

  /** A refusal for want of room is told apart from one for want of storage, though both are 503. */
  private static WebhookMetrics.Outcome outcome(RoutingContext ctx) {
    if (ctx.failure() instanceof ApiError error && BodyReader.OVERLOADED.equals(error.code())) {
      return WebhookMetrics.Outcome.OVERLOADED;
    }
    return WebhookMetrics.Outcome.of(ctx.response().getStatusCode());
  }

  private static void reply(RoutingContext ctx, int status, WriteOutcome outcome, String word) {
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        // Written out: a UUID and a fixed word need no escaping, and this is every accepted request's answer.
        .end("{\"id\":\"" + outcome.id() + "\",\"status\":\"" + word + "\"}");
  }

  private static JsonNode parse(byte[] body) {
    JsonNode document;
    try {
      document = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? ""
          : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      throw new ApiError(400, "malformed_json", "The body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new ApiError(400, "malformed_json", "The body could not be read as JSON");
    }
    if (document == null || document.isMissingNode()) {
      throw new ApiError(400, "malformed_json", "The body is empty");
    }
    if (!document.isObject() && !document.isArray()) {
      throw new ApiError(400, "malformed_json", "The body must be a JSON object or array");
    }
    return document;
  }

  private static boolean isJson(HttpServerRequest request) {
    String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
    if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.trim())) {
      return false;
    }
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null) {
      return false;
    }
    String mime = type.split(";", 2)[0].trim().toLowerCase();
    return mime.equals("application/json") || (mime.startsWith("application/") && mime.endsWith("+json"));
  }

  private static String storedHeaders(MultiMap headers) {
    JsonObject kept = new JsonObject();
    for (String name : STORED_HEADERS) {
      String value = headers.get(name);
      if (value != null) {
        // Control characters carry nothing worth keeping in a header, and a NUL could not be stored at all.
        kept.put(name, replaceControl(value, ""));
      }
    }
    return kept.encode();
  }

  /** Each C0 control and DEL replaced; the very string, with no regex pass, when it has none (nearly always). */
  private static String replaceControl(String value, String replacement) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return CONTROL.matcher(value).replaceAll(replacement);
      }
    }
    return value;
  }

  /** The peer itself: vertx-web's request wrapper would parse Forwarded headers, which a sender can forge. */
  private static String remoteAddress(HttpServerRequest request) {
    SocketAddress peer = request.connection().remoteAddress();
    return peer == null ? null : peer.hostAddress();
  }

  /** The Content-Length, or -1 when absent or unreadable (the streaming limit still applies). */
  private static long declaredLength(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length == null || length.isEmpty() || length.length() > 18) {
      return -1;
    }
    for (int i = 0; i < length.length(); i++) {
      if (!Character.isDigit(length.charAt(i))) {
        return -1;
      }
    }
    return Long.parseLong(length);
  }

  private static String truncate(String name) {
    String printable = replaceControl(name, "?");
    return printable.length() <= MAX_NAME_ECHO ? printable : printable.substring(0, MAX_NAME_ECHO) + "...";
  }
}
