package toystore.connect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import toystore.client.AgentClient;
import toystore.json.Json;
import toystore.model.ClusterFile;
import toystore.model.ServiceInfo;

/**
 * The one way every tool finds a running store (docs/API.md §5). The cluster file is the first
 * given of {@code --cluster FILE}, {@code --data-dir DIR}'s cluster.json and
 * {@code TOYSTORE_DATA_DIR}'s, and must then exist; else {@code ./data/cluster.json}, read only when
 * the flags leave an address open. {@code --frontend} and {@code --agent} override the file's
 * addresses. With {@code --agent} and no {@code --frontend} the frontend is whatever that agent's
 * {@code GET /cluster} names, and only a file named by a flag is read: {@code TOYSTORE_DATA_DIR} and
 * {@code ./data} may describe another store than that agent's. The token is {@code --token-file},
 * else {@code TOYSTORE_ADMIN_TOKEN}, else the file's {@code tokenFile}. Nothing is sent but that one
 * question to a named agent, once its token is known; no address is ever a built-in default.
 */
final class StoreLocator {
  private static final String CLUSTER_JSON = "cluster.json";

  private final OkHttpClient http;

  StoreLocator(OkHttpClient http) {
    this.http = http;
  }

  /** Where a cluster file may be, and the source that named it (null for ./data/cluster.json), for messages. */
  private record Candidate(Path path, String origin) {}

  /** A cluster file as read. */
  private record Found(ClusterFile file, Path path) {
    String frontend() throws StoreNotFoundException {
      if (!notBlank(file.frontend())) {
        throw new StoreNotFoundException("the cluster file " + path + " has no frontend");
      }
      return file.frontend().strip();
    }
  }

  StoreAddress locate(StoreSources sources, AgentUse use) throws StoreNotFoundException {
    String frontendFlag = url(sources.frontendFlag(), "--frontend");
    String agentFlag = url(sources.agentFlag(), "--agent");
    Optional<Candidate> named = named(sources, agentFlag == null);
    Found found = named.isPresent() ? read(named.get()) : null;
    boolean flagsSuffice = agentFlag != null || frontendFlag != null && use != AgentUse.REQUIRED;
    if (found == null && !flagsSuffice) {
      found = read(new Candidate(sources.workingDir().resolve("data").resolve(CLUSTER_JSON), null));
    }

    String agent = agentFlag != null ? agentFlag
        : found != null && notBlank(found.file().agent()) ? found.file().agent().strip() : null;
    if (use == AgentUse.REQUIRED && agent == null) {
      throw new StoreNotFoundException("the cluster file " + found.path() + " has no agent");
    }
    boolean frontendFromAgent = frontendFlag == null && agentFlag != null;
    boolean agentWanted = use == AgentUse.REQUIRED || use == AgentUse.IF_KNOWN && agent != null;
    String token = agentWanted || frontendFromAgent ? token(sources, found, agent) : null;
    String frontend = frontendFlag != null ? frontendFlag
        : frontendFromAgent ? frontendOf(agent, token)
        : found.frontend();
    return agentWanted ? new StoreAddress(frontend, agent, token) : new StoreAddress(frontend, null, null);
  }

  /**
   * The store's data directory as far as these sources tell: the directory of the cluster file they
   * name, else {@code ./data} when it holds one; empty when neither (an {@code --agent} alone).
   */
  static Optional<Path> dataDirectory(StoreSources sources) {
    Optional<Path> named = named(sources, sources.agentFlag() == null).map(c -> c.path().toAbsolutePath().getParent());
    if (named.isPresent()) {
      return named;
    }
    Path standard = sources.workingDir().resolve("data");
    return Files.isRegularFile(standard.resolve(CLUSTER_JSON)) ? Optional.of(standard) : Optional.empty();
  }

  private static Optional<Candidate> named(StoreSources sources, boolean fromEnvironment) {
    Path cwd = sources.workingDir();
    if (sources.clusterFlag() != null) {
      return Optional.of(new Candidate(cwd.resolve(sources.clusterFlag()), "--cluster"));
    }
    if (sources.dataDirFlag() != null) {
      return Optional.of(new Candidate(cwd.resolve(sources.dataDirFlag()).resolve(CLUSTER_JSON), "--data-dir"));
    }
    if (fromEnvironment && notBlank(sources.dataDirEnv())) {
      return Optional.of(new Candidate(
          cwd.resolve(sources.dataDirEnv().strip()).resolve(CLUSTER_JSON), "TOYSTORE_DATA_DIR"));
    }
    return Optional.empty();
  }

  private static Found read(Candidate candidate) throws StoreNotFoundException {
    Path path = candidate.path().toAbsolutePath().normalize();
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new StoreNotFoundException(candidate.origin() != null
          ? "no store found: " + path + " (from " + candidate.origin() + ") does not exist; 'toystore up' writes it"
              + " once every service is healthy and deletes it when it stops"
          : "no store found: no --cluster FILE, --data-dir DIR or TOYSTORE_DATA_DIR given, and " + path
              + " does not exist; start one with 'toystore up', or pass --agent URL with --token-file FILE or"
              + " TOYSTORE_ADMIN_TOKEN set", e);
    } catch (IOException e) {
      throw new StoreNotFoundException("cannot read the cluster file " + path + ": " + e.getMessage(), e);
    }
    try {
      return new Found(Json.read(text, ClusterFile.class), path);
    } catch (IOException | RuntimeException e) {
      throw new StoreNotFoundException("the cluster file " + path + " is not one 'toystore up' wrote: " + e.getMessage(), e);
    }
  }

  private static String token(StoreSources sources, Found found, String agent) throws StoreNotFoundException {
    if (sources.tokenFileFlag() != null) {
      return readToken(sources.workingDir().resolve(sources.tokenFileFlag()));
    }
    if (notBlank(sources.tokenEnv())) {
      return sources.tokenEnv().strip();
    }
    if (found != null && notBlank(found.file().tokenFile())) {
      return readToken(Path.of(found.file().tokenFile()));
    }
    throw new StoreNotFoundException("the agent at " + agent + " needs the admin token: pass --token-file FILE or set TOYSTORE_ADMIN_TOKEN");
  }

  private String frontendOf(String agent, String token) throws StoreNotFoundException {
    try {
      return new AgentClient(http, agent, token).services().stream()
          .filter(service -> "frontend".equals(service.name()))
          .map(ServiceInfo::url)
          .findFirst()
          .orElseThrow(() -> new StoreNotFoundException("the agent at " + agent + " has no service named frontend"));
    } catch (IOException e) {
      throw new StoreNotFoundException(
          "cannot ask the agent at " + agent + " for the frontend's address: " + e.getMessage(), e);
    }
  }

  private static String readToken(Path file) throws StoreNotFoundException {
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new StoreNotFoundException("the token file " + file + " is empty");
      }
      return token;
    } catch (NoSuchFileException e) {
      throw new StoreNotFoundException("the token file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new StoreNotFoundException("cannot read the token file " + file + ": " + e.getMessage(), e);
    }
  }

  /** A flag's URL, checked before anything is sent; null when the flag was not given. */
  private static String url(String flag, String name) throws StoreNotFoundException {
    if (flag == null) {
      return null;
    }
    HttpUrl parsed = HttpUrl.parse(flag.strip());
    if (parsed == null) {
      throw new StoreNotFoundException(name + " must be an http:// or https:// URL, not '" + flag + "'");
    }
    return flag.strip().replaceAll("/+$", "");
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }
}
