package toystore.order;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import toystore.client.CatalogClient;
import toystore.client.JsonHttpClient;
import toystore.model.IdempotencyKey;
import toystore.model.State;
import toystore.order.protocol.Outcome;
import toystore.order.protocol.Restored;
import toystore.order.protocol.Timing;
import toystore.order.protocol.Write;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * A follower that rejoins under a new leader replaces its uncommitted tail only once it holds the
 * leader's whole starting log: a log marked with an epoch must hold everything committed before it,
 * or a later leader change could pick it and lose committed orders. Through the shell, on SQLite.
 */
class FollowerCatchUpTest {
  @TempDir
  Path dir;

  private static List<Entry> entries(long from, long through, String name, long epoch) {
    List<Entry> list = new ArrayList<>();
    for (long n = from; n <= through; n++) {
      list.add(new Entry(n, name, 1, IdempotencyKey.client(name + "-" + n), epoch));
    }
    return list;
  }

  private static ReplicaNode follower(int id, OrderLog store) throws Exception {
    OkHttpClient http = JsonHttpClient.newHttp(Duration.ofMillis(200), Duration.ofMillis(500));
    return new ReplicaNode(id, store, List.of(), new CatalogClient(http, "http://127.0.0.1:9", "unused"),
        new BatchMetrics(new PrometheusRegistry()), new OrderStages(new PrometheusRegistry()),
        new PeerMessages(new PrometheusRegistry()), Timing.standard());
  }

  private static Messages.Appended appended(Outcome outcome) {
    return ((Outcome.AppendAnswered) outcome).appended();
  }

  @Test
  void theTailIsSwappedOnlyWhenTheLeadersStartingLogIsComplete() throws Exception {
    Path file = dir.resolve("order-1.db");
    try (OrderLog log = new OrderLog(file)) {
      log.write(new Write.SetEpoch(1));
      log.write(new Write.AppendEntries(entries(1, 10, "Tux", 1), 4));
      log.write(new Write.SetNormalEpoch(1));
    }
    // Leader 3 of epoch 2 adopted a log whose last number is 12; it sends it in pages of 4 from 5.
    List<Entry> leaderLog = new ArrayList<>(entries(1, 4, "Tux", 1));
    leaderLog.addAll(entries(5, 12, "Fox", 2));
    try (ReplicaNode follower = follower(1, new OrderLog(file))) {
      Messages.Appended first = appended(follower.append(new Messages.Append(2, 3, 5, leaderLog.subList(4, 8), 4, 12)));
      assertThat(first.ok()).isFalse();
      assertThat(first.needFrom()).isEqualTo(9);
      assertThat(follower.view().lastNumber()).as("nothing replaced yet").isEqualTo(10);
      assertThat(follower.view().lastNormalEpoch()).isEqualTo(1);
      assertThat(follower.logPage(6, LogReader.OBSERVER).entries().get(0).name()).isEqualTo("Tux");

      Messages.Appended last = appended(follower.append(new Messages.Append(2, 3, 9, leaderLog.subList(8, 12), 8, 12)));
      assertThat(last.ok()).isTrue();
      assertThat(follower.logPage(1, LogReader.OBSERVER).entries()).isEqualTo(leaderLog);
      assertThat(follower.view().commitNumber()).isEqualTo(8);
      assertThat(follower.health().state()).isEqualTo(State.UP);
    }
    try (OrderLog reopened = new OrderLog(file)) {
      assertThat(reopened.load()).isEqualTo(new Restored(2, 2, 8, leaderLog));
    }
  }

  @Test
  void aPageThatSkipsAheadIsAskedToStartAtTheCommitNumber() throws Exception {
    try (ReplicaNode follower = follower(2, new OrderLog(dir.resolve("order-2.db")))) {
      Messages.Appended reply = appended(follower.append(new Messages.Append(1, 3, 7, entries(7, 8, "Lego", 1), 8, 8)));
      assertThat(reply.ok()).isFalse();
      assertThat(reply.needFrom()).isEqualTo(1);
      assertThat(follower.view().lastNumber()).isZero();
      assertThat(follower.view().epoch()).as("the follower has promised the new epoch").isEqualTo(1);
    }
  }
}
