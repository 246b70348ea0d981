package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import toystore.check.CheckResult;
import toystore.check.ConsistencyChecker;
import toystore.load.LoadGenerator;
import toystore.load.LoadReport;
import toystore.load.LoadSettings;
import toystore.load.RequestType;
import toystore.load.RetryPolicy;
import toystore.supervisor.ClusterTestSupport;
import toystore.supervisor.Deadline;

/**
 * Clients that order without retrying (one attempt per key: any error is client-visible) while a
 * test injects a fault, and the verdict afterwards: no client saw an error, every acknowledged
 * order reads back unchanged, and the checker passes (stock exact, replicas equal).
 */
final class FaultLoad {
  private static final RetryPolicy NO_RETRY = new RetryPolicy(1, Duration.ofSeconds(10), Duration.ofMillis(100));

  private final ClusterTestSupport cluster;
  private final LoadGenerator load;

  private FaultLoad(ClusterTestSupport cluster, LoadGenerator load) {
    this.cluster = cluster;
    this.load = load;
  }

  /** Starts {@code clients} clients ordering (p = 0.8) as fast as they can. */
  static FaultLoad start(ClusterTestSupport cluster, int clients, long seed) throws IOException {
    String frontend = cluster.cluster().frontendUrl();
    LoadGenerator load = new LoadGenerator(new LoadSettings(frontend, clients, 0.8, 0, seed),
        LoadGenerator.catalogToys(frontend), NO_RETRY);
    load.start();
    return new FaultLoad(cluster, load);
  }

  /**
   * Waits (bounded) until the clients have had {@code count} more orders acknowledged than when
   * called: the store takes orders before a fault, and again after its heal.
   */
  void awaitMoreOrders(int count) {
    long target = load.snapshot().ordersAcknowledged() + count;
    Deadline.await(Duration.ofSeconds(30), count + " more acknowledged orders",
        () -> load.snapshot().ordersAcknowledged() >= target);
  }

  /** Keeps a fault in force for {@code time} while the clients go on ordering: the fault's duration, not a wait. */
  static void hold(Duration time) throws InterruptedException {
    Thread.sleep(time.toMillis());
  }

  /** Stops the clients, lets them read their orders back, and asserts the whole verdict. */
  LoadReport stopAndVerify(String fault) throws IOException, InterruptedException {
    load.stop();
    LoadReport report = load.awaitReport();
    System.out.printf("%s: %d orders acknowledged, %d client-visible errors, longest order %.0f ms%n",
        fault, report.orders().size(), report.clientVisibleErrors(), report.figures(RequestType.ORDER).maxMs());
    assertThat(report.orders()).as("orders acknowledged around: %s", fault).isNotEmpty();
    assertThat(report.clientVisibleErrors()).as("client-visible errors around: %s", fault).isZero();
    assertThat(report.mismatches()).as("acknowledged orders read back differently").isEmpty();
    CheckResult check = new ConsistencyChecker(cluster.agent(), cluster.store()).check(report.orders());
    assertThat(check.violations()).as(check.render()).isEmpty();
    cluster.awaitConvergence();
    return report;
  }
}
