package toystore.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import toystore.nemesis.DiskBallast;

/**
 * A small tmpfs mounted on a directory, for disk faults in tests: {@link #fill()} writes the agent's
 * ballast file ({@link DiskBallast}) until the disk is full (ENOSPC), {@link #free()} deletes it,
 * {@link #close()} unmounts.
 * Root only: {@link #mount} skips the calling test, saying why, for anyone else.
 *
 * <p>To give one order replica a disk that fills, mount on its data directory before the cluster
 * starts it (the supervisor uses an existing directory as it is; SQLite's native library and the
 * logs live elsewhere), and close the cluster before the tmpfs (a busy tmpfs does not unmount):
 *
 * <pre>{@code
 * @RegisterExtension final ClusterTestSupport fixture = ClusterTestSupport.withReplicas(3).perTest().startedByTheTest();
 * ...
 * try (Tmpfs disk = Tmpfs.mount(fixture.dataDir().resolve("order-2"), 2 << 20);
 *      ClusterTestSupport cluster = fixture.start()) {
 *   disk.fill();   // order-2's next write that needs a new page fails with SQLITE_FULL
 *   ...
 *   disk.free();
 * }
 * }</pre>
 *
 * A write that only overwrites pages a file already has (SQLite reusing its WAL after a
 * checkpoint) still succeeds on a full tmpfs: only new pages need free space.
 */
public final class Tmpfs implements AutoCloseable {
  private static final long COMMAND_WAIT_SECONDS = 20;

  private final Path dir;
  private final DiskBallast ballast;
  private boolean mounted = true;

  private Tmpfs(Path dir) {
    this.dir = dir;
    this.ballast = new DiskBallast(dir);
  }

  /**
   * Mounts a tmpfs of {@code bytes} on {@code dir} (created with its parents if missing).
   * Skips the calling test unless it runs as root.
   *
   * @throws IllegalStateException when {@code mount} fails although we are root
   */
  public static Tmpfs mount(Path dir, long bytes) throws IOException {
    Root.assume("mounting a tmpfs");
    Files.createDirectories(dir);
    run(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes, "tmpfs", dir.toString()));
    return new Tmpfs(dir);
  }

  public Path dir() {
    return dir;
  }

  /**
   * Fills the disk with the agent's own ballast (docs/API.md §4, disk full), so {@code /cluster} shows it full.
   *
   * @return how many bytes the ballast got
   * @throws IOException for any failure other than a full disk
   */
  public long fill() throws IOException {
    return ballast.fill();
  }

  /** Deletes the ballast, so writes succeed again. */
  public void free() {
    ballast.free();
  }

  /** Whether an I/O failure is the disk being full. */
  public static boolean full(IOException e) {
    return DiskBallast.full(e);
  }

  /**
   * Unmounts. If the tmpfs is busy (a process still has a file open on it) it is detached lazily,
   * so nothing stays mounted, and this throws: close what uses it first.
   */
  @Override
  public void close() {
    if (!mounted) {
      return;
    }
    mounted = false;
    try {
      run(List.of("umount", dir.toString()));
    } catch (IllegalStateException busy) {
      run(List.of("umount", "-l", dir.toString()));
      throw new IllegalStateException(dir + " was busy, so it was unmounted lazily: " + busy.getMessage(), busy);
    }
  }

  private static void run(List<String> command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      if (!process.waitFor(COMMAND_WAIT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_WAIT_SECONDS + " s");
      }
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (process.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    }
  }
}
