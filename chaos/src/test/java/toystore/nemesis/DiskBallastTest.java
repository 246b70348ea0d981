package toystore.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which directories the disk-full fault may fill: mount points only, read from a mount table like
 * {@code /proc/self/mountinfo} (octal escapes included). Filling itself runs on a real tmpfs in
 * {@code AgentDiskFullTest} and {@code TmpfsTest} (launcher), never here on a shared disk.
 */
class DiskBallastTest {
  @TempDir Path dir;

  @Test
  void aDirectoryThatIsNoMountPointIsNeverFilled() throws IOException {
    Path data = Files.createDirectories(dir.resolve("order-2"));
    DiskBallast disk = new DiskBallast(data, new MountPoints(table("/ /")));

    assertThat(disk.supported()).isFalse();
    assertThat(disk.unsupportedReason()).startsWith(data + " is not a filesystem of its own");
    assertThatThrownBy(disk::fill).isInstanceOf(DiskFullUnavailableException.class);
    assertThatThrownBy(disk::requireSupported).isInstanceOf(DiskFullUnavailableException.class);
    assertThat(disk.filled()).isFalse();
    try (var files = Files.list(data)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aMountPointIsFoundWithTheTablesEscapes() throws IOException {
    Path data = Files.createDirectories(dir.resolve("my data").resolve("order-1"));
    String escaped = data.toString().replace(" ", "\\040");

    assertThat(new DiskBallast(data, new MountPoints(table("/ /", escaped + " " + escaped))).supported()).isTrue();
    assertThat(new DiskBallast(data.getParent(), new MountPoints(table(escaped + " " + escaped))).supported()).isFalse();
  }

  @Test
  void withoutAMountTableNothingIsAFilesystemOfItsOwn() {
    assertThat(new DiskBallast(dir, new MountPoints(dir.resolve("no-such-table"))).supported()).isFalse();
  }

  /** A mountinfo file with one line per "root mountPoint" pair, the other fields as the kernel writes them. */
  private Path table(String... rootAndMountPoints) throws IOException {
    List<String> lines = Arrays.stream(rootAndMountPoints)
        .map(pair -> "36 35 98:0 " + pair + " rw,noatime master:1 - tmpfs tmpfs rw,size=4096k")
        .toList();
    return Files.write(dir.resolve("mountinfo"), lines);
  }
}
