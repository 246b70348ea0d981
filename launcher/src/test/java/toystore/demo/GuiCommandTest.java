package toystore.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import toystore.cli.ToolProcess;

/** {@code java -jar toystore.jar gui}: hands its arguments to the dashboard's jar, or says how to start it. */
class GuiCommandTest {
  @TempDir Path dir;

  @Test
  void withoutTheDashboardsJarItSaysHowToStartIt() throws Exception {
    Path missing = dir.resolve("no-such-gui.jar");

    ToolProcess.Result run = new ToolProcess(dir).run(dir, Map.of(Dashboard.JAR_ENV, missing.toString()), "",
        "gui", "--data-dir", "x");

    assertThat(run.exit()).as(run.all()).isEqualTo(1);
    assertThat(run.err()).as(run.all()).startsWith("toystore gui: the dashboard is a jar of its own")
        .contains("./toystore gui", "java -jar gui-client/target/toystore-gui.jar")
        .doesNotContain("Unmatched argument");
  }

  @Test
  void theDashboardsJarGetsTheSameArgumentsAndItsExitCodeIsTheCommands() throws Exception {
    Path jar = fakeDashboardJar();

    ToolProcess.Result run = new ToolProcess(dir).run(dir, Map.of(Dashboard.JAR_ENV, jar.toString()), "",
        "gui", "--data-dir", "/tmp/s2", "--seed", "5");

    assertThat(run.exit()).as(run.all()).isEqualTo(3);
    assertThat(run.out()).isEqualTo("fake dashboard [--data-dir, /tmp/s2, --seed, 5]" + System.lineSeparator());
  }

  @Test
  void badArgumentsAreRefusedBeforeTheDashboardStarts() throws Exception {
    ToolProcess.Result run = new ToolProcess(dir).run(dir, Map.of(Dashboard.JAR_ENV, fakeDashboardJar().toString()), "",
        "gui", "--seed", "soon");

    assertThat(run.exit()).as(run.all()).isEqualTo(2);
    assertThat(run.out()).doesNotContain("fake dashboard");
    assertThat(run.err()).contains("toystore gui:", "--seed");
  }

  /** A jar holding only a manifest: {@link FakeDashboard} as its main class, from the test classes. */
  private Path fakeDashboardJar() throws IOException {
    Path classes = Path.of(FakeDashboard.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeDashboard.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
    Path jar = dir.resolve("fake-gui.jar");
    try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
      out.flush();
    }
    return jar;
  }
}
