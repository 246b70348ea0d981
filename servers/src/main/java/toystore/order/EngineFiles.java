package toystore.order;

import java.nio.file.Files;
import java.nio.file.Path;
import toystore.config.Replication;
import toystore.model.ReplicaStatus;

/**
 * Where each engine keeps a replica's order log in the data directory, and the refusal to start
 * on the other engine's (docs/API.md §5: data directories are per engine). A store's catalog in
 * the same directory holds the other engine's fence epoch and unsettled purchases: a Raft leader
 * would be fenced out by a lab epoch (terms start again at 1) and would settle away the lab's
 * committed purchases.
 */
final class EngineFiles {
  private EngineFiles() {}

  /** The lab engine's order log: {@code order-<id>.db}. */
  static Path lab(Path dataDir, int id) {
    return dataDir.resolve(ReplicaStatus.name(id) + ".db");
  }

  /** The raft engine's directory: {@code order-<id>-raft/}. */
  static Path raft(Path dataDir, int id) {
    return dataDir.resolve(ReplicaStatus.name(id) + "-raft");
  }

  /** Throws, with a one-line message, when {@code dataDir} holds the other engine's order log of replica {@code id}. */
  static void checkOwnedBy(Replication engine, Path dataDir, int id) {
    Path other = engine == Replication.RAFT ? lab(dataDir, id) : raft(dataDir, id);
    if (Files.exists(other)) {
      String owner = engine == Replication.RAFT ? Replication.LAB.word() : Replication.RAFT.word();
      throw new IllegalArgumentException("--data-dir " + dataDir + " holds " + other.getFileName() + ", the "
          + owner + " engine's order log: a " + engine.word() + " replica needs a data directory of its own"
          + " (docs/API.md §5)");
    }
  }
}
