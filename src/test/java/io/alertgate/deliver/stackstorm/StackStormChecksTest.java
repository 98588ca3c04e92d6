package io.alertgate.deliver.stackstorm;

import io.alertgate.deliver.ConnectionCheck;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.alertgate.deliver.stackstorm.FakeStackStorm.KEY;
import static io.alertgate.deliver.stackstorm.FakeStackStorm.assertHeaders;
import static io.alertgate.deliver.stackstorm.FakeStackStorm.closedAddress;
import static io.alertgate.support.PooledVertx.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the admin side asks of StackStorm beside deliveries: the connection check and the list of actions. */
class StackStormChecksTest {

  private Vertx vertx;
  private FakeStackStorm st2;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    st2 = FakeStackStorm.start(vertx);
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
  }

  @Test
  @DisplayName("The connection check lists one action with the key: accepted, refused, or not StackStorm at all")
  void connectionCheck() throws Exception {
    st2.script.add(request -> request.response().setStatusCode(200)
        .end(new JsonArray().add(new JsonObject().put("ref", "core.local")).encode()));
    st2.script.add(request -> request.response().setStatusCode(401)
        .end("{\"faultstring\":\"Unauthorized - ApiKey not found.\"}"));
    st2.script.add(request -> request.response().setStatusCode(403).end("{\"faultstring\":\"Forbidden\"}"));
    st2.script.add(request -> request.response().setStatusCode(200).end("<html>st2web</html>"));
    StackStormConnector connector = connector(config());
    Instant deadline = Instant.now().plusSeconds(10);
    ConnectionCheck ok = await(connector.check(deadline));
    ConnectionCheck refused = await(connector.check(deadline));
    ConnectionCheck forbidden = await(connector.check(deadline));
    ConnectionCheck notTheApi = await(connector.check(deadline));
    ConnectionCheck unreachable = await(connector(config().put("base_url", closedAddress())).check(deadline));

    assertEquals(new ConnectionCheck(true, 200, "StackStorm accepted the API key"), ok);
    assertEquals(new ConnectionCheck(false, 401, "StackStorm answered 401: Unauthorized - ApiKey not found."),
        refused);
    assertEquals(new ConnectionCheck(false, 403, "StackStorm answered 403: Forbidden"), forbidden);
    assertEquals(new ConnectionCheck(false, 200, "StackStorm answered 200 without a list of actions: is base_url "
        + "StackStorm's address?"), notTheApi);
    assertFalse(unreachable.ok());
    assertEquals(0, unreachable.status());
    FakeStackStorm.Received got = st2.received.get(0);
    assertEquals("GET", got.method());
    assertEquals("/api/v1/actions?limit=1", got.uri());
    assertHeaders(got, false);
    assertEquals("", got.body());
  }

  @Test
  @DisplayName("The action list: ref, pack, name and description of each, and whether StackStorm has more")
  void listsActions() throws Exception {
    st2.script.add(request -> request.response().setStatusCode(200).putHeader("X-Total-Count", "230")
        .end(new JsonArray()
            .add(new JsonObject().put("ref", "core.local").put("pack", "core").put("name", "local")
                .put("description", "Action that executes an arbitrary Linux command on the localhost."))
            .add(new JsonObject().put("pack", "incident_response").put("name", "create_incident"))
            .add(new JsonObject().put("ref", "packs.install"))
            .add(new JsonObject().put("ref", "no-pack").put("description", "left out"))
            .add("not an action").encode()));
    ActionList list = await(connector(config()).actions(Instant.now().plusSeconds(10)));

    assertTrue(list.ok());
    assertTrue(list.more());
    assertEquals(List.of(
        new ActionList.Action("core.local", "core", "local",
            "Action that executes an arbitrary Linux command on the localhost."),
        new ActionList.Action("incident_response.create_incident", "incident_response", "create_incident", null),
        new ActionList.Action("packs.install", "packs", "install", null)),
        list.actions());
    assertEquals(new JsonObject().put("ref", "core.local").put("pack", "core").put("name", "local")
        .put("description", "Action that executes an arbitrary Linux command on the localhost."),
        list.actions().get(0).toJson());
    FakeStackStorm.Received got = st2.received.get(0);
    assertEquals("GET", got.method());
    assertEquals("/api/v1/actions?limit=100&include_attributes=ref,pack,name,description", got.uri());
    assertHeaders(got, false);
  }

  @Test
  @DisplayName("One action object, as the API description's example answers, is read as a list of one")
  void oneActionObject() throws Exception {
    st2.script.add(request -> request.response().setStatusCode(200).end("{\"ref\":\"core.local\"}"));
    st2.script.add(request -> request.response().setStatusCode(200).end("{\"ref\":\"core.local\"}"));
    StackStormConnector connector = connector(config());
    assertTrue(await(connector.check(Instant.now().plusSeconds(10))).ok());
    assertEquals(List.of(new ActionList.Action("core.local", "core", "local", null)),
        await(connector.actions(Instant.now().plusSeconds(10))).actions());
  }

  @Test
  @DisplayName("The action list fails with a reason: refused, unreadable, too long, or no answer")
  void actionListFailures() throws Exception {
    st2.script.add(request -> request.response().setStatusCode(401).end("{\"faultstring\":\"Unauthorized\"}"));
    st2.script.add(request -> request.response().setStatusCode(200).end("[\"not\", \"a list\""));
    st2.script.add(request -> request.response().setStatusCode(200).setChunked(true).end("[" + "\"x\",".repeat(600_000)
        + "\"x\"]"));
    StackStormConnector connector = connector(config());
    Instant deadline = Instant.now().plusSeconds(10);
    List<ActionList> lists = List.of(await(connector.actions(deadline)), await(connector.actions(deadline)),
        await(connector.actions(deadline)),
        await(connector(config().put("base_url", closedAddress())).actions(deadline)));

    assertEquals(ActionList.failed(401, "StackStorm answered 401: Unauthorized"), lists.get(0));
    assertEquals(ActionList.failed(200, "StackStorm answered 200 without a list of actions"), lists.get(1));
    assertEquals(ActionList.failed(200, "StackStorm answered 200 with more than 2048 KiB of actions"), lists.get(2));
    assertFalse(lists.get(3).ok());
    assertTrue(lists.get(3).error().startsWith("no answer: "), lists.get(3).error());
    lists.forEach(list -> assertFalse(list.toString().contains(KEY)));
  }

  @Test
  @DisplayName("An action with a large parameter schema, as core.local has, still passes the check")
  void largeActionPassesTheCheck() throws Exception {
    JsonObject parameters = new JsonObject();
    for (int i = 0; i < 60; i++) {
      parameters.put("parameter_" + i, new JsonObject().put("type", "string").put("description", "x".repeat(100)));
    }
    st2.script.add(request -> request.response().setStatusCode(200).end(new JsonArray()
        .add(new JsonObject().put("ref", "core.local").put("parameters", parameters)).encode()));
    assertTrue(await(connector(st2.config()).check(Instant.now().plusSeconds(10))).ok());
  }

  private StackStormConnector connector(JsonObject config) {
    return st2.connector(config);
  }

  private JsonObject config() {
    return st2.config();
  }
}
