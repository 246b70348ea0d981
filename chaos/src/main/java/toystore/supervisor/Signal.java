package toystore.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The job-control signals, which Java has no API for. They are sent with the shell's built-in
 * {@code kill}, so nothing beyond {@code /bin/sh} needs to be installed.
 */
enum Signal {
  /** Freezes the process: it stops running, its sockets stay open and keep accepting connections. */
  STOP,
  /** Lets a stopped process run again. */
  CONT;

  private static final long WAIT_SECONDS = 5;

  /**
   * Sends this signal to {@code process}.
   *
   * @return false when the process had already exited
   * @throws IllegalStateException when the signal could not be sent to a live process
   */
  boolean send(Process process) {
    String output;
    int status;
    try {
      Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s \"$1\" \"$2\"", "sh", name(),
          Long.toString(process.pid())).redirectErrorStream(true).start();
      if (!kill.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
        kill.destroyForcibly();
        throw new IllegalStateException("kill -s " + name() + " " + process.pid() + " did not finish in " + WAIT_SECONDS + " s");
      }
      output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      status = kill.exitValue();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run kill -s " + name() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending SIG" + name(), e);
    }
    if (status == 0) {
      return true;
    }
    if (!process.isAlive()) {
      return false;
    }
    throw new IllegalStateException("kill -s " + name() + " " + process.pid() + " failed (" + status + "): " + output);
  }
}
