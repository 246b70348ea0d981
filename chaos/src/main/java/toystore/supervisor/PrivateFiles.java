package toystore.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/** Files only the owner may read: created with their permissions, never chmod-ed afterwards. */
final class PrivateFiles {
  private static final FileAttribute<?> OWNER_ONLY_DIR =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final FileAttribute<?> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  private PrivateFiles() {}

  /** Creates {@code dir} owner-only (0700) if it does not exist; an existing one is left as it is. */
  static void ensureDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Path parent = dir.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.createDirectory(dir, OWNER_ONLY_DIR);
    }
  }

  /**
   * Replaces {@code file} with {@code content} (mode 0600) in one atomic rename, so a reader sees
   * the old file or the whole new one, never a half-written one.
   */
  static void write(Path file, String content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", OWNER_ONLY_FILE);
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
