package toystore.nemesis;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A disk-full fault on one directory (docs/DESIGN.md "Fault injection"): {@link #fill()} writes a
 * ballast file until the filesystem is full (ENOSPC), {@link #free()} deletes it. Only a directory
 * that is a filesystem of its own (a small tmpfs mounted there, {@link MountPoints}) may be filled:
 * filling a shared disk would break everything else on it, so there {@link #fill()} refuses.
 */
public final class DiskBallast {
  static final String FILE_NAME = ".toystore-disk-full-ballast";
  private static final int CHUNK = 64 * 1024;

  private final Path dir;
  private final MountPoints mounts;

  public DiskBallast(Path dir) {
    this(dir, MountPoints.SYSTEM);
  }

  DiskBallast(Path dir, MountPoints mounts) {
    this.dir = dir.toAbsolutePath().normalize();
    this.mounts = mounts;
  }

  /** Why this directory may not be filled, or null when it is a filesystem of its own. */
  public String unsupportedReason() {
    try {
      // What the directory really is: a symbolic link to a tmpfs is checked (and filled) as that tmpfs.
      return mounts.refusal(dir.toRealPath());
    } catch (NoSuchFileException e) {
      return dir + " is not a filesystem of its own (it does not exist)";
    } catch (IOException e) {
      return dir + " cannot be checked: " + e.getMessage();
    }
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
    return Files.exists(dir.resolve(FILE_NAME), LinkOption.NOFOLLOW_LINKS);
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
    Path real = dir.toRealPath();
    Path ballast = real.resolve(FILE_NAME);
    long limit = Files.getFileStore(real).getTotalSpace();
    byte[] chunk = new byte[CHUNK];
    long written = 0;
    try (OutputStream out = open(ballast)) {
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
    throw new IllegalStateException(real + " took " + written + " bytes without filling up (size " + limit + ")");
  }

  /** A new ballast, or the one already there; never through a symbolic link put in its place. */
  private static OutputStream open(Path ballast) throws IOException {
    try {
      return Files.newOutputStream(ballast, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      return Files.newOutputStream(ballast, StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    }
  }

  /** Deletes the ballast, so writes succeed again; a no-op without one. */
  public void free() {
    Path ballast = dir.resolve(FILE_NAME);
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
