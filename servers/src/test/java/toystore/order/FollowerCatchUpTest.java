package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.client.CatalogClient;
import toystore.client.JsonHttpClient;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * A follower that rejoins under a new leader replaces its uncommitted tail only once it holds the
 * leader's whole starting log: a log marked with an epoch must hold everything committed before it,
 * or a later leader change could pick it and lose committed orders.
 */
class FollowerCatchUpTest {
  @TempDir
  Path dir;

  private static List<Entry> entries(long from, long through, String name, long epoch) {
    List<Entry> list = new ArrayList<>();
    for (long n = from; n <= through; n++) {
      list.add(new Entry(n, name, 1, name + "-" + n, epoch));
    }
    return list;
  }

  @Test
  void theTailIsSwappedOnlyWhenTheLeadersStartingLogIsComplete() throws Exception {
    Path file = dir.resolve("order-1.db");
    try (OrderLog log = new OrderLog(file)) {
      log.setEpoch(1);
      log.append(entries(1, 10, "Tux", 1), 4);
      log.setLastNormalEpoch(1);
    }
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofMillis(200), Duration.ofMillis(500));
    OrderLog orderLog = new OrderLog(file);
    try (Replica follower = new Replica(1, orderLog, List.of(), 3,
        new CatalogClient(http, "http://127.0.0.1:9", "unused"), new BatchMetrics(new PrometheusRegistry()))) {
      // Leader 3 of epoch 2 adopted a log whose last number is 12; it sends it in pages of 4 from 5.
      List<Entry> leaderLog = new ArrayList<>(entries(1, 4, "Tux", 1));
      leaderLog.addAll(entries(5, 12, "Fox", 2));

      Messages.Appended first = follower.append(new Messages.Append(2, 3, 5, leaderLog.subList(4, 8), 4, 12));
      assertThat(first.ok()).isFalse();
      assertThat(first.needFrom()).isEqualTo(9);
      assertThat(orderLog.lastNumber()).as("nothing replaced yet").isEqualTo(10);
      assertThat(orderLog.lastNormalEpoch()).isEqualTo(1);
      assertThat(orderLog.get(6).name()).isEqualTo("Tux");

      Messages.Appended last = follower.append(new Messages.Append(2, 3, 9, leaderLog.subList(8, 12), 8, 12));
      assertThat(last.ok()).isTrue();
      assertThat(orderLog.lastNumber()).isEqualTo(12);
      assertThat(orderLog.lastNormalEpoch()).isEqualTo(2);
      assertThat(orderLog.range(1, 20)).isEqualTo(leaderLog);
      assertThat(orderLog.commitNumber()).isEqualTo(8);
      assertThat(follower.health().state()).isEqualTo(toystore.model.State.UP);
    }
  }

  @Test
  void aPageThatSkipsAheadIsAskedToStartAtTheCommitNumber() throws Exception {
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofMillis(200), Duration.ofMillis(500));
    OrderLog orderLog = new OrderLog(dir.resolve("order-2.db"));
    try (Replica follower = new Replica(2, orderLog, List.of(), 3,
        new CatalogClient(http, "http://127.0.0.1:9", "unused"), new BatchMetrics(new PrometheusRegistry()))) {
      Messages.Appended reply = follower.append(new Messages.Append(1, 3, 7, entries(7, 8, "Lego", 1), 8, 8));
      assertThat(reply.ok()).isFalse();
      assertThat(reply.needFrom()).isEqualTo(1);
      assertThat(orderLog.lastNumber()).isZero();
      assertThat(orderLog.epoch()).as("the follower has promised the new epoch").isEqualTo(1);
    }
  }
}
