package toystore.nemesis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's own cgroup (cgroup v2) with one child per raft-mode replica, {@code <store>/<service>},
 * so that iptables can match a replica's Ratis traffic by the process that sends it ({@code -m
 * cgroup --path}): Ratis' clients cannot bind a source address, so on loopback all of it comes from
 * 127.0.0.1 (docs/DESIGN.md "Partitions"). Like the firewall chain, the tree is made afresh at start
 * (whatever an earlier run left is removed first) and removed at stop. A socket belongs to the
 * cgroup of the process that made it, so a replica is placed right after it is launched, before its
 * JVM has opened any connection.
 *
 * <p>Where there is no cgroup2 file system or no right to change it, {@link #unavailableReason()}
 * says why, and placing does nothing.
 */
public final class Cgroups implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Cgroups.class);
  private static final Path MOUNTS = Path.of("/proc/mounts");

  private final Path root;
  private final String store;
  /** Why replicas cannot be placed, or null while they can. */
  private String unavailable;
  private boolean created;

  /**
   * @param root the cgroup2 mount point, or null when there is none
   * @param store the store's own cgroup under it, e.g. {@code toystore-7000}
   */
  Cgroups(Path root, String store) {
    if (store.isBlank() || store.contains("/")) {
      throw new IllegalArgumentException("a store's cgroup is one path segment, not '" + store + "'");
    }
    this.root = root;
    this.store = store;
    this.unavailable = root == null ? "no cgroup2 file system is mounted (see " + MOUNTS + ")"
        : !Files.isWritable(root) ? "cannot write to the cgroup2 file system at " + root + "; it needs root" : null;
  }

  /** The store's cgroups under this machine's cgroup2 mount (found in /proc/mounts). */
  public static Cgroups of(String store) {
    return new Cgroups(cgroup2Mount(), store);
  }

  /** The mount point of the cgroup2 file system, or null when none is mounted (or /proc/mounts cannot be read). */
  static Path cgroup2Mount() {
    try (Stream<String> lines = Files.lines(MOUNTS, StandardCharsets.UTF_8)) {
      return lines.map(line -> line.split(" "))
          .filter(fields -> fields.length > 2 && fields[2].equals("cgroup2"))
          .map(fields -> Path.of(fields[1]))
          .findFirst().orElse(null);
    } catch (IOException e) {
      log.warn("cannot read {} to find cgroup2: {}", MOUNTS, e.getMessage());
      return null;
    }
  }

  /** Why replicas cannot be told apart by cgroup here, or empty when they can. */
  public synchronized Optional<String> unavailableReason() {
    if (unavailable == null && !created) {
      return Optional.of("the store's cgroups are not made (they are made with the firewall chain, at start)");
    }
    return Optional.ofNullable(unavailable);
  }

  /**
   * {@code service}'s cgroup as iptables' {@code --path} names it (relative to the cgroup2 root),
   * made if it does not exist yet: iptables resolves the path when the rule is added.
   *
   * @throws IllegalStateException when it cannot be made
   */
  public synchronized String path(String service) {
    Path group = root.resolve(member(service));
    try {
      Files.createDirectories(group);
    } catch (IOException e) {
      throw new IllegalStateException("cannot make the cgroup " + group + ": " + e.getMessage(), e);
    }
    return member(service);
  }

  private String member(String service) {
    return store + "/" + service;
  }

  /** Removes whatever an earlier run of this store left, then makes the store's cgroup empty. */
  public synchronized void create() {
    if (unavailable != null) {
      return;
    }
    try {
      removeTree();
      Files.createDirectories(root.resolve(store));
      created = true;
    } catch (IOException e) {
      unavailable = "cannot make the cgroup " + root.resolve(store) + " (" + e.getMessage() + ")";
      log.warn("raft-mode partitions between replicas are unavailable: {}", unavailable);
    }
  }

  /**
   * Moves process {@code pid} (every thread of it) into {@code service}'s cgroup, made if needed. A
   * failure makes cgroups unavailable with its reason, so partitions between raft replicas are
   * refused rather than made with rules that would miss.
   */
  public synchronized void place(String service, long pid) {
    if (!created || unavailable != null) {
      return;
    }
    Path group = root.resolve(member(service));
    try {
      Files.createDirectories(group);
      Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      unavailable = "cannot place " + service + " in the cgroup " + group + " (" + e.getMessage() + ")";
      log.warn("raft-mode partitions between replicas are unavailable: {}", unavailable);
    }
  }

  /** Removes the store's cgroups; call it once the replicas are stopped. Idempotent. */
  @Override
  public synchronized void close() {
    if (!created) {
      return;
    }
    created = false;
    try {
      removeTree();
    } catch (IOException e) {
      throw new IllegalStateException("cannot remove the cgroup " + root.resolve(store) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Removes the store's cgroup and its children. A process still in one (a replica an earlier run
   * left behind) is moved to the root first: a cgroup with processes cannot be removed.
   */
  private void removeTree() throws IOException {
    Path top = root.resolve(store);
    if (!Files.isDirectory(top)) {
      return;
    }
    List<Path> children;
    try (Stream<Path> entries = Files.list(top)) {
      children = entries.filter(Files::isDirectory).toList();
    }
    for (Path child : children) {
      evacuate(child);
      Files.delete(child);
    }
    evacuate(top);
    Files.delete(top);
  }

  private void evacuate(Path group) throws IOException {
    List<String> pids;
    try {
      pids = Files.readAllLines(group.resolve("cgroup.procs"), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return;
    }
    for (String pid : pids) {
      if (!pid.isBlank()) {
        Files.writeString(root.resolve("cgroup.procs"), pid.strip(), StandardCharsets.US_ASCII);
      }
    }
  }
}
