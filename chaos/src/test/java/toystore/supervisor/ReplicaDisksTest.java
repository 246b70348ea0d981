package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.model.DiskState;

/** Freeing the replicas' disks tries every one, however many fail (no disk is ever filled here). */
class ReplicaDisksTest {
  private static final String BALLAST = ".toystore-disk-full-ballast";

  @TempDir Path dir;

  @Test
  void everyDiskIsFreedAndEveryFailureReported() throws IOException {
    ReplicaDisks disks = new ReplicaDisks();
    for (String replica : new String[] {"order-1", "order-2", "order-3"}) {
      disks.add(replica, Files.createDirectories(dir.resolve(replica)));
    }
    // A ballast that cannot be deleted: a directory with something in it.
    Files.createDirectories(dir.resolve("order-1").resolve(BALLAST).resolve("inside"));
    Files.writeString(dir.resolve("order-2").resolve(BALLAST), "ballast");
    Files.createDirectories(dir.resolve("order-3").resolve(BALLAST).resolve("inside"));

    assertThatThrownBy(disks::freeAll)
        .hasMessageContaining("order-1")
        .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
            .satisfies(later -> assertThat(later).hasMessageContaining("order-3")));
    assertThat(dir.resolve("order-2").resolve(BALLAST)).doesNotExist();
    assertThat(disks.state("order-2")).isEqualTo(DiskState.UNSUPPORTED);
    assertThat(disks.state("catalog")).isNull();
    assertThat(disks.of("catalog")).isEmpty();
  }
}
