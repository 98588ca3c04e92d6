package io.alertgate.admin;

import io.alertgate.deliver.DestinationSettingsFuzz;
import io.alertgate.support.FuzzTries;
import io.alertgate.support.HostileJson;
import io.alertgate.support.RawAnswer;
import io.alertgate.support.RawHttp;
import io.alertgate.support.RunningGateway;
import io.alertgate.support.TestConfigs;
import io.alertgate.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Integration configurations as an admin token's holder could send them, on a running gateway: any settings for
 * each type, through the per-type configuration endpoint and through the integration registry. Each is saved or
 * refused with a JSON error that says why; never a 500, and no answer ever repeats a secret that was sent.
 */
@AddLifecycleHook(FuzzTries.class)
class IntegrationConfigFuzzTest {

  private static final List<String> SECRETS = secrets();
  private static RunningGateway gw;

  @BeforeContainer
  static void start() {
    TestDatabase.truncate();
    gw = RunningGateway.start(AdminCalls.relaying(null));
  }

  @AfterContainer
  static void stop() {
    gw.close();
  }

  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  @Label("Any settings on /api/v1/integrations/{type}/config: saved, or a 400 saying why; no secret answered")
  void perTypeConfig(@ForAll("settings") DestinationSettingsFuzz.Sent sent) throws Exception {
    post("/api/v1/integrations/" + sent.type() + "/config", sent.json()).assertWellFormed(List.of(200, 400),
        SECRETS);
  }

  @Property(tries = 40, edgeCases = EdgeCasesMode.NONE)
  @Label("Any integration on /api/integrations: created, or a 400 or 409 saying why; no secret answered")
  void registry(@ForAll("settings") DestinationSettingsFuzz.Sent sent, @ForAll("displayNames") String name,
                @ForAll boolean withId) throws Exception {
    JsonObject body = new JsonObject().put("integration_type", sent.type()).put("display_name", name)
        .put("config", sent.settings());
    if (withId) {
      body.put("id", name);
    }
    post("/api/integrations", body.encode()).assertWellFormed(List.of(200, 201, 400, 409), SECRETS);
  }

  @Provide
  Arbitrary<DestinationSettingsFuzz.Sent> settings() {
    return DestinationSettingsFuzz.settings();
  }

  @Provide
  Arbitrary<String> displayNames() {
    return Arbitraries.oneOf(HostileJson.strings(), Arbitraries.strings().alpha().numeric().ofMinLength(1)
        .ofMaxLength(20));
  }

  private static RawAnswer post(String path, String json) throws Exception {
    return RawAnswer.parse(RawHttp.call(gw.gateway.adminPort(), "POST", path, Map.of("Authorization", "Bearer "
        + TestConfigs.ADMIN_TOKEN, "Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<String> secrets() {
    List<String> secrets = new ArrayList<>(TestConfigs.SECRETS);
    secrets.add(DestinationSettingsFuzz.MARK);
    return secrets;
  }
}
