package toystore.supervisor;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How to start a child JVM: the {@code java} executable and the class path holding every service.
 * {@link #current()} reuses this JVM's own, so children run the same code from the shaded jar under
 * {@code ./toystore} and from Maven's test class path under tests.
 */
public record JavaCommand(String executable, String classPath) {
  public static JavaCommand current() {
    String java = ProcessHandle.current().info().command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Absolute entries, so a child finds its classes whatever directory it runs in.
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .map(entry -> Path.of(entry).toAbsolutePath().toString())
        .collect(Collectors.joining(File.pathSeparator));
    return new JavaCommand(java, classPath);
  }

  /**
   * The command line of a child JVM running {@code mainClass}: every child gets the same small heap
   * and collector, so services (and the benchmark's baseline server) run under the same conditions.
   * Only the quick compiler (C1): the services wait on disks and sockets far more than they compute,
   * and on a small machine the optimizing compiler's threads cost more CPU than its code saves
   * (docs/PERFORMANCE.md, issue 13: orders took 40 % less CPU on the followers).
   */
  public List<String> command(String mainClass, List<String> args) {
    List<String> command = new ArrayList<>(List.of(
        executable, "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", classPath,
        mainClass));
    command.addAll(args);
    return command;
  }
}
