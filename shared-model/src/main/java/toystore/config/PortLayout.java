package toystore.config;

/**
 * Where the processes of one store listen, and the source address each sends from: the one copy
 * of the rule (docs/DESIGN.md "Components"). With a port base P: agent P, frontend P+1, catalog
 * P+2, order replica i at P+2+i (ids 1, 2, 3, …). Without one, the original design's ports: agent
 * 7000, frontend 1234, catalog 2319, replica i at 1114+i, which are also each service's defaults
 * when it runs alone.
 *
 * <p>Every service also has a source address of its own for its outgoing connections, so the
 * fault injector can drop one service's packets and not another's: {@code 127.A.B.n} with
 * {@code A.B} the agent port's two bytes and n = 1 for the catalog, 2 the frontend, 2+i replica i.
 * All of 127/8 is on the loopback interface, so nothing needs configuring; two stores on different
 * agent ports never share an address, and none is 127.0.0.x (the agent port is at least 1).
 *
 * @param replicaZero the port of replica i is {@code replicaZero + i}
 */
public record PortLayout(int agent, int frontend, int catalog, int replicaZero) {
  /** Every service binds here unless told otherwise; only loopback is safe (docs/SECURITY.md). */
  public static final String HOST = "127.0.0.1";
  public static final int DEFAULT_REPLICAS = 3;

  private static final int STANDARD_AGENT = 7000;
  private static final int STANDARD_FRONTEND = 1234;
  private static final int STANDARD_CATALOG = 2319;
  private static final int STANDARD_REPLICA_ZERO = 1114;
  private static final String URL_PREFIX = "http://" + HOST + ":";

  /** The standalone defaults, as text for the services' {@code --help} (constants, so annotations can use them). */
  public static final String STANDARD_FRONTEND_URL = URL_PREFIX + STANDARD_FRONTEND;
  public static final String STANDARD_CATALOG_URL = URL_PREFIX + STANDARD_CATALOG;
  public static final String STANDARD_REPLICAS = "1=" + URL_PREFIX + (STANDARD_REPLICA_ZERO + 1)
      + ",2=" + URL_PREFIX + (STANDARD_REPLICA_ZERO + 2) + ",3=" + URL_PREFIX + (STANDARD_REPLICA_ZERO + 3);
  public static final String STANDARD_PORTS = "agent " + STANDARD_AGENT + ", frontend " + STANDARD_FRONTEND
      + ", catalog " + STANDARD_CATALOG + ", replica i on " + STANDARD_REPLICA_ZERO + "+i";

  public static final PortLayout STANDARD =
      new PortLayout(STANDARD_AGENT, STANDARD_FRONTEND, STANDARD_CATALOG, STANDARD_REPLICA_ZERO);

  private static final int CATALOG_SOURCE = 1;
  private static final int FRONTEND_SOURCE = 2;
  /** Source addresses end in 1..254; the replicas get what the catalog and the frontend leave. */
  public static final int MAX_REPLICAS = 254 - FRONTEND_SOURCE;

  public static PortLayout withBase(int base) {
    return new PortLayout(base, base + 1, base + 2, base + 2);
  }

  /** How many ports from its base a store of {@code replicas} takes. */
  public static int span(int replicas) {
    return 3 + replicas;
  }

  public int replica(int id) {
    return replicaZero + id;
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

  /** Replica {@code index}'s source address, 0 for the first replica. */
  public static String replicaSource(int agentPort, int index) {
    return sourceAddress(agentPort, FRONTEND_SOURCE + 1 + index);
  }

  private static String sourceAddress(int agentPort, int n) {
    return "127." + (agentPort >> 8) + "." + (agentPort & 0xff) + "." + n;
  }
}
