package toystore.nemesis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A disk-full fault on one directory (docs/DESIGN.md "Fault injection"): {@link #fill()} writes a
 * ballast file until the filesystem is full (ENOSPC), {@link #free()} deletes it. Only a directory
 * that is a filesystem of its own (a mount point, such as a small tmpfs) may be filled: filling a
 * shared disk would break everything else on it, so there {@link #fill()} refuses.
 */
public final class DiskBallast {
  static final String FILE_NAME = ".toystore-disk-full-ballast";
  private static final int CHUNK = 64 * 1024;

  private final Path dir;
  private final Path ballast;
  private final MountPoints mounts;

  public DiskBallast(Path dir) {
    this(dir, MountPoints.SYSTEM);
  }

  DiskBallast(Path dir, MountPoints mounts) {
    this.dir = dir.toAbsolutePath().normalize();
    this.ballast = this.dir.resolve(FILE_NAME);
    this.mounts = mounts;
  }

  public Path dir() {
    return dir;
  }

  /** Why this directory may not be filled, or null when it is a filesystem of its own. */
  public String unsupportedReason() {
    if (mounts.isMountPoint(dir)) {
      return null;
    }
    return dir + " is not a filesystem of its own (not a mount point): filling it would fill a disk other programs "
        + "share; mount a small one there (e.g. a tmpfs) before the store starts";
  }

  public boolean supported() {
    return unsupportedReason() == null;
  }

  /** @throws DiskFullUnavailableException when the directory is no filesystem of its own */
  public void requireSupported() {
    String refusal = unsupportedReason();
    if (refusal != null) {
      throw new DiskFullUnavailableException(refusal);
    }
  }

  /** Whether the ballast is in place. */
  public boolean filled() {
    return Files.exists(ballast);
  }

  /**
   * Writes the ballast until the filesystem is full; appends to one already there.
   *
   * @return the ballast's size
   * @throws DiskFullUnavailableException when the directory is no filesystem of its own
   * @throws IOException for any failure other than a full disk
   */
  public long fill() throws IOException {
    requireSupported();
    long limit = Files.getFileStore(dir).getTotalSpace();
    byte[] chunk = new byte[CHUNK];
    long written = 0;
    try (OutputStream out = Files.newOutputStream(ballast, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      // Bounded by the size: a filesystem that takes more than it has is not one we can fill.
      while (written <= limit) {
        out.write(chunk);
        written += CHUNK;
      }
    } catch (IOException e) {
      if (!full(e)) {
        throw e;
      }
      return Files.size(ballast);
    }
    throw new IllegalStateException(dir + " took " + written + " bytes without filling up (size " + limit + ")");
  }

  /** Deletes the ballast, so writes succeed again; a no-op without one. */
  public void free() {
    try {
      Files.deleteIfExists(ballast);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + ballast + ": " + e.getMessage(), e);
    }
  }

  /** Whether an I/O failure is the disk being full (Java gives no errno, only its text). */
  public static boolean full(IOException e) {
    return e.getMessage() != null && e.getMessage().contains("No space left on device");
  }
}
