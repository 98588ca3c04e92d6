package io.alertgate.deliver.jira;

import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import static io.alertgate.support.PooledVertx.await;

/** A fresh {@link FakeJira} for each test, with the fixtures pointed at it. */
abstract class FakeJiraTest {

  protected Vertx vertx;
  protected FakeJira jira;
  protected JiraFixtures fixtures;

  @BeforeEach
  void startJira() throws Exception {
    vertx = Vertx.vertx();
    jira = new FakeJira(vertx);
    fixtures = new JiraFixtures(vertx, jira);
  }

  @AfterEach
  void stopJira() throws Exception {
    await(vertx.close());
  }
}
