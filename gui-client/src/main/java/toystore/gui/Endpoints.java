package toystore.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import toystore.json.Json;
import toystore.model.ClusterFile;

/**
 * Where the dashboard connects: the frontend (required) and the chaos agent with its admin token
 * (optional: without them the dashboard shows the store but cannot kill or restart anything).
 */
record Endpoints(String frontendUrl, String agentUrl, String adminToken) {

  /** The flags and environment one start of the dashboard was given; null means "not given". */
  record Sources(Path clusterFile, String frontendFlag, String agentFlag, Path tokenFileFlag, String tokenFromEnv) {}

  boolean hasAgent() {
    return agentUrl != null;
  }

  @Override
  public String toString() {
    return "Endpoints[frontend=" + frontendUrl + ", agent=" + agentUrl + "]"; // never the token
  }

  /**
   * Flags win over {@code cluster.json}; the token comes from {@code --token-file}, else the
   * environment, else the token file that {@code cluster.json} names.
   *
   * @throws IllegalArgumentException with a message fit for the user when nothing usable is found
   */
  static Endpoints resolve(Sources sources) {
    ClusterFile cluster = readClusterFile(sources.clusterFile());
    String frontend = firstNonBlank(sources.frontendFlag(), cluster == null ? null : cluster.frontend());
    String agent = firstNonBlank(sources.agentFlag(), cluster == null ? null : cluster.agent());
    if (frontend == null) {
      throw new IllegalArgumentException(
          "no frontend address: " + sources.clusterFile() + " does not exist (start the cluster with"
              + " './toystore up', which writes it) and no --frontend URL was given");
    }
    if (agent == null) {
      return new Endpoints(frontend, null, null);
    }
    String token = sources.tokenFileFlag() != null
        ? readToken(sources.tokenFileFlag())
        : firstNonBlank(sources.tokenFromEnv(), null);
    if (token == null && cluster != null && cluster.tokenFile() != null) {
      token = readToken(Path.of(cluster.tokenFile()));
    }
    if (token == null) {
      throw new IllegalArgumentException(
          "the agent at " + agent + " needs the admin token: pass --token-file FILE or set TOYSTORE_ADMIN_TOKEN");
    }
    return new Endpoints(frontend, agent, token);
  }

  private static ClusterFile readClusterFile(Path file) {
    if (file == null || !Files.exists(file)) {
      return null;
    }
    try {
      return Json.read(Files.readString(file), ClusterFile.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static String readToken(Path file) {
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new IllegalArgumentException("the token file " + file + " is empty");
      }
      return token;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the token file " + file + ": " + e.getMessage());
    }
  }

  private static String firstNonBlank(String a, String b) {
    if (a != null && !a.isBlank()) {
      return a.strip();
    }
    return b == null || b.isBlank() ? null : b.strip();
  }
}
