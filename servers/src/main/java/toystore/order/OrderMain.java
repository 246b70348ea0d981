package toystore.order;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import toystore.client.ReplicaAddress;
import toystore.config.PortLayout;
import toystore.config.Replication;
import toystore.config.Settings;
import toystore.model.ReplicaStatus;
import toystore.order.raft.RaftPeers;
import toystore.service.ServiceFlags;
import toystore.service.ServiceProcess;

/** {@code toystore order}: runs one order replica alone. */
@Command(name = "order", mixinStandardHelpOptions = true,
    description = "Run one order replica (replicated, fault-tolerant order log).")
public final class OrderMain implements Callable<Integer> {
  @Mixin
  ServiceFlags options = new ServiceFlags();

  @Option(names = "--id", description = "This replica's id (env TOYSTORE_ORDER_ID, default 1).")
  Integer id;

  @Option(names = "--replicas", description = "Every replica as id=url,… (env TOYSTORE_ORDER_REPLICAS,"
      + " default 1=http://127.0.0.1:1115,2=http://127.0.0.1:1116,3=http://127.0.0.1:1117).")
  String replicas;

  @Option(names = "--catalog-url", description = "The catalog (env TOYSTORE_CATALOG_URL, default " + PortLayout.STANDARD_CATALOG_URL + ").")
  String catalogUrl;

  @Option(names = "--replication", paramLabel = "lab|raft", description = "The replication engine: lab (the lab"
      + " protocol) or raft (Apache Ratis) (env TOYSTORE_REPLICATION, default lab; docs/API.md §5).")
  String replication;

  @Option(names = "--raft-peers", description = "raft only: every replica's Raft address as id=host:port,…"
      + " (env TOYSTORE_RAFT_PEERS, default replica i on 127.0.0.1:" + RaftPeers.STANDARD_RAFT_ZERO + "+i).")
  String raftPeers;

  @Override
  public Integer call() throws Exception {
    Settings settings = Settings.fromProcess();
    int replicaId = settings.integer(id, "TOYSTORE_ORDER_ID", 1);
    ServiceProcess.nameInLogs(ReplicaStatus.name(replicaId));
    List<ReplicaAddress> all = ReplicaAddress.parseList(settings.string(replicas, "TOYSTORE_ORDER_REPLICAS",
        "1=http://127.0.0.1:1115,2=http://127.0.0.1:1116,3=http://127.0.0.1:1117"));
    Replication engine = Replication.parse(settings.string(replication, "TOYSTORE_REPLICATION", Replication.LAB.word()));
    RaftPeers peers = engine == Replication.RAFT ? raftPeers(settings, all) : null;
    OrderService.Config config = new OrderService.Config(
        options.host(settings),
        options.port(settings, PortLayout.STANDARD.replica(replicaId)),
        options.dataDir(settings),
        replicaId,
        all,
        settings.string(catalogUrl, "TOYSTORE_CATALOG_URL", PortLayout.STANDARD_CATALOG_URL),
        ServiceProcess.clusterSecret(settings),
        engine,
        peers);
    OrderService service = new OrderService(config, ServiceProcess.internalHttp(options.sourceAddress(settings))).start();
    ServiceProcess.runUntilStopped(ReplicaStatus.name(replicaId), settings, service,
        "http://" + config.host() + ":" + service.port());
    return 0;
  }

  /** The Raft peers: the same ids as the replica list. */
  private RaftPeers raftPeers(Settings settings, List<ReplicaAddress> all) {
    String standard = RaftPeers.standard(all.stream().map(ReplicaAddress::id).toList()).spec();
    RaftPeers peers = RaftPeers.parse(settings.string(raftPeers, "TOYSTORE_RAFT_PEERS", standard));
    if (!peers.peers().stream().map(RaftPeers.Peer::id).toList().equals(all.stream().map(ReplicaAddress::id).toList())) {
      throw new IllegalArgumentException("--raft-peers must name the same replica ids as --replicas");
    }
    return peers;
  }

  public static void main(String[] args) {
    System.exit(ServiceProcess.commandLine(new OrderMain()).execute(args));
  }
}
