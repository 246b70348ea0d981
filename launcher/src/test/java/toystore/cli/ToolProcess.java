package toystore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import toystore.supervisor.JavaCommand;

/**
 * {@code toystore} as a user runs it: a child JVM on the test class path, in a working directory of
 * the test's choosing, with no TOYSTORE_ variable but the ones the test gives it.
 */
public final class ToolProcess {
  private static final long LIMIT_SECONDS = 90;

  /** What one run printed and how it ended. */
  public record Result(int exit, String out, String err) {
    /** Everything, for assertion messages. */
    public String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }
  }

  private final Path scratch;

  /** @param scratch where the runs' input and output files go */
  public ToolProcess(Path scratch) {
    this.scratch = scratch;
  }

  public Result run(Path cwd, Map<String, String> env, String stdin, String... args)
      throws IOException, InterruptedException {
    return run(cwd, env, List.of(), stdin, args);
  }

  /** @param jvmOptions go before the main class, e.g. {@code -Dname=value} */
  public Result run(Path cwd, Map<String, String> env, List<String> jvmOptions, String stdin, String... args)
      throws IOException, InterruptedException {
    JavaCommand java = JavaCommand.current();
    List<String> command = new ArrayList<>(List.of(java.executable(), "-Xmx128m", "-XX:+UseSerialGC"));
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", java.classPath(), ToyStore.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(scratch, "out", ".txt");
    Path err = Files.createTempFile(scratch, "err", ".txt");
    Path in = Files.writeString(Files.createTempFile(scratch, "in", ".txt"), stdin);
    ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile())
        .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().keySet().removeIf(name -> name.startsWith("TOYSTORE_"));
    builder.environment().putAll(env);
    Process process = builder.start();
    try {
      if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("toystore " + String.join(" ", args) + " did not end within " + LIMIT_SECONDS + " s");
      }
    } finally {
      process.destroyForcibly();
    }
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
