package toystore.gui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.config.Version;

/** The dashboard's own command line: the same discovery as every tool, and --version. */
class DashboardMainTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new DashboardMain()).setOut(new PrintWriter(out, true)).execute(args);
  }

  @Test
  void versionIsTheProjectVersion() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).isEqualTo("Toy Store " + Version.number() + System.lineSeparator());
  }

  @Test
  void helpSaysHowTheStoreIsFound() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: toystore gui", "--data-dir=DIR", "--agent=URL",
        "Finding the store: --cluster FILE, else --data-dir DIR's cluster.json, else");
  }

  @Test
  void aStoreThatCannotBeFoundIsExitTwoBeforeAnyWindowOpens() {
    assertThat(run("--data-dir", dir.resolve("none").toString())).isEqualTo(2);
  }
}
