package toystore.supervisor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** For tests of faults only root can make (iptables rules, tmpfs mounts): skipped, saying why, otherwise. */
public final class Root {
  private Root() {}

  /** The effective user id of this JVM (the owner of {@code /proc/self}). */
  public static int uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read this process's user id", e);
    }
  }

  /** Skips the calling test (or class, from {@code @BeforeAll}) unless it runs as root. */
  public static void assume(String what) {
    int uid = uid();
    Assumptions.assumeTrue(uid == 0,
        "SKIPPED: " + what + " needs root, and this test runs as uid " + uid + " (CI runs as root)");
  }
}
