package toystore.nemesis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@code iptables} program. Always with {@code -w}, so that concurrent callers (other
 * stores on this machine, the system's own tools) wait for the xtables lock instead of failing.
 */
final class Iptables {
  private static final long WAIT_SECONDS = 20;

  /** What one run printed (stdout and stderr together) and its exit status. */
  record Result(int status, String output) {
    boolean ok() {
      return status == 0;
    }
  }

  private final String binary;

  /** @param binary the program to run, e.g. {@code iptables}: looked up on the PATH like any command */
  Iptables(String binary) {
    this.binary = binary;
  }

  String binary() {
    return binary;
  }

  /**
   * Runs {@code iptables -w args…} and returns what it said.
   *
   * @throws IOException when the program cannot be started or does not finish in time
   */
  Result run(List<String> args) throws IOException {
    List<String> command = new ArrayList<>(List.of(binary, "-w"));
    command.addAll(args);
    // Output to a file, not a pipe: a listing larger than the pipe's buffer would block the program
    // while we wait for it to exit.
    Path output = Files.createTempFile("toystore-iptables", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      // The supervisor's environment may hold the admin token or the cluster secret; iptables needs neither.
      builder.environment().keySet().removeIf(key -> key.startsWith("TOYSTORE_"));
      Process process = builder.start();
      try {
        if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IOException(String.join(" ", command) + " did not finish within " + WAIT_SECONDS + " s");
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running " + String.join(" ", command), e);
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8).strip());
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /**
   * Runs {@code iptables -w args…} and insists that it succeeds.
   *
   * @throws IllegalStateException when it cannot be run or exits with a failure
   */
  String require(List<String> args) {
    Result result;
    try {
      result = run(args);
    } catch (IOException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    if (!result.ok()) {
      throw new IllegalStateException(binary + " -w " + String.join(" ", args) + " failed (" + result.status() + "): "
          + result.output());
    }
    return result.output();
  }
}
