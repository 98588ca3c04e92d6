package io.alertgate.deliver.jira;

import io.alertgate.deliver.AttemptOutcome;
import io.alertgate.deliver.AttemptResult;
import io.alertgate.deliver.ConnectionCheck;
import io.alertgate.deliver.Connector;
import io.alertgate.deliver.DeliveryRequest;
import io.alertgate.deliver.Incident;
import io.alertgate.deliver.http.Answer;
import io.alertgate.deliver.http.OutboundClient;
import io.alertgate.deliver.http.OutboundRequest;
import io.alertgate.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Opens and comments on Jira issues. Every issue carries a label made of its incident's key, and is searched for
 * by it before one is opened, so a retry, a replay or a second gateway adopts the issue instead of opening another.
 * A created incident opens an issue; an update comments on it (opening it when Jira has none); a resolve comments
 * that the source closed it, and leaves the issue's status alone: workflows differ from project to project, and
 * which transition means "done" is the team's to say. A resolve of an incident Jira never had opens nothing.
 */
public final class JiraConnector implements Connector {

  /*
   * Jira Cloud's search trails its writes: an issue opened a moment ago may not be found for a while. A create that
   * got no answer, or a 5xx, may still have opened its issue, so its retry waits at least this long, and its search
   * then finds and adopts that issue instead of opening a second one.
   */
  static final Duration ADOPTION_WINDOW = Duration.ofSeconds(60);

  // Jira limits each account's request rate (Cloud answers a burst with 429) and a Server node serves people too;
  // opening tickets is no high-volume path, and eight at once keeps well within either.
  private static final int CONNECTIONS = 8;
  // Enough of an answer to read an issue key, a user or an error; Jira's answers to these requests are small.
  private static final int READ_BYTES = 16 * 1024;
  private static final String WHO = "Jira";
  private static final int MAX_REASON = 300;

  private final OutboundClient client;
  private final JiraSettings settings;
  private final JiraRequests requests;
  private final Duration adoptionWindow;

  public JiraConnector(Vertx vertx, JiraSettings settings, TargetGuard guard, Clock clock) {
    this(vertx, settings, guard, clock, ADOPTION_WINDOW);
  }

  JiraConnector(Vertx vertx, JiraSettings settings, TargetGuard guard, Clock clock, Duration adoptionWindow) {
    this.client = new OutboundClient(vertx, settings.baseUrl(), settings.tls(), settings.timeout(), CONNECTIONS,
        guard, clock);
    this.settings = settings;
    this.requests = new JiraRequests(settings);
    this.adoptionWindow = adoptionWindow;
  }

  @Override
  public Future<AttemptOutcome> send(DeliveryRequest request) {
    String label = JiraRequests.label(request.idempotencyKey());
    Incident incident = request.incident();
    Future<AttemptOutcome> sent;
    try {
      sent = switch (request.eventType()) {
        case CREATED -> lookUp(request, label, key -> Future.succeededFuture(null), () -> create(request, label));
        case UPDATED -> onIssue(request, label, key -> comment(request, key, IssueText.firedAgain(incident)),
            () -> create(request, label));
        case RESOLVED -> onIssue(request, label, key -> comment(request, key, IssueText.resolved(incident)),
            () -> Future.succeededFuture(null));
      };
    } catch (RuntimeException unwritable) {
      sent = Future.failedFuture(unwritable);
    }
    return sent.otherwise(this::unwritable).map(this::withoutSecrets);
  }

  /** The issue an earlier delivery named, else the one the search finds. */
  private Future<AttemptOutcome> onIssue(DeliveryRequest request, String label,
                                         Function<String, Future<AttemptOutcome>> found,
                                         Supplier<Future<AttemptOutcome>> missing) {
    return request.incidentRef().map(found).orElseGet(() -> lookUp(request, label, found, missing));
  }

  /**
   * Searches for the incident's issue and goes on with what was found: {@code found} with its key, {@code missing}
   * without. Either may answer null, for "nothing more to send": the search's own outcome is then the attempt's.
   */
  private Future<AttemptOutcome> lookUp(DeliveryRequest request, String label,
                                        Function<String, Future<AttemptOutcome>> found,
                                        Supplier<Future<AttemptOutcome>> missing) {
    OutboundRequest search = requests.search(label);
    return client.send(search, request.deadline(), READ_BYTES).compose(answer -> {
      if (answer.result() != AttemptResult.DELIVERED) {
        return Future.succeededFuture(outcome(search, answer, WHO + " (search)", null));
      }
      Optional<Optional<String>> issue = firstIssue(answer);
      if (issue.isEmpty()) {
        // Not knowing whether the issue exists, opening one could make a second: a later search may read better.
        return Future.succeededFuture(new AttemptOutcome(AttemptResult.RETRYABLE, answer.status(), null,
            Optional.empty(), WHO + " (search) answered " + answer.status() + " with a body that is not a search "
                + "result; nothing was opened", search.shown(), answer.logged()));
      }
      Optional<String> key = issue.get();
      Future<AttemptOutcome> next = key.isPresent() ? found.apply(key.get()) : missing.get();
      return next.map(then -> then == null
          ? outcome(search, answer, WHO + " (search)", key.orElse(null))
          : new AttemptOutcome(then.result(), then.status(), then.externalRef(), then.retryAfter(), then.error(),
              search.shown() + ", then " + then.request(), then.response()));
    });
  }

  /** The first issue's key, or none when nothing was found; empty when the answer is no search result. */
  private static Optional<Optional<String>> firstIssue(Answer answer) {
    Optional<JsonArray> issues = answer.json().map(body -> body.getValue("issues"))
        .filter(JsonArray.class::isInstance).map(JsonArray.class::cast);
    if (issues.isEmpty() || issues.get().isEmpty()) {
      return issues.map(none -> Optional.empty());
    }
    Object first = issues.get().getValue(0);
    return Optional.ofNullable(first instanceof JsonObject issue ? issueKey(issue.getValue("key")) : null)
        .map(Optional::of);
  }

  private Future<AttemptOutcome> create(DeliveryRequest request, String label) {
    OutboundRequest create = requests.create(request, label);
    return client.send(create, request.deadline(), READ_BYTES).map(answer -> {
      String key = answer.json().map(body -> issueKey(body.getValue("key"))).orElse(null);
      AttemptOutcome outcome = outcome(create, answer, WHO + " (create issue)", key);
      boolean mayHaveOpened = outcome.result() == AttemptResult.RETRYABLE
          && (!answer.answered() || answer.status() >= 500);
      return mayHaveOpened ? adoptionWindow(outcome) : outcome;
    });
  }

  /** The retry of a create that may have opened its issue comes once a search can find it. */
  private AttemptOutcome adoptionWindow(AttemptOutcome outcome) {
    Duration wait = outcome.retryAfter().filter(asked -> asked.compareTo(adoptionWindow) > 0).orElse(adoptionWindow);
    return new AttemptOutcome(outcome.result(), outcome.status(), null, Optional.of(wait), outcome.error()
        + "; the issue may have been opened, so the next attempt searches for it after " + wait.toSeconds() + " s",
        outcome.request(), outcome.response());
  }

  private Future<AttemptOutcome> comment(DeliveryRequest request, String key, List<Block> text) {
    OutboundRequest comment = requests.comment(key, text);
    String who = WHO + " (comment on " + key + ")";
    return client.send(comment, request.deadline(), READ_BYTES).map(answer -> {
      if (answer.status() == 404) {
        // Permanent like any 404, but the operator should hear that the issue itself is what went missing.
        String why = why(answer).map(reason -> reason + "; ").orElse("")
            + "the issue is gone, or out of these credentials' sight";
        return answer.outcome(comment, who, key, Optional.of(why), client.now());
      }
      return outcome(comment, answer, who, key);
    });
  }

  /**
   * The credentials' own user: answered only to valid credentials, and reading it changes nothing in Jira. Its display
   * name is shown, so the operator sees whose account the gateway acts as.
   */
  @Override
  public Future<ConnectionCheck> check(Instant deadline) {
    OutboundRequest myself = requests.myself();
    return client.send(myself, deadline, READ_BYTES).map(answer -> {
      AttemptOutcome outcome = withoutSecrets(outcome(myself, answer, WHO, null));
      Optional<JsonObject> user = answer.json();
      if (outcome.result() == AttemptResult.DELIVERED && user.isEmpty()) {
        return new ConnectionCheck(false, answer.status(), "the address answered " + answer.status()
            + " but not as Jira does: is base_url the address of Jira itself?");
      }
      String name = user.map(body -> body.getValue("displayName")).filter(String.class::isInstance)
          .map(given -> IssueText.clip(IssueText.oneLine((String) given), 100)).filter(given -> !given.isEmpty())
          .map(given -> " of " + given).orElse("");
      return ConnectionCheck.of(outcome, "Jira accepted the credentials" + name);
    });
  }

  private AttemptOutcome outcome(OutboundRequest request, Answer answer, String who, String key) {
    return answer.outcome(request, who, key, why(answer), client.now());
  }

  /** Jira's reasons, any credential they quote cut out before they are cut short. */
  private Optional<String> why(Answer answer) {
    return JiraErrors.of(answer).map(settings::redacted).map(reason -> IssueText.clip(reason, MAX_REASON));
  }

  /** What Jira calls an issue, when a value is one: short printable text without spaces. */
  private static String issueKey(Object value) {
    return value instanceof String key && !key.isEmpty() && key.length() <= 255
        && key.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)) ? key : null;
  }

  private AttemptOutcome unwritable(Throwable failure) {
    return new AttemptOutcome(AttemptResult.PERMANENT, 0, null, Optional.empty(),
        "the incident could not be written as a Jira request (" + failure.getClass().getSimpleName() + ")",
        settings.baseUrl().shown(), null);
  }

  /** Jira may quote a request back; the token must not reach the attempt log through it. */
  private AttemptOutcome withoutSecrets(AttemptOutcome outcome) {
    AttemptOutcome clean = outcome;
    for (String secret : settings.secrets()) {
      clean = clean.redacting(secret);
    }
    return clean;
  }

  @Override
  public Duration timeout() {
    return settings.timeout();
  }

  @Override
  public Future<Void> close() {
    return client.close();
  }
}
