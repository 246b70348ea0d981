package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The disk-fault helper on a real tmpfs: it fills, writes fail, it frees, writes work, it unmounts. */
class TmpfsTest {
  private static final long SIZE = 2 << 20;

  @TempDir Path dir;
  /** Started by the test, once part of its data directory is a tmpfs. */
  @RegisterExtension final ClusterTestSupport fixture = ClusterTestSupport.withReplicas(3).perTest().startedByTheTest();

  private static boolean mounted(Path path) throws IOException {
    return Files.readAllLines(Path.of("/proc/mounts")).stream()
        .map(line -> line.split(" "))
        .anyMatch(fields -> fields[1].equals(path.toAbsolutePath().toString()) && fields[2].equals("tmpfs"));
  }

  @Test
  void aFullTmpfsRefusesWritesUntilItIsFreedAndCloseUnmountsIt() throws IOException {
    Path disk = dir.resolve("disk");
    Path probe = disk.resolve("probe");
    byte[] page = new byte[4096];
    Arrays.fill(page, (byte) 7);

    try (Tmpfs tmpfs = Tmpfs.mount(disk, SIZE)) {
      assertThat(mounted(disk)).isTrue();
      assertThat(Files.getFileStore(disk).getTotalSpace()).isEqualTo(SIZE);

      long filled = tmpfs.fill();

      assertThat(filled).isPositive().isLessThanOrEqualTo(SIZE);
      assertThat(Files.getFileStore(disk).getUsableSpace()).isZero();
      assertThatThrownBy(() -> Files.write(probe, page))
          .isInstanceOfSatisfying(IOException.class, e -> assertThat(Tmpfs.full(e)).as(e.getMessage()).isTrue());

      tmpfs.free();

      Files.write(probe, page);
      assertThat(Files.readAllBytes(probe)).isEqualTo(page);
    }

    assertThat(mounted(disk)).isFalse();
    assertThat(probe).as("a file written on the tmpfs").doesNotExist();
  }

  @Test
  void anOrderReplicasDataDirectoryCanBeATmpfsMountedBeforeTheClusterStarts() throws IOException {
    Path data = fixture.dataDir();
    try (Tmpfs disk = Tmpfs.mount(data.resolve("order-2"), 16 << 20)) {
      try (ClusterTestSupport cluster = fixture.start()) {
        long number = cluster.store().order("Tux", 1, "tmpfs-replica");

        Path log = data.resolve("order-2").resolve("order-2.db");
        assertThat(log).exists();
        assertThat(Files.getFileStore(log).type()).isEqualTo("tmpfs");
        assertThat(Files.getFileStore(log)).isNotEqualTo(Files.getFileStore(data.resolve("order-1").resolve("order-1.db")));
        assertThat(number).isPositive();
      }
      assertThat(mounted(disk.dir())).isTrue();
    }
    assertThat(mounted(data.resolve("order-2"))).isFalse();
  }
}
