package io.alertgate.pipeline;

import io.alertgate.store.RecentWindows;
import io.alertgate.store.TimeOrderedIds;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stages after ingest, in order. Each stage's output is handed to the next one's intake in the producing
 * transaction; the last one's is only announced. Adding a stage is one more entry in the list given here.
 */
public final class Pipeline {

  private final Vertx vertx;
  private final List<Stage> stages;
  private final MeterRegistry registry;
  private final List<BacklogGauge> gauges = new ArrayList<>();
  // Recorded as each succeeds, so a stop after a partial failure still undeploys what did start.
  private final List<String> deployments = new CopyOnWriteArrayList<>();

  public Pipeline(Vertx vertx, List<Stage> stages, MeterRegistry registry) {
    this.vertx = vertx;
    this.stages = List.copyOf(stages);
    this.registry = registry;
    this.stages.forEach(StageRunner::checkShape);
    for (int i = 1; i < this.stages.size(); i++) {
      StagePlan previous = this.stages.get(i - 1).plan();
      StagePlan plan = this.stages.get(i).plan();
      if (plan.lanes().stream().noneMatch(lane -> lane.addresses().contains(previous.output()))) {
        throw new IllegalArgumentException("Stage " + plan.name() + " does not listen on " + previous.output()
            + ", where " + previous.name() + " announces its output");
      }
    }
    for (Stage stage : this.stages) {
      gauges.add(new BacklogGauge(registry, stage.plan(), stage.backlogQuery()));
    }
  }

  /**
   * Starts counting every stage's backlog. Also on an instance that runs no stage itself: the figure is the whole
   * database's.
   */
  public void watchBacklogs(Pool pool) {
    gauges.forEach(gauge -> gauge.start(vertx, pool));
  }

  /**
   * Deploys every stage's fast path and sweepers, working on the given pool of that many connections. The stages
   * share it, so their sweepers share a budget of two fewer than the connections, split evenly: more would only
   * wait for a connection, and the fast paths would wait behind them.
   */
  public Future<Void> deploy(Pool pool, int connections) {
    int[] sweepers = shareSweepers(connections - 2);
    List<Future<String>> deployed = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      Stage stage = stages.get(i);
      StagePlan plan = stage.plan();
      Intake next = i + 1 < stages.size() ? stages.get(i + 1).intake() : Intake.NONE;
      StageRunner runner = new StageRunner(vertx, pool, stage, new Handoff(plan.output(), next), registry);
      DeploymentOptions fast = new DeploymentOptions().setThreadingModel(plan.threading())
          .setInstances(plan.fastPathInstances());
      for (StagePlan.Lane lane : plan.lanes()) {
        deployed.add(vertx.deployVerticle(() -> new FastPath(runner, lane), fast));
      }
      DeploymentOptions sweeping = new DeploymentOptions().setThreadingModel(plan.threading())
          .setInstances(sweepers[i]);
      Backpressure backpressure = new Backpressure(plan, stages.subList(i + 1, stages.size()), registry);
      deployed.add(vertx.deployVerticle(() -> new Sweeper(runner, backpressure, pool), sweeping));
    }
    deployed.forEach(future -> future.onSuccess(deployments::add));
    return Future.all(deployed).mapEmpty();
  }

  /**
   * The budget split so that a stage wanting fewer than an even share leaves the rest to those wanting more (the
   * smallest wants are served first), and every stage has at least one.
   */
  private int[] shareSweepers(int budget) {
    int[] granted = new int[stages.size()];
    Integer[] byWant = new Integer[stages.size()];
    for (int i = 0; i < byWant.length; i++) {
      byWant[i] = i;
    }
    Arrays.sort(byWant, Comparator.comparingInt(i -> stages.get(i).plan().sweepers()));
    int left = budget;
    for (int k = 0; k < byWant.length; k++) {
      int i = byWant[k];
      int share = Math.max(1, left / (byWant.length - k));
      granted[i] = Math.min(stages.get(i).plan().sweepers(), share);
      left -= granted[i];
    }
    return granted;
  }

  /**
   * Every stage's figures, in order, counted now for the whole database: its items of the last hour by status, and
   * its backlog.
   */
  public Future<List<StageFigures>> figures(SqlClient client, RecentWindows windows) {
    Tuple hour = Tuple.of(TimeOrderedIds.firstAt(windows.hourStart()));
    List<Future<StageFigures>> figures = new ArrayList<>();
    for (Stage stage : stages) {
      Future<RowSet<Row>> statuses = client.preparedQuery(stage.statusCountsQuery()).execute(hour);
      Future<RowSet<Row>> backlog = client.query(stage.backlogQuery()).execute();
      figures.add(Future.all(statuses, backlog).map(both -> new StageFigures(stage.plan().name(),
          StageFigures.statuses(statuses.result().iterator().next()), backlog.result().iterator().next().getLong(0))));
    }
    return Future.all(figures).map(done -> figures.stream().map(Future::result).toList());
  }

  /** Stops counting, and lets every batch in flight finish before its verticle goes. */
  public Future<Void> stop() {
    gauges.forEach(gauge -> gauge.stop(vertx));
    return Future.join(deployments.stream()
        .filter(id -> vertx.deploymentIDs().contains(id))
        .map(vertx::undeploy)
        .toList()).mapEmpty();
  }
}
