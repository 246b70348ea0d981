package toystore.order;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import toystore.model.IdempotencyKey;
import toystore.order.protocol.Restored;
import toystore.order.protocol.Write;
import toystore.wire.order.Entry;

class OrderLogTest {
  @TempDir
  Path dir;

  private static Entry entry(long n, String name, long epoch) {
    return new Entry(n, name, 1, IdempotencyKey.client("key-" + name + "-" + n), epoch);
  }

  @Test
  void everythingSurvivesReopening() throws Exception {
    try (OrderLog log = new OrderLog(dir.resolve("a.db"))) {
      log.write(new Write.SetEpoch(4));
      log.write(new Write.AppendEntries(List.of(entry(1, "Tux", 4), entry(2, "Fox", 4)), 1));
      log.write(new Write.SetNormalEpoch(4));
    }
    try (OrderLog log = new OrderLog(dir.resolve("a.db"))) {
      assertThat(log.load()).isEqualTo(new Restored(4, 4, 1, List.of(entry(1, "Tux", 4), entry(2, "Fox", 4))));
    }
  }

  @Test
  void replacingATailDropsTheOldEntriesAndTheirKeys() throws Exception {
    try (OrderLog log = new OrderLog(dir.resolve("a.db"))) {
      log.write(new Write.AppendEntries(List.of(entry(1, "Tux", 1), entry(2, "Fox", 1), entry(3, "Lego", 1)), 1));
      log.write(new Write.ReplaceFrom(2, List.of(entry(2, "Whale", 2), entry(3, "Fox", 2)), 2, 2));
      log.write(new Write.SetCommit(3));
      assertThat(log.load()).isEqualTo(new Restored(0, 2, 3, List.of(entry(1, "Tux", 1), entry(2, "Whale", 2),
          entry(3, "Fox", 2))));
    }
  }

  @Test
  void aWriteThatFailsWritesNothing() throws Exception {
    try (OrderLog log = new OrderLog(dir.resolve("a.db"))) {
      log.write(new Write.AppendEntries(List.of(entry(1, "Tux", 1)), 1));
      // The same key twice: the unique index refuses the second entry, and the first with it.
      Entry again = new Entry(3, "Tux", 1, IdempotencyKey.client("key-Tux-1"), 1);
      assertThatThrownBy(() -> log.write(new Write.AppendEntries(List.of(entry(2, "Fox", 1), again), 2)))
          .isInstanceOf(SQLException.class);
      assertThat(log.load()).isEqualTo(new Restored(0, 0, 1, List.of(entry(1, "Tux", 1))));
    }
  }
}
