package toystore.supervisor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
  private static final Duration FROZEN_WAIT = Duration.ofSeconds(2);

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
      ProcessBuilder command = new ProcessBuilder("/bin/sh", "-c", "kill -s \"$1\" \"$2\"", "sh", name(),
          Long.toString(process.pid())).redirectErrorStream(true);
      // The supervisor's environment may hold the admin token or the cluster secret; kill needs neither.
      command.environment().keySet().removeIf(key -> key.startsWith("TOYSTORE_"));
      Process kill = command.start();
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

  /**
   * Waits until the kernel shows {@code process} stopped: SIGSTOP takes effect asynchronously (each
   * thread stops on its way back from the kernel), and a pause must not report done before it is.
   *
   * @return false when it was not stopped within two seconds
   */
  static boolean awaitStopped(Process process) {
    long deadline = System.nanoTime() + FROZEN_WAIT.toNanos();
    try {
      while (state(process.pid()) != 'T') {
        if (System.nanoTime() > deadline || !process.isAlive()) {
          return false;
        }
        Thread.sleep(5);
      }
      return true;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The kernel's run state of a process ('R', 'S', 'T' when stopped, …), from {@code /proc/<pid>/stat}. */
  static char state(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).charAt(0);
  }
}
