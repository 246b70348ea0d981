package toystore.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JavaFX dashboard as a child process (it lives in its own jar, built by gui-client). */
final class Dashboard {
  /** Set by the {@code toystore} launcher to the dashboard's jar. */
  static final String JAR_ENV = "TOYSTORE_GUI_JAR";

  private Dashboard() {}

  /** The dashboard's jar, when there is a display to show it on and the jar was built. */
  static Optional<Path> available() {
    boolean display = notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    return display ? jar() : Optional.empty();
  }

  /** {@value #JAR_ENV}, else where the build puts the jar in the repository this code runs from. */
  static Optional<Path> jar() {
    String fromEnv = System.getenv(JAR_ENV);
    Optional<Path> jar = notBlank(fromEnv) ? Optional.of(Path.of(fromEnv)) : besideThisJar();
    return jar.filter(Files::isRegularFile);
  }

  /**
   * {@code gui-client/target/toystore-gui.jar} of the repository holding this code: launcher/target/toystore.jar
   * and, under Maven, launcher/target/classes are both three levels below the repository root. Empty when
   * the class loader does not say where this code came from.
   */
  static Optional<Path> besideThisJar() {
    CodeSource source = Dashboard.class.getProtectionDomain().getCodeSource();
    if (source == null) {
      return Optional.empty();
    }
    try {
      Path root = Path.of(source.getLocation().toURI()).toAbsolutePath();
      for (int level = 0; level < 3 && root != null; level++) {
        root = root.getParent();
      }
      return root == null ? Optional.empty() : Optional.of(root.resolve("gui-client/target/toystore-gui.jar"));
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot tell where this jar is: " + e.getMessage(), e);
    }
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  /** Runs the dashboard with {@code args} in this terminal; returns its exit code once it has ended. */
  static int run(Path jar, List<String> args) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString()));
    command.addAll(args);
    Process gui = new ProcessBuilder(command).inheritIO().start();
    try {
      return gui.waitFor();
    } finally {
      gui.destroy();
    }
  }

  /** Opens the dashboard on the store named by {@code clusterFile}; returns its exit code once closed. */
  static int runUntilClosed(Path jar, Path clusterFile, PrintWriter out) throws InterruptedException {
    out.println("Opening the dashboard; close its window to stop the store.");
    out.flush();
    try {
      return run(jar, List.of("--cluster", clusterFile.toString()));
    } catch (IOException e) {
      out.println("The dashboard could not start (" + e.getMessage() + "); the store stops now.");
      return 1;
    }
  }
}
