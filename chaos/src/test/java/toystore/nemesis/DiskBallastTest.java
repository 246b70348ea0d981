package toystore.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which directories the disk-full fault may fill: only a whole tmpfs of its own, read from a mount
 * table like {@code /proc/self/mountinfo} (octal escapes included) — the last mount on the
 * directory, root {@code /}, a device no other line uses, another device than its parent's, at most
 * 1 GiB. Devices and sizes are given here, so nothing is ever filled; filling itself runs on a real
 * tmpfs in {@code AgentDiskFullTest} and {@code TmpfsTest} (launcher), never here on a shared disk.
 */
class DiskBallastTest {
  private static final long SMALL = 4L << 20;

  @TempDir Path dir;
  private Path data;
  private String mountPoint;

  @BeforeEach
  void dataDirectory() throws IOException {
    data = Files.createDirectories(dir.resolve("my data").resolve("order-1")).toRealPath();
    mountPoint = data.toString().replace(" ", "\\040");
  }

  @Test
  void aDirectoryThatIsNoMountPointIsNeverFilled() throws IOException {
    DiskBallast disk = disk(data, SMALL, line("254:0", "/", "/", "ext4"));

    assertThat(disk.supported()).isFalse();
    assertThat(disk.unsupportedReason()).startsWith(data + " is not a filesystem of its own (not a mount point)");
    assertThatThrownBy(disk::fill).isInstanceOf(DiskFullUnavailableException.class);
    assertThatThrownBy(disk::requireSupported).isInstanceOf(DiskFullUnavailableException.class);
    assertThat(disk.filled()).isFalse();
    try (var files = Files.list(data)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aWholeTmpfsOfItsOwnIsFoundWithTheTablesEscapes() throws IOException {
    String[] table = {line("254:0", "/", "/", "ext4"), line("0:50", "/", mountPoint, "tmpfs")};

    assertThat(disk(data, SMALL, table).unsupportedReason()).isNull();
    assertThat(disk(data.getParent(), SMALL, table).supported()).isFalse();
  }

  @Test
  void aBindMountIsRefused() throws IOException {
    // What `mount --bind /srv/shared/order-1 <data>` (or a Docker volume) writes: a mount point, but of a directory of a shared disk.
    DiskBallast disk = disk(data, SMALL, line("254:0", "/", "/", "ext4"), line("254:0", "/srv/shared/order-1", mountPoint, "ext4"));

    assertThat(disk.unsupportedReason()).contains("a bind mount of /srv/shared/order-1");
    assertThat(disk(data, SMALL, line("0:50", "/order-1", mountPoint, "tmpfs")).unsupportedReason())
        .contains("a bind mount of /order-1");
  }

  @Test
  void aLaterMountHidesTheEarlierOnes() throws IOException {
    String tmpfs = line("0:50", "/", mountPoint, "tmpfs");
    String disk = line("8:1", "/", mountPoint, "ext4");

    assertThat(disk(data, SMALL, tmpfs, disk).unsupportedReason()).contains("a filesystem of type ext4, not a tmpfs");
    assertThat(disk(data, SMALL, disk, tmpfs).supported()).isTrue();
  }

  @Test
  void aFilesystemThatIsNoTmpfsIsRefused() throws IOException {
    assertThat(disk(data, SMALL, line("7:3", "/", mountPoint, "ext4")).unsupportedReason())
        .startsWith(data + " is not a filesystem of its own (a filesystem of type ext4, not a tmpfs)");
  }

  @Test
  void aTmpfsAlsoMountedElsewhereIsRefused() throws IOException {
    DiskBallast disk = disk(data, SMALL, line("0:50", "/", "/srv/scratch", "tmpfs"), line("0:50", "/", mountPoint, "tmpfs"));

    assertThat(disk.unsupportedReason()).contains("its device 0:50 is also mounted on /srv/scratch");
  }

  @Test
  void aDirectoryOnItsParentsDeviceIsRefused() throws IOException {
    DiskBallast disk = new DiskBallast(data, new MountPoints(table(line("0:50", "/", mountPoint, "tmpfs")),
        path -> "one device for all", path -> SMALL));

    assertThat(disk.unsupportedReason()).contains("on the same device as its parent directory");
  }

  @Test
  void aTmpfsOverTheCapIsRefused() throws IOException {
    DiskBallast disk = disk(data, 2L << 30, line("0:50", "/", mountPoint, "tmpfs"));

    assertThat(disk.unsupportedReason()).isEqualTo(data + " is a tmpfs of 2048 MiB, over the 1024 MiB the agent fills: "
        + "a tmpfs is RAM, filling it would take that much memory from the machine; mount a smaller one");
    assertThatThrownBy(disk::fill).isInstanceOf(DiskFullUnavailableException.class).hasMessageContaining("2048 MiB");
  }

  @Test
  void aSymbolicLinkIsCheckedAsTheDirectoryItNames() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("order-1-link"), data);
    String tmpfs = line("0:50", "/", mountPoint, "tmpfs");

    assertThat(disk(link, SMALL, tmpfs).supported()).isTrue();
    assertThat(disk(link, SMALL, line("0:50", "/", link.toString(), "tmpfs")).unsupportedReason())
        .contains("not a mount point");
  }

  @Test
  void aMissingDirectoryIsRefused() throws IOException {
    assertThat(disk(dir.resolve("order-9"), SMALL, line("0:50", "/", mountPoint, "tmpfs")).unsupportedReason())
        .isEqualTo(dir.resolve("order-9") + " is not a filesystem of its own (it does not exist)");
  }

  @Test
  void withoutAMountTableNothingIsAFilesystemOfItsOwn() {
    assertThat(new DiskBallast(data, new MountPoints(dir.resolve("no-such-table"), path -> path, path -> SMALL))
        .supported()).isFalse();
  }

  /** A ballast on {@code on} whose filesystem is {@code size} bytes and whose device is its own (the parent's differs). */
  private DiskBallast disk(Path on, long size, String... lines) throws IOException {
    return new DiskBallast(on, new MountPoints(table(lines), path -> path.equals(data) ? "data's device" : "another",
        path -> size));
  }

  /** A mountinfo line with the given device, root, mount point and filesystem type, the rest as the kernel writes them. */
  private static String line(String device, String root, String mountPoint, String fsType) {
    return "36 35 " + device + " " + root + " " + mountPoint + " rw,noatime master:1 - " + fsType + " " + fsType
        + " rw,size=4096k";
  }

  private Path table(String... lines) throws IOException {
    return Files.write(dir.resolve("mountinfo"), List.of(lines));
  }
}
