package toystore.config;

/**
 * Where the processes of one store listen, and the source address each sends from: the one copy
 * of the rule (docs/DESIGN.md "Components"). With a port base P and n replicas: agent P, frontend
 * P+1, catalog P+2, order replica i at P+2+i (ids 1, 2, 3, …), a second frontend at P+3+n and
 * replica i's Raft port at P+3+n+i, so the original design's ports never move. Without a base, the
 * original design's ports: agent 7000, frontend 1234, catalog 2319, replica i at 1114+i, a second
 * frontend at 1235 and replica i's Raft port at 1124+i, which are also each service's defaults when
 * it runs alone.
 *
 * <p>Every service also has a source address of its own for its outgoing connections, so the
 * fault injector can drop one service's packets and not another's: {@code 127.A.B.n} with
 * {@code A.B} the agent port's two bytes and n = 1 for the catalog, 2 the frontend, 2+i replica i,
 * 254 the second frontend.
 * All of 127/8 is on the loopback interface, so nothing needs configuring; two stores on different
 * agent ports never share an address, and none is 127.0.0.x (the agent port is at least 1).
 *
 * @param replicaZero the port of replica i is {@code replicaZero + i}
 * @param secondFrontend the port of the second frontend ({@code --frontends 2}, raft mode only)
 * @param raftZero the Raft port of replica i is {@code raftZero + i} (raft mode only)
 */
public record PortLayout(int agent, int frontend, int catalog, int replicaZero, int secondFrontend, int raftZero) {
  /** Every service binds here unless told otherwise; only loopback is safe (docs/SECURITY.md). */
  public static final String HOST = "127.0.0.1";
  public static final int DEFAULT_REPLICAS = 3;

  private static final int STANDARD_AGENT = 7000;
  private static final int STANDARD_FRONTEND = 1234;
  private static final int STANDARD_CATALOG = 2319;
  private static final int STANDARD_REPLICA_ZERO = 1114;
  private static final int STANDARD_SECOND_FRONTEND = 1235;
  private static final int STANDARD_RAFT_ZERO = 1124;
  private static final String URL_PREFIX = "http://" + HOST + ":";

  /** The standalone defaults, as text for the services' {@code --help} (constants, so annotations can use them). */
  public static final String STANDARD_FRONTEND_URL = URL_PREFIX + STANDARD_FRONTEND;
  public static final String STANDARD_CATALOG_URL = URL_PREFIX + STANDARD_CATALOG;
  public static final String STANDARD_REPLICAS = "1=" + URL_PREFIX + (STANDARD_REPLICA_ZERO + 1)
      + ",2=" + URL_PREFIX + (STANDARD_REPLICA_ZERO + 2) + ",3=" + URL_PREFIX + (STANDARD_REPLICA_ZERO + 3);
  public static final String STANDARD_PORTS = "agent " + STANDARD_AGENT + ", frontend " + STANDARD_FRONTEND
      + ", catalog " + STANDARD_CATALOG + ", replica i on " + STANDARD_REPLICA_ZERO + "+i";

  public static final PortLayout STANDARD = new PortLayout(STANDARD_AGENT, STANDARD_FRONTEND, STANDARD_CATALOG,
      STANDARD_REPLICA_ZERO, STANDARD_SECOND_FRONTEND, STANDARD_RAFT_ZERO);

  private static final int CATALOG_SOURCE = 1;
  private static final int FRONTEND_SOURCE = 2;
  private static final int SECOND_FRONTEND_SOURCE = 254;
  /** Source addresses end in 1..254; the replicas get what the catalog and the frontends leave. */
  public static final int MAX_REPLICAS = SECOND_FRONTEND_SOURCE - 1 - FRONTEND_SOURCE;

  /** The ports of a store of {@code replicas} on {@code base}: the extra ports come after the last replica. */
  public static PortLayout withBase(int base, int replicas) {
    int afterReplicas = base + 3 + replicas;
    return new PortLayout(base, base + 1, base + 2, base + 2, afterReplicas, afterReplicas);
  }

  /**
   * How many ports from its base a store of {@code replicas} takes, the second frontend and the Raft
   * ports included (14 for five replicas, so a test's 16-port block still holds it).
   */
  public static int span(int replicas) {
    return 4 + 2 * replicas;
  }

  public int replica(int id) {
    return replicaZero + id;
  }

  /** Replica {@code id}'s Raft port (raft mode: the Ratis peers talk there). */
  public int raft(int id) {
    return raftZero + id;
  }

  public static String url(int port) {
    return URL_PREFIX + port;
  }

  public static String catalogSource(int agentPort) {
    return sourceAddress(agentPort, CATALOG_SOURCE);
  }

  public static String frontendSource(int agentPort) {
    return sourceAddress(agentPort, FRONTEND_SOURCE);
  }

  public static String secondFrontendSource(int agentPort) {
    return sourceAddress(agentPort, SECOND_FRONTEND_SOURCE);
  }

  /** Replica {@code index}'s source address, 0 for the first replica. */
  public static String replicaSource(int agentPort, int index) {
    return sourceAddress(agentPort, FRONTEND_SOURCE + 1 + index);
  }

  private static String sourceAddress(int agentPort, int n) {
    return "127." + (agentPort >> 8) + "." + (agentPort & 0xff) + "." + n;
  }
}
