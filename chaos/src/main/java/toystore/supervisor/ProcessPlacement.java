package toystore.supervisor;

/**
 * What happens to a child right after it is launched, before it can open a connection: in raft
 * mode with partitions available, a replica goes into a cgroup of its own (docs/DESIGN.md "Partitions").
 */
@FunctionalInterface
public interface ProcessPlacement {
  ProcessPlacement NONE = (service, pid) -> {};

  void place(String service, long pid);
}
