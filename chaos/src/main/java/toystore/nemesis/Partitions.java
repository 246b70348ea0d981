package toystore.nemesis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import toystore.model.Partition;

/**
 * Network partitions between the services of one store, as real packet drops (docs/API.md §4). Each
 * service connects out from its own loopback address ({@link Endpoint#sourceAddress()}), so a
 * partition is a set of {@link DropRule}s in the store's own {@link FirewallChain}: for every two
 * services in different groups, packets from either one's address to the other's port. A service
 * in no group keeps talking to everyone. Each partition's rules carry its id, so it heals alone.
 * Two raft-mode replicas in different groups are also cut on their Raft ports, matched by the
 * sender's cgroup ({@link Cgroups}), since Ratis' connections all come from 127.0.0.1; where
 * cgroups are unavailable such a partition is refused with the reason.
 *
 * <p>Where iptables cannot be used (no program, not root) {@link #start()} says why, and every
 * operation afterwards throws {@link PartitionsUnavailableException} with that reason, changing nothing.
 */
public final class Partitions implements AutoCloseable {
  private record Active(Partition partition, List<DropRule> rules) {}

  private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
  private final FirewallChain chain;
  private final Cgroups cgroups;
  private final Map<String, Active> active = new LinkedHashMap<>();
  private int lastId;
  /** Why partitions cannot be made, or null once {@link #start()} found they can. */
  private String unavailable = "the store has not started";
  /** Set by {@link #close()}, which may come first (a stop during start-up): no chain is made after it. */
  private boolean closed;

  /**
   * @param endpoints every service that may be partitioned
   * @param iptables the iptables program, e.g. {@code iptables}
   * @param chainName the store's own chain (at most 28 characters), e.g. {@code TOYSTORE-7000}
   * @param cgroups where the raft-mode replicas are placed, to cut their Raft traffic by cgroup
   */
  public Partitions(List<Endpoint> endpoints, String iptables, String chainName, Cgroups cgroups) {
    endpoints.forEach(endpoint -> this.endpoints.put(endpoint.name(), endpoint));
    this.chain = new FirewallChain(new Iptables(iptables), chainName);
    this.cgroups = cgroups;
  }

  /** Services without Raft ports (lab mode): no cgroups are ever needed. */
  public Partitions(List<Endpoint> endpoints, String iptables, String chainName) {
    this(endpoints, iptables, chainName, new Cgroups(null, "unused"));
  }

  /**
   * Finds out whether partitions can be made here and, if so, replaces whatever chain of this name
   * an earlier run left behind by an empty one.
   *
   * @return why partitions are unavailable, or empty when they work
   */
  public synchronized Optional<String> start() {
    if (closed) {
      return Optional.of(unavailable);
    }
    Optional<String> reason = chain.unavailableReason();
    unavailable = reason.orElse(null);
    if (reason.isEmpty()) {
      // Marked available first: if this fails half-way, close() still removes what was made.
      chain.create();
    }
    return reason;
  }

  /** @throws PartitionsUnavailableException when partitions cannot be made here */
  public synchronized void requireAvailable() {
    if (unavailable != null) {
      throw new PartitionsUnavailableException(unavailable);
    }
  }

  /**
   * Cuts the groups apart: from now on no packet passes between two services in different groups.
   *
   * @throws InvalidPartitionException for unknown names, a name given twice, or fewer than two non-empty groups
   */
  public synchronized Partition create(List<List<String>> groups) {
    requireAvailable();
    validate(groups);
    Partition partition = new Partition("p" + (lastId + 1), groups);
    List<DropRule> rules = rules(partition);
    List<DropRule> added = new ArrayList<>();
    try {
      for (DropRule rule : rules) {
        chain.add(rule);
        added.add(rule);
      }
    } catch (RuntimeException e) {
      // All or nothing: a half-made partition would be one nobody asked for.
      for (DropRule rule : added) {
        try {
          chain.delete(rule);
        } catch (RuntimeException cleanup) {
          e.addSuppressed(cleanup);
        }
      }
      throw e;
    }
    lastId++;
    active.put(partition.id(), new Active(partition, rules));
    return partition;
  }

  /** Cuts {@code name} off from every other service. */
  public synchronized Partition isolate(String name) {
    List<String> others = endpoints.keySet().stream().filter(other -> !other.equals(name)).toList();
    return create(List.of(List.of(name), others));
  }

  /** The partitions in force, oldest first. */
  public synchronized List<Partition> list() {
    requireAvailable();
    return active.values().stream().map(Active::partition).toList();
  }

  /**
   * Heals one partition: its rules are removed, every other partition stays.
   *
   * @throws UnknownPartitionException when no active partition has this id
   */
  public synchronized Partition heal(String id) {
    requireAvailable();
    Active partition = active.get(id);
    if (partition == null) {
      throw new UnknownPartitionException(id);
    }
    remove(partition);
    return partition.partition();
  }

  /** Heals every partition; returns those that were in force. */
  public synchronized List<Partition> healAll() {
    requireAvailable();
    List<Partition> healed = new ArrayList<>();
    for (Active partition : List.copyOf(active.values())) {
      remove(partition);
      healed.add(partition.partition());
    }
    return healed;
  }

  /** Removes the chain with every rule in it; partitions are unavailable afterwards. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    boolean chainMade = unavailable == null;
    unavailable = "the store has stopped";
    if (chainMade) {
      active.clear();
      chain.remove();
    }
  }

  /** How many partitions were made since the store started, healed ones included. */
  public synchronized int made() {
    return lastId;
  }

  /** How many partitions are in force now; 0 where partitions are unavailable. */
  public synchronized int inForce() {
    return active.size();
  }

  /** Rules leave the record one by one, so a heal that failed half-way can be repeated. */
  private void remove(Active partition) {
    List<DropRule> rules = partition.rules();
    while (!rules.isEmpty()) {
      chain.delete(rules.get(rules.size() - 1));
      rules.remove(rules.size() - 1);
    }
    active.remove(partition.partition().id());
  }

  private List<DropRule> rules(Partition partition) {
    List<DropRule> rules = new ArrayList<>();
    List<List<String>> groups = partition.groups();
    for (int i = 0; i < groups.size(); i++) {
      for (int j = 0; j < groups.size(); j++) {
        if (i != j) {
          for (String from : groups.get(i)) {
            for (String to : groups.get(j)) {
              Endpoint source = endpoints.get(from);
              Endpoint target = endpoints.get(to);
              rules.add(DropRule.fromAddress(source.sourceAddress(), target.host(), target.port(), partition.id()));
              if (source.raftPort() != null && target.raftPort() != null) {
                rules.add(DropRule.fromCgroup(raftCgroup(from), target.host(), target.raftPort(), partition.id()));
              }
            }
          }
        }
      }
    }
    return rules;
  }

  /** {@code replica}'s cgroup for its Raft traffic, when replicas are placed in cgroups here. */
  private String raftCgroup(String replica) {
    Optional<String> unavailable = cgroups.unavailableReason();
    if (unavailable.isPresent()) {
      throw new PartitionsUnavailableException("a partition between raft replicas needs each in a cgroup of its own"
          + " to tell their Raft traffic apart, and " + unavailable.get());
    }
    return cgroups.path(replica);
  }

  private void validate(List<List<String>> groups) {
    boolean malformed = groups == null
        || groups.stream().anyMatch(group -> group == null || group.stream().anyMatch(Objects::isNull));
    if (malformed) {
      throw new InvalidPartitionException("groups must be a list of lists of service names");
    }
    List<String> unknown = groups.stream().flatMap(List::stream).filter(name -> !endpoints.containsKey(name))
        .distinct().toList();
    if (!unknown.isEmpty()) {
      throw new InvalidPartitionException("no service named " + String.join(", ", unknown)
          + "; the services are " + String.join(", ", endpoints.keySet()));
    }
    Set<String> seen = new HashSet<>();
    List<String> twice = groups.stream().flatMap(List::stream).filter(name -> !seen.add(name)).distinct().toList();
    if (!twice.isEmpty()) {
      throw new InvalidPartitionException(String.join(", ", twice) + " named more than once: a service is in one group");
    }
    if (groups.stream().filter(group -> !group.isEmpty()).count() < 2) {
      throw new InvalidPartitionException("a partition needs at least two non-empty groups");
    }
  }
}
