package io.alertgate.enrich;

import io.alertgate.support.RunningGateway;
import io.alertgate.support.Signatures;
import io.alertgate.support.TestConfigs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static io.alertgate.support.PooledVertx.await;

/**
 * What end-to-end tests with enrichment put around a gateway: VirusTotal and AbuseIPDB on one loopback port,
 * answering about any address with the vendors' bodies for a known, abusive one (VirusTotal after a delay, or with a
 * 429, when a test says so; a wrong key gets the vendor's 401), every request recorded; and a webhook receiver that
 * keeps each alert it is sent, but refuses (422) those sent to {@link #refusingDestination()}.
 */
public final class FakeIntel implements AutoCloseable {

  static final String VT_KEY = "vt-test-key-0c1d9e";
  static final String ABUSE_KEY = "abuse-test-key-77aa";
  static final String VIRUSTOTAL = "virustotal";
  static final String ABUSEIPDB = "abuseipdb";
  private static final String REFUSED_PATH = "/refused";

  /** A request as the providers saw it: to which of them, and its path and query. */
  record Asked(String provider, String uri) {}

  final List<Asked> asked = new CopyOnWriteArrayList<>();
  public final List<JsonObject> delivered = new CopyOnWriteArrayList<>();
  final AtomicLong virusTotalDelayMs = new AtomicLong();
  private final AtomicInteger virusTotalThrottled = new AtomicInteger();
  private volatile int retryAfterSeconds;
  private final Vertx vertx;
  private HttpServer providers;
  private HttpServer receiver;

  private FakeIntel(Vertx vertx) {
    this.vertx = vertx;
  }

  public static FakeIntel start() throws Exception {
    FakeIntel fake = new FakeIntel(Vertx.vertx());
    fake.providers = await(fake.vertx.createHttpServer().requestHandler(fake::provide).listen(0, "127.0.0.1"));
    fake.receiver = await(fake.vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      if (request.path().equals(REFUSED_PATH)) {
        request.response().setStatusCode(422).end();
        return;
      }
      fake.delivered.add(new JsonObject(body));
      request.response().setStatusCode(204).end();
    })).listen(0, "127.0.0.1"));
    return fake;
  }

  /** VirusTotal answers its next {@code requests} with a 429 asking to wait this long. */
  void throttleVirusTotal(int requests, int retryAfterSeconds) {
    this.retryAfterSeconds = retryAfterSeconds;
    virusTotalThrottled.set(requests);
  }

  private void provide(HttpServerRequest request) {
    boolean virusTotal = request.path().startsWith("/api/v3/");
    asked.add(new Asked(virusTotal ? VIRUSTOTAL : ABUSEIPDB, request.uri()));
    String key = request.getHeader(virusTotal ? "x-apikey" : "Key");
    if (!(virusTotal ? VT_KEY : ABUSE_KEY).equals(key)) {
      answer(request, 401, virusTotal ? "virustotal-wrong-credentials.json" : "abuseipdb-bad-key.json");
    } else if (virusTotal && virusTotalThrottled.getAndDecrement() > 0) {
      request.response().putHeader("Retry-After", Integer.toString(retryAfterSeconds));
      answer(request, 429, "virustotal-quota-exceeded.json");
    } else if (virusTotal && virusTotalDelayMs.get() > 0) {
      vertx.setTimer(virusTotalDelayMs.get(), late -> answer(request, 200, "virustotal-ip.json"));
    } else {
      answer(request, 200, virusTotal ? "virustotal-ip.json" : "abuseipdb-check.json");
    }
  }

  private static void answer(HttpServerRequest request, int status, String fixture) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(fixture(fixture));
  }

  /**
   * A gateway's settings: the pipeline on, enrichment by both fakes within {@code budgetMs}, and the receiver as its
   * one destination. A test changes what it needs in the {@code enrichment} object before parsing.
   */
  public JsonObject yaml(int budgetMs) {
    String base = "http://127.0.0.1:" + providers.actualPort();
    return TestConfigs.yaml()
        .put("pipeline", new JsonObject().put("enabled", true).put("sweep_interval_ms", 200).put("grace_seconds", 1))
        .put("relay", new JsonObject().put("allow_cidrs", new JsonArray().add("127.0.0.0/8")))
        .put("destinations", new JsonObject().put("soc", new JsonObject().put("type", "webhook")
            .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook").put("timeout", 5)))
        .put("enrichment", new JsonObject().put("time_budget_ms", budgetMs)
            .put(VIRUSTOTAL, new JsonObject().put("api_key", VT_KEY).put("base_url", base))
            .put(ABUSEIPDB, new JsonObject().put("api_key", ABUSE_KEY).put("base_url", base)));
  }

  /** A webhook destination on the receiver that refuses every alert for good, so each becomes a dead letter. */
  public JsonObject refusingDestination() {
    return new JsonObject().put("type", "webhook")
        .put("url", "http://127.0.0.1:" + receiver.actualPort() + REFUSED_PATH).put("timeout", 5);
  }

  /** How many requests the provider had. */
  long requestsTo(String provider) {
    return asked.stream().filter(one -> one.provider().equals(provider)).count();
  }

  /** How many requests the provider had that name this value (an address). */
  long askedAbout(String provider, String value) {
    return asked.stream().filter(one -> one.provider().equals(provider) && one.uri().contains(value)).count();
  }

  /** The signed Elastic alert with this id and source address, posted; its answer comes with the future. */
  public static Future<HttpResponse<Buffer>> post(RunningGateway gw, String id, String sourceIp) {
    String body = "{\"kibana.alert.uuid\":\"" + id + "\",\"kibana.alert.rule.name\":\"Enriched rule\","
        + "\"kibana.alert.severity\":\"high\",\"source.ip\":\"" + sourceIp + "\"}";
    return gw.post("elastic").putHeader("webhook-id", id)
        .putHeader("X-Elastic-Signature", Signatures.hex(TestConfigs.ELASTIC_SECRET, body))
        .sendBuffer(Buffer.buffer(body));
  }

  /** A delivered alert's enrichment, as the webhook receives it. */
  static JsonObject enrichment(JsonObject delivered) {
    return delivered.getJsonObject("custom_details").getJsonObject("enrichment");
  }

  /** A delivered alert's result from this provider about this indicator, or null. */
  static JsonObject result(JsonObject delivered, String provider, String indicator) {
    Stream<JsonObject> results = enrichment(delivered).getJsonArray("results").stream().map(JsonObject.class::cast);
    return results.filter(one -> provider.equals(one.getString("provider"))
        && indicator.equals(one.getString("indicator"))).findFirst().orElse(null);
  }

  static String fixture(String name) {
    try (InputStream in = FakeIntel.class.getResourceAsStream("/enrich/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws Exception {
    await(vertx.close());
  }
}
