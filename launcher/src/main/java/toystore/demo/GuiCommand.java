package toystore.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import toystore.connect.DashboardOptions;

/**
 * {@code toystore gui} inside this jar. The dashboard needs JavaFX and so lives in its own jar, which
 * the {@code ./toystore} script runs directly; run as {@code java -jar toystore.jar gui}, this hands
 * the same arguments on to that jar when it is found, else says how to start it.
 */
@Command(name = "gui", mixinStandardHelpOptions = true, header = DashboardOptions.HEADER,
    description = DashboardOptions.DESCRIPTION)
public final class GuiCommand implements Callable<Integer> {
  @Mixin private DashboardOptions options;

  @Spec private CommandSpec spec;

  /** The arguments after {@code gui}: the parse result holds the whole command line. */
  private List<String> ownArgs() {
    List<String> all = spec.commandLine().getParseResult().originalArgs();
    return List.copyOf(all.subList(all.indexOf(spec.name()) + 1, all.size()));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter err = spec.commandLine().getErr();
    Optional<Path> jar = Dashboard.jar();
    if (jar.isEmpty()) {
      err.println("toystore gui: the dashboard is a jar of its own (it needs JavaFX) and was not found ("
          + Dashboard.JAR_ENV + " is unset" + Dashboard.besideThisJar().map(p -> ", no " + p).orElse("")
          + "); run './toystore gui' in the repository, which builds it, or 'java -jar gui-client/target/toystore-gui.jar'");
      err.flush();
      return 1;
    }
    try {
      return Dashboard.run(jar.get(), ownArgs());
    } catch (IOException e) {
      err.println("toystore gui: cannot start " + jar.get() + ": " + e.getMessage());
      return 1;
    }
  }
}
