package toystore.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import toystore.service.ServiceProcess;

/**
 * One child JVM of the supervisor. Launches, kills, pauses and resumes are serialized per service;
 * reads of the current process are lock-free so status queries never wait behind a slow restart.
 * A paused (SIGSTOP) process can still be killed; it is resumed before any SIGTERM, which a frozen
 * process could not act on.
 */
final class ManagedProcess {
  static final String SECRET_VARIABLE = "TOYSTORE_CLUSTER_SECRET";
  private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(ManagedProcess.class);

  private final ServiceSpec spec;
  private final ProcessBuilder builder;
  private final Path logFile;
  private final ProcessPlacement placement;
  private final Object lock = new Object();
  private volatile Process process;
  /** Whether {@link #process} is frozen by our SIGSTOP; a process launched later never is. */
  private volatile boolean paused;
  private boolean retired;

  ManagedProcess(ServiceSpec spec, JavaCommand java, String clusterSecret, Path logFile, ProcessPlacement placement) {
    this.spec = spec;
    this.logFile = logFile;
    this.placement = placement;
    this.builder = new ProcessBuilder(java.command(spec.mainClass(), spec.args()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    // Every setting reaches the child as a flag; the only TOYSTORE_ variable it sees is the secret,
    // so nothing from the supervisor's own environment (the admin token included) leaks into it.
    builder.environment().keySet().removeIf(key -> key.startsWith("TOYSTORE_"));
    builder.environment().put(SECRET_VARIABLE, clusterSecret);
    builder.environment().put(ServiceProcess.SUPERVISOR_PID_ENV, Long.toString(ProcessHandle.current().pid()));
  }

  ServiceSpec spec() {
    return spec;
  }

  Path logFile() {
    return logFile;
  }

  /** The running process, or null. */
  Process process() {
    Process current = process;
    return current != null && current.isAlive() ? current : null;
  }

  /** Whether the running process is frozen (SIGSTOP). */
  boolean paused() {
    return paused && process() != null;
  }

  /**
   * Freezes the process with SIGSTOP; a no-op if it already is.
   *
   * @throws ServiceNotRunningException when it is not running
   */
  void pause() {
    synchronized (lock) {
      signal(Signal.STOP);
      paused = true;
      if (!Signal.awaitStopped(process)) {
        log.warn("{} (pid {}) did not show as stopped within 2 s of SIGSTOP", spec.name(), process.pid());
      }
    }
  }

  /**
   * Lets the process run again with SIGCONT; a no-op if it is not paused.
   *
   * @throws ServiceNotRunningException when it is not running
   */
  void resume() {
    synchronized (lock) {
      signal(Signal.CONT);
      paused = false;
    }
  }

  private void signal(Signal signal) {
    Process current = process();
    if (current == null || !signal.send(current)) {
      throw new ServiceNotRunningException(spec.name());
    }
  }

  /**
   * Resumes a paused process so that the SIGTERM that follows can take effect. If that fails it is
   * SIGKILLed instead: a stop must not leave a frozen process behind.
   */
  private void wakeForStop(Process current) {
    if (!paused) {
      return;
    }
    paused = false;
    try {
      Signal.CONT.send(current);
    } catch (IllegalStateException e) {
      log.warn("{} could not be resumed before stopping; killing it: {}", spec.name(), e.getMessage());
      current.destroyForcibly();
    }
  }

  /** Starts the child unless it is already running; returns the running process. */
  Process launch() throws IOException {
    synchronized (lock) {
      if (retired) {
        throw new ServiceStartException(spec.name() + " is not started: the supervisor is stopping");
      }
      Process current = process();
      if (current != null) {
        return current;
      }
      Ports.ensureFree(spec.host(), spec.port(), spec.name());
      paused = false;
      process = builder.start();
      placement.place(spec.name(), process.pid());
      return process;
    }
  }

  /** SIGKILL, then waits until the process is gone. */
  void kill() {
    synchronized (lock) {
      Process current = process;
      if (current != null) {
        current.destroyForcibly();
        awaitExit(current);
        paused = false;
      }
    }
  }

  /**
   * SIGTERM, so the service stops accepting, finishes or fails its in-flight requests and closes
   * its database; SIGKILL only if it is still alive after {@code grace}.
   *
   * @return the exit status (143 after a clean SIGTERM, 137 if it had to be killed), or -1 if it was not running
   */
  int terminate(Duration grace) {
    synchronized (lock) {
      Process current = process;
      if (current == null) {
        return -1;
      }
      wakeForStop(current);
      current.destroy();
      awaitStopped(System.nanoTime() + grace.toNanos());
      return current.exitValue();
    }
  }

  /** Kills, waits until gone, launches again. */
  Process relaunch() throws IOException {
    synchronized (lock) {
      kill();
      return launch();
    }
  }

  /** Refuses every later launch and sends SIGTERM; {@link #awaitStopped} finishes the job. */
  void beginStop() {
    synchronized (lock) {
      retired = true;
      Process current = process;
      if (current != null) {
        wakeForStop(current);
        current.destroy();
      }
    }
  }

  /** Waits for the SIGTERM to take effect until {@code deadlineNanos}, then SIGKILLs. */
  void awaitStopped(long deadlineNanos) {
    synchronized (lock) {
      Process current = process;
      if (current == null) {
        return;
      }
      try {
        long left = Math.max(0, deadlineNanos - System.nanoTime());
        if (!current.waitFor(left, TimeUnit.NANOSECONDS)) {
          current.destroyForcibly();
          awaitExit(current);
        }
      } catch (InterruptedException e) {
        current.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private void awaitExit(Process current) {
    try {
      if (!current.waitFor(EXIT_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(spec.name() + " (pid " + current.pid() + ") is still alive after SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + spec.name() + " to exit", e);
    }
  }
}
