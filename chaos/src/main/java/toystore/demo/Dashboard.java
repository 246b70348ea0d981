package toystore.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** The JavaFX dashboard as a child process of the demo (it lives in its own jar, built by gui-client). */
final class Dashboard {
  /** Set by the {@code toystore} launcher to the dashboard's jar. */
  static final String JAR_ENV = "TOYSTORE_GUI_JAR";

  private Dashboard() {}

  /** The dashboard's jar, when there is a display to show it on and the jar was built. */
  static Optional<Path> available() {
    boolean display = notBlank(System.getenv("DISPLAY")) || notBlank(System.getenv("WAYLAND_DISPLAY"));
    String jar = System.getenv(JAR_ENV);
    if (!display || !notBlank(jar) || !Files.isRegularFile(Path.of(jar))) {
      return Optional.empty();
    }
    return Optional.of(Path.of(jar));
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  /** Opens the dashboard on the store named by {@code clusterFile}; returns its exit code once closed. */
  static int runUntilClosed(Path jar, Path clusterFile, PrintWriter out) throws InterruptedException {
    out.println("Opening the dashboard; close its window to stop the store.");
    out.flush();
    String java = ProcessHandle.current().info().command().orElse("java");
    try {
      Process gui = new ProcessBuilder(java, "-jar", jar.toString(), "--cluster", clusterFile.toString())
          .inheritIO()
          .start();
      try {
        return gui.waitFor();
      } finally {
        gui.destroy();
      }
    } catch (IOException e) {
      out.println("The dashboard could not start (" + e.getMessage() + "); the store stops now.");
      return 1;
    }
  }
}
