package toystore.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.wire.order.Entry;

class OrderLogTest {
  @TempDir
  Path dir;

  private static Entry entry(long n, String name, long epoch) {
    return new Entry(n, name, 1, "key-" + name + "-" + n, epoch);
  }

  @Test
  void everythingSurvivesReopening() throws Exception {
    try (OrderLog log = new OrderLog(dir.resolve("a.db"))) {
      log.setEpoch(4);
      log.append(List.of(entry(1, "Tux", 4), entry(2, "Fox", 4)), 1);
      log.setLastNormalEpoch(4);
    }
    try (OrderLog log = new OrderLog(dir.resolve("a.db"))) {
      assertThat(log.epoch()).isEqualTo(4);
      assertThat(log.lastNormalEpoch()).isEqualTo(4);
      assertThat(log.lastNumber()).isEqualTo(2);
      assertThat(log.commitNumber()).isEqualTo(1);
      assertThat(log.get(2)).isEqualTo(entry(2, "Fox", 4));
      assertThat(log.numberOfKey("key-Fox-2")).isEqualTo(2);
    }
  }

  @Test
  void digestsAreEqualExactlyWhenLogsAre() throws Exception {
    try (OrderLog a = new OrderLog(dir.resolve("a.db")); OrderLog b = new OrderLog(dir.resolve("b.db"))) {
      assertThat(a.digestAt(0)).isEqualTo(b.digestAt(0));
      a.append(List.of(entry(1, "Tux", 1), entry(2, "Fox", 1)), 2);
      b.append(List.of(entry(1, "Tux", 1)), 1);
      assertThat(a.digestAt(1)).isEqualTo(b.digestAt(1));
      b.append(List.of(entry(2, "Lego", 1)), 2);
      assertThat(a.digestAt(2)).isNotEqualTo(b.digestAt(2));
    }
  }

  @Test
  void replacingATailDropsTheOldEntriesAndTheirKeys() throws Exception {
    try (OrderLog log = new OrderLog(dir.resolve("a.db"))) {
      log.append(List.of(entry(1, "Tux", 1), entry(2, "Fox", 1), entry(3, "Lego", 1)), 1);
      log.replaceFrom(2, List.of(entry(2, "Whale", 2)), 2, 2);
      assertThat(log.lastNumber()).isEqualTo(2);
      assertThat(log.get(2).name()).isEqualTo("Whale");
      assertThat(log.numberOfKey("key-Lego-3")).isNull();
      assertThat(log.commitNumber()).isEqualTo(2);
      assertThat(log.lastNormalEpoch()).isEqualTo(2);
    }
    try (OrderLog reopened = new OrderLog(dir.resolve("a.db"))) {
      assertThat(reopened.range(1, 10)).containsExactly(entry(1, "Tux", 1), entry(2, "Whale", 2));
    }
  }
}
