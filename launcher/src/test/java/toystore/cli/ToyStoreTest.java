package toystore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import toystore.config.Version;

class ToyStoreTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = ToyStore.commandLine();
    commandLine.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void helpListsTheSubcommands() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: toystore", "up");
  }

  @Test
  void everySubcommandHasHelp() {
    for (String name : ToyStore.commandLine().getSubcommands().keySet()) {
      out.getBuffer().setLength(0);
      assertThat(run(name, "--help")).as(name).isZero();
      assertThat(out.toString()).as(name).contains("Usage: toystore " + name);
    }
  }

  @Test
  void helpListsEveryCommandTheDashboardAmongThem() {
    assertThat(run("--help")).isZero();
    for (String name : List.of("up", "demo", "gui", "load", "chaos", "check", "bench", "client", "frontend", "catalog", "order")) {
      assertThat(out.toString()).as(name).containsPattern("(?m)^  " + name + " ");
    }
  }

  @Test
  void theCommandAndEverySubcommandPrintTheProjectVersion() {
    String version = Version.number();
    // Filled in at build time: a placeholder left over would show here.
    assertThat(version).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");

    assertThat(run("--version")).isZero();
    assertThat(out.toString()).isEqualTo("Toy Store " + version + System.lineSeparator());
    for (String name : ToyStore.commandLine().getSubcommands().keySet()) {
      out.getBuffer().setLength(0);
      assertThat(run(name, "--version")).as(name).isZero();
      assertThat(out.toString()).as(name).isEqualTo("Toy Store " + version + System.lineSeparator());
    }
  }

  @Test
  void aBadCommandLineGetsAShortMessageAndANonZeroExit() {
    assertThat(run("nonsense")).isEqualTo(2);
    assertThat(err.toString()).contains("toystore: Unmatched argument", "Try 'toystore --help'");

    err.getBuffer().setLength(0);
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("Missing required subcommand");

    err.getBuffer().setLength(0);
    assertThat(run("up", "--port-base", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("toystore up:", "--port-base").doesNotContain("Exception");
  }
}
