package toystore.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFilesTest {
  @TempDir
  Path tempDir;

  @Test
  void aNewDirectoryIsOwnerOnly() throws IOException {
    Path dir = tempDir.resolve("a/b/data");

    PrivateFiles.ensureDirectory(dir);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
  }

  @Test
  void writtenFilesAreOwnerOnlyAndReplacedWhole() throws IOException {
    Path file = tempDir.resolve("admin.token");
    Files.writeString(file, "old token, world-readable");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    PrivateFiles.write(file, "new");

    assertThat(file).hasContent("new");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    try (var entries = Files.list(tempDir)) {
      assertThat(entries).containsExactly(file);
    }
  }
}
