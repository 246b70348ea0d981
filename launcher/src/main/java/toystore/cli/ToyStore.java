package toystore.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;
import toystore.bench.BenchCommand;
import toystore.catalog.CatalogMain;
import toystore.chaos.ChaosCommand;
import toystore.check.CheckCommand;
import toystore.config.Version;
import toystore.demo.DemoCommand;
import toystore.demo.GuiCommand;
import toystore.frontend.FrontendMain;
import toystore.load.LoadCommand;
import toystore.order.OrderMain;
import toystore.shell.ClientCommand;
import toystore.supervisor.UpCommand;

/**
 * {@code ./toystore}: the one command line of the project (the shaded jar's main class).
 * Every subcommand is listed in the {@code subcommands} attribute below — add yours there.
 */
@Command(name = "toystore", mixinStandardHelpOptions = true, versionProvider = Version.class,
    // Every subcommand inherits --help and --version (and so prints the same version).
    scope = ScopeType.INHERIT,
    description = "Toy Store: a small online toy shop as real distributed software.",
    subcommands = {
        UpCommand.class,
        DemoCommand.class,
        GuiCommand.class,
        LoadCommand.class,
        ChaosCommand.class,
        CheckCommand.class,
        BenchCommand.class,
        ClientCommand.class,
        FrontendMain.class,
        CatalogMain.class,
        OrderMain.class,
    })
public final class ToyStore {
  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit status; no stack trace ever reaches the user. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    return new CommandLine(new ToyStore())
        .setParameterExceptionHandler((e, args) -> {
          CommandLine commandLine = e.getCommandLine();
          String command = commandLine.getCommandSpec().qualifiedName();
          PrintWriter err = commandLine.getErr();
          err.println(command + ": " + e.getMessage());
          err.println("Try '" + command + " --help' for more information.");
          err.flush();
          return commandLine.getCommandSpec().exitCodeOnInvalidInput();
        })
        .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
          err.println(commandLine.getCommandSpec().qualifiedName() + ": " + message);
          err.flush();
          return 1;
        });
  }
}
