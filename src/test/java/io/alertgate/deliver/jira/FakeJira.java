package io.alertgate.deliver.jira;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.alertgate.support.PooledVertx.await;

/**
 * A Jira on loopback, good enough for the connector: it keeps issues with their labels and comments, finds them by
 * label only once its search index has caught up (a lag in fake time, as Jira Cloud's does), answers the retired
 * classic search with 410, records every request, and plays scripted answers in place of its own.
 */
final class FakeJira {

  /** A request as Jira saw it. */
  record Received(String method, String uri, Map<String, String> headers, String body) {

    JsonObject json() {
      return new JsonObject(body);
    }
  }

  /** An issue as Jira keeps it. */
  record Issue(String key, JsonObject fields, Instant created, List<JsonObject> comments) {}

  /** Fake time: the connector and the search index read it, a test moves it on. */
  static final class FakeClock extends Clock {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T03:00:00Z"));

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration by) {
      now.updateAndGet(at -> at.plus(by));
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private static final Pattern LABEL = Pattern.compile("labels = \"([^\"]+)\"");
  private static final Pattern COMMENT = Pattern.compile("/rest/api/[23]/issue/([^/]+)/comment");

  final FakeClock clock = new FakeClock();
  final List<Received> received = new CopyOnWriteArrayList<>();
  final List<Issue> issues = new CopyOnWriteArrayList<>();
  /** Scripted answers, one a request, in place of Jira's own. */
  final Queue<BiConsumer<HttpServerRequest, Received>> script = new ConcurrentLinkedQueue<>();
  private final HttpServer server;
  private volatile Duration indexLag = Duration.ZERO;

  FakeJira(Vertx vertx) throws Exception {
    server = await(vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
      request.headers().forEach(header -> headers.put(header.getKey(), header.getValue()));
      Received got = new Received(request.method().name(), request.uri(), headers, body.toString());
      received.add(got);
      BiConsumer<HttpServerRequest, Received> scripted = script.poll();
      if (scripted == null) {
        answer(request, got);
      } else {
        scripted.accept(request, got);
      }
    })).listen(0, "127.0.0.1"));
  }

  int port() {
    return server.actualPort();
  }

  /** How long an issue stays out of search results after it was opened. */
  void indexLag(Duration lag) {
    indexLag = lag;
  }

  List<Received> to(String pathPart) {
    return received.stream().filter(r -> r.uri().contains(pathPart)).toList();
  }

  /** Jira's own answer. */
  void answer(HttpServerRequest request, Received got) {
    String path = got.uri();
    Matcher comment = COMMENT.matcher(path);
    if (path.equals("/rest/api/3/search")) {
      json(request, 410, new JsonObject().put("errorMessages", new JsonArray().add("The requested API has been"
          + " removed. Please migrate to the /rest/api/3/search/jql API.")));
    } else if (path.endsWith("/search/jql") || path.equals("/rest/api/2/search")) {
      json(request, 200, search(got.json().getString("jql")));
    } else if (path.endsWith("/issue") && got.method().equals("POST")) {
      Issue issue = open(got);
      json(request, 201, new JsonObject().put("id", String.valueOf(10_000 + issues.size())).put("key", issue.key())
          .put("self", "http://127.0.0.1/rest/api/3/issue/" + issue.key()));
    } else if (comment.matches()) {
      Issue issue = issues.stream().filter(i -> i.key().equals(comment.group(1))).findFirst().orElse(null);
      if (issue == null) {
        json(request, 404, new JsonObject().put("errorMessages", new JsonArray()
            .add("Issue does not exist or you do not have permission to see it.")).put("errors", new JsonObject()));
      } else {
        issue.comments().add(got.json());
        json(request, 201, new JsonObject().put("id", "10" + issue.comments().size()));
      }
    } else if (path.endsWith("/myself")) {
      json(request, 200, new JsonObject().put("accountId", "5b10a2844c20165700ede21g")
          .put("displayName", "Mia Krystof").put("active", true));
    } else {
      json(request, 404, new JsonObject().put("errorMessages", new JsonArray().add("no such resource")));
    }
  }

  /** Opens the issue a create request asks for, as Jira would, whether or not it then answers. */
  Issue open(Received create) {
    JsonObject fields = create.json().getJsonObject("fields");
    Issue issue = new Issue(fields.getJsonObject("project").getString("key") + "-" + (issues.size() + 1), fields,
        clock.instant(), new CopyOnWriteArrayList<>());
    issues.add(issue);
    return issue;
  }

  private JsonObject search(String jql) {
    Matcher label = LABEL.matcher(jql);
    List<JsonObject> found = new ArrayList<>();
    if (label.find()) {
      issues.stream()
          .filter(issue -> issue.fields().getJsonArray("labels").contains(label.group(1)))
          .filter(issue -> !issue.created().plus(indexLag).isAfter(clock.instant()))
          .limit(1)
          .forEach(issue -> found.add(new JsonObject().put("id", "10001").put("key", issue.key())));
    }
    return new JsonObject().put("issues", new JsonArray(found)).put("isLast", true);
  }

  static void json(HttpServerRequest request, int status, JsonObject body) {
    request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body.encode());
  }
}
