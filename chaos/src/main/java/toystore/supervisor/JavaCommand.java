package toystore.supervisor;

import java.nio.file.Path;

/**
 * How to start a child JVM: the {@code java} executable and the class path holding every service.
 * {@link #current()} reuses this JVM's own, so children run the same code from the shaded jar under
 * {@code ./toystore} and from Maven's test class path under tests.
 */
public record JavaCommand(String executable, String classPath) {
  public static JavaCommand current() {
    String java = ProcessHandle.current().info().command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    return new JavaCommand(java, System.getProperty("java.class.path"));
  }
}
