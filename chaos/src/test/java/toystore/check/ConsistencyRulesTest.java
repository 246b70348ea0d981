package toystore.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.load.AckedOrder;
import toystore.load.LoadReport;
import toystore.load.LoadReports;
import toystore.load.ReportFixtures;
import toystore.model.Audit;
import toystore.model.ReplicaStatus;
import toystore.model.Role;
import toystore.model.State;

class ConsistencyRulesTest {
  @TempDir Path dir;

  private static final List<Audit.CommittedOrder> COMMITTED =
      List.of(
          new Audit.CommittedOrder(1, "Whale", 2, "client:ab12cd34-c1-1"),
          new Audit.CommittedOrder(2, "Fox", 1, "ab12cd34-c2-1"),
          new Audit.CommittedOrder(3, "Whale", 3, "ab12cd34-c1-2"));

  private static Audit audit(List<Audit.CommittedOrder> orders, List<Audit.Toy> catalog, List<ReplicaStatus> replicas) {
    return new Audit(catalog, replicas, orders);
  }

  private static List<Audit.Toy> catalog() {
    return List.of(
        new Audit.Toy("Whale", 34.99, 95, 100, 0, 5, 7),
        new Audit.Toy("Fox", 19.99, 99, 100, 0, 1, 3),
        new Audit.Toy("Tux", 25.99, 100, 100, 0, 0, 1));
  }

  private static List<ReplicaStatus> replicas(String digest3, Long last3, boolean alive3) {
    return List.of(
        new ReplicaStatus(1, "order-1", "http://127.0.0.1:23004", true, State.UP, Role.FOLLOWER, 3L, "d3"),
        new ReplicaStatus(2, "order-2", "http://127.0.0.1:23005", true, State.UP, Role.FOLLOWER, 3L, "d3"),
        new ReplicaStatus(3, "order-3", "http://127.0.0.1:23006", alive3, alive3 ? State.UP : State.DOWN, alive3 ? Role.LEADER : null, last3, digest3));
  }

  private static Audit healthy() {
    return audit(COMMITTED, catalog(), replicas("d3", 3L, true));
  }

  @Test
  void aHealthyAuditHasNoViolations() {
    List<Violation> violations = ConsistencyRules.check(healthy(), ReportFixtures.threeOrders());

    assertThat(violations).isEmpty();
    CheckResult result = new CheckResult(violations, healthy(), 3);
    assertThat(result.verdictLine())
        .startsWith("CHECK PASSED: 3 acknowledged orders")
        .contains("orders 1..3 unique", "stock conserved for 3 toys", "3 live replicas at order 3 with digest d3");
  }

  @Test
  void aDownReplicaIsNotCompared() {
    assertThat(ConsistencyRules.check(audit(COMMITTED, catalog(), replicas(null, null, false)), List.of())).isEmpty();
  }

  @Test
  void gapsAndReusedNumbersBreakNumbering() {
    List<Audit.CommittedOrder> orders =
        List.of(
            new Audit.CommittedOrder(1, "Whale", 2, "a"),
            new Audit.CommittedOrder(1, "Fox", 1, "b"),
            new Audit.CommittedOrder(4, "Whale", 3, "c"));

    assertThat(ConsistencyRules.numbering(orders))
        .extracting(Violation::message)
        .containsExactly("order number 1 is committed twice", "order numbers skip from 1 to 4");
  }

  @Test
  void aKeyBoughtTwiceBreaksExactlyOnce() {
    List<Audit.CommittedOrder> orders =
        List.of(new Audit.CommittedOrder(1, "Whale", 2, "same"), new Audit.CommittedOrder(2, "Whale", 2, "same"));

    assertThat(ConsistencyRules.exactlyOnce(orders))
        .singleElement()
        .satisfies(v -> assertThat(v.kind()).isEqualTo(Violation.Kind.EXACTLY_ONCE))
        .satisfies(v -> assertThat(v.message()).isEqualTo("key same bought 2 times: orders [1, 2]"));
  }

  @Test
  void acknowledgedOrdersMustBeCommittedAsAcknowledged() {
    List<AckedOrder> acknowledged =
        List.of(
            new AckedOrder(2, "Fox", 2, 1, "ab12cd34-c2-1"),
            new AckedOrder(3, "Whale", 3, 1, "other-key"),
            new AckedOrder(9, "Tux", 1, 1, "ab12cd34-c1-9"));

    assertThat(ConsistencyRules.acknowledged(COMMITTED, acknowledged))
        .extracting(Violation::message)
        .containsExactly(
            "order 2 (key ab12cd34-c2-1) was acknowledged as 2 x Fox but is committed as 1 x Fox",
            "order 3 (key other-key) is committed under another key, ab12cd34-c1-2",
            "order 9 (key ab12cd34-c1-9) was acknowledged but is not committed");
  }

  @Test
  void stockMustAddUpAndMatchTheCommittedOrders() {
    List<Audit.Toy> catalog =
        List.of(
            new Audit.Toy("Whale", 34.99, 94, 100, 0, 5, 7), // ledger off by one
            new Audit.Toy("Fox", 19.99, 98, 100, 0, 2, 3), // sold 2, committed 1
            new Audit.Toy("Tux", 25.99, -1, 0, 0, 1, 1)); // negative, sold without an order

    assertThat(ConsistencyRules.stock(catalog, COMMITTED))
        .extracting(Violation::message)
        .containsExactly(
            "Whale: initial 100 + restocked 0 - sold 5 = 95, but the stock is 94",
            "Fox: the catalog sold 2, the committed orders hold 1",
            "Tux: the stock is negative (-1)",
            "Tux: the catalog sold 1, the committed orders hold 0");
  }

  @Test
  void liveReplicasMustHoldTheSameLog() {
    assertThat(ConsistencyRules.replicas(replicas("other", 3L, true), COMMITTED))
        .singleElement()
        .satisfies(v -> assertThat(v.message()).startsWith("digests: the live replicas differ (order-1=d3"));
    assertThat(ConsistencyRules.replicas(replicas("d2", 2L, true), COMMITTED))
        .extracting(Violation::message)
        .contains("order-3: at order 2, the committed log ends at 3");
    assertThat(ConsistencyRules.replicas(List.of(), COMMITTED))
        .extracting(Violation::message)
        .containsExactly("order replicas: none is alive");
  }

  @Test
  void aCorruptedReportFailsTheCheck() throws IOException {
    Path file = dir.resolve("report.json");
    LoadReports.writeJson(ReportFixtures.report(ReportFixtures.threeOrders()), file);
    // Someone edits the report: order 2 now claims 5 foxes.
    String text = Files.readString(file);
    String corrupted = text.replaceFirst("\"number\": 2,\n      \"name\": \"Fox\",\n      \"quantity\": 1", "\"number\": 2,\n      \"name\": \"Fox\",\n      \"quantity\": 5");
    assertThat(corrupted).isNotEqualTo(text);
    Files.writeString(file, corrupted);

    LoadReport report = LoadReports.readJson(file);
    List<Violation> violations = new ArrayList<>(ConsistencyRules.check(healthy(), report.orders()));
    CheckResult result = new CheckResult(violations, healthy(), report.orders().size());

    assertThat(result.passed()).isFalse();
    assertThat(result.verdictLine()).isEqualTo("CHECK FAILED: 1 violation");
    assertThat(result.render()).contains("ACKNOWLEDGED_ORDER: order 2 (key ab12cd34-c2-1) was acknowledged as 5 x Fox but is committed as 1 x Fox");
  }
}
