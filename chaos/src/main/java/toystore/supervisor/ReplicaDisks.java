package toystore.supervisor;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import toystore.model.DiskState;
import toystore.nemesis.DiskBallast;

/** Each order replica's disk-full fault, on its data directory (docs/API.md §4, docs/DESIGN.md "Disk faults"). */
final class ReplicaDisks {
  private final Map<String, DiskBallast> disks = new LinkedHashMap<>();

  void add(String replica, Path dataDir) {
    disks.put(replica, new DiskBallast(dataDir));
  }

  /** Replica {@code name}'s disk; empty for a service that is not an order replica. */
  Optional<DiskBallast> of(String name) {
    return Optional.ofNullable(disks.get(name));
  }

  /** What {@code /cluster} says of the disk of service {@code name}: null for one that is not an order replica. */
  DiskState state(String name) {
    DiskBallast disk = disks.get(name);
    if (disk == null) {
      return null;
    }
    if (!disk.supported()) {
      return DiskState.UNSUPPORTED;
    }
    return disk.filled() ? DiskState.FULL : DiskState.FREE;
  }

  /**
   * Deletes every replica's ballast, each one tried even when an earlier one fails: one disk that
   * cannot be freed must not leave the others full.
   *
   * @throws RuntimeException the first failure, with the later ones attached as suppressed
   */
  void freeAll() {
    RuntimeException failure = null;
    for (DiskBallast disk : disks.values()) {
      try {
        disk.free();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
