package toystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import toystore.chaos.ChaosCommand;
import toystore.check.CheckCommand;
import toystore.demo.DemoCommand;
import toystore.load.LoadCommand;
import toystore.shell.ClientCommand;

class CommandsTest {
  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run run(Object command, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line = new CommandLine(command).setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    int exit = line.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void everyCommandHasHelp() {
    for (Object command : List.of(new LoadCommand(), new ChaosCommand(), new CheckCommand(), new ClientCommand(), new DemoCommand())) {
      Run run = run(command, "--help");
      assertThat(run.exit()).isZero();
      assertThat(run.out()).contains("Usage: ", "--help");
    }
  }

  @Test
  void badSettingsGiveAMessageAndExitTwo() {
    Run load = run(new LoadCommand(), "--frontend", "http://127.0.0.1:23999", "--clients", "0");
    assertThat(load.exit()).isEqualTo(2);
    assertThat(load.err()).isEqualTo("toystore load: clients must be at least 1, not 0" + System.lineSeparator());

    Run chaos = run(new ChaosCommand(), "--duration", "soon");
    assertThat(chaos.exit()).isEqualTo(2);
    assertThat(chaos.err()).contains("not a duration").doesNotContain("Exception");
  }

  @Test
  void aStoreThatCannotBeFoundIsExplainedWithoutAStackTrace() {
    Run check = run(new CheckCommand(), "--agent", "http://127.0.0.1:23999", "--cluster", dir.resolve("none.json").toString());
    assertThat(check.exit()).isEqualTo(2);
    assertThat(check.err()).startsWith("toystore check: no store found: " + dir.resolve("none.json")).doesNotContain("\tat ");

    Path noToken = dir.resolve("none.token");
    Run load = run(new LoadCommand(), "--agent", "http://127.0.0.1:23999", "--token-file", noToken.toString());
    assertThat(load.exit()).isEqualTo(2);
    assertThat(load.err()).isEqualTo("toystore load: the token file " + noToken + " does not exist" + System.lineSeparator());
  }

  @Test
  void everyToolsHelpSaysHowItFindsTheStore() {
    for (Object command : List.of(new LoadCommand(), new ChaosCommand(), new CheckCommand(), new ClientCommand())) {
      Run run = run(command, "--help");
      assertThat(run.out()).as(run.out()).contains("--cluster=FILE", "--data-dir=DIR", "--agent=URL", "--token-file=FILE",
          "Finding the store: --cluster FILE, else --data-dir DIR's cluster.json, else", "TOYSTORE_DATA_DIR's, else ./data/cluster.json");
    }
  }
}
