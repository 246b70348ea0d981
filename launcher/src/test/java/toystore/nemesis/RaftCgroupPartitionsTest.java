package toystore.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import toystore.config.PortLayout;
import toystore.supervisor.FreePorts;
import toystore.supervisor.Root;

/**
 * Raft-mode partitions between replicas: their Ratis traffic comes from 127.0.0.1, so it is cut by
 * the sender's cgroup (docs/DESIGN.md "Partitions"). Real iptables rules and cgroups, with small
 * child processes placed in the replicas' cgroups the way the supervisor places a replica, and
 * listeners standing in for the Raft ports. Needs root and cgroup2; cleans up its chain and cgroups.
 */
class RaftCgroupPartitionsTest {
  private static final Iptables IPTABLES = new Iptables("iptables");

  private static boolean connectsFromCgroup(Cgroups cgroups, String service, int port) throws Exception {
    // The child waits for its port on stdin, so it is in the cgroup before its socket exists; it
    // is the process placed (a wrapper such as timeout would have forked it before the move). A
    // dropped SYN leaves it waiting: not connected within the wait means cut.
    Process child = new ProcessBuilder("bash", "-c", "read port; exec 3<>/dev/tcp/127.0.0.1/$port && echo connected")
        .redirectErrorStream(true).start();
    try {
      cgroups.place(service, child.pid());
      try (OutputStream in = child.getOutputStream()) {
        in.write((port + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      if (!child.waitFor(Loopback.CONNECT_WAIT_MS, TimeUnit.MILLISECONDS)) {
        return false;
      }
      return new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).contains("connected");
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aPartitionBetweenRaftReplicasDropsEachOnesPacketsToTheOthersRaftPortByCgroup() throws Exception {
    Root.assume("iptables rules and cgroups");
    Path mount = Cgroups.cgroup2Mount();
    org.junit.jupiter.api.Assumptions.assumeTrue(mount != null, "SKIPPED: no cgroup2 file system is mounted");
    try (FreePorts.Block ports = FreePorts.reserve(PortLayout.span(2))) {
      int base = ports.base();
      String store = "toystore-" + base;
      String chain = "TOYSTORE-" + base;
      int raftOne = base + 6;
      int raftTwo = base + 7;
      List<Endpoint> endpoints = List.of(
          new Endpoint("order-1", "127.0.0.1", base + 3, PortLayout.replicaSource(base, 0), raftOne),
          new Endpoint("order-2", "127.0.0.1", base + 4, PortLayout.replicaSource(base, 1), raftTwo),
          new Endpoint("frontend", "127.0.0.1", base + 1, PortLayout.frontendSource(base)));
      Cgroups cgroups = new Cgroups(mount, store);
      Partitions partitions = new Partitions(endpoints, "iptables", chain, cgroups);
      List<ServerSocket> listeners = new ArrayList<>();
      try {
        for (int port : List.of(raftOne, raftTwo)) {
          ServerSocket listener = new ServerSocket();
          listener.bind(new InetSocketAddress("127.0.0.1", port));
          listeners.add(listener);
        }
        assertThat(partitions.start()).isEmpty();
        cgroups.create();
        assertThat(cgroups.unavailableReason()).isEmpty();
        assertThat(connectsFromCgroup(cgroups, "order-1", raftTwo)).as("order-1 -> order-2's Raft port, no partition").isTrue();

        var partition = partitions.create(List.of(List.of("order-1"), List.of("order-2", "frontend")));

        assertThat(connectsFromCgroup(cgroups, "order-1", raftTwo)).as("order-1 -> order-2's Raft port").isFalse();
        assertThat(connectsFromCgroup(cgroups, "order-2", raftOne)).as("order-2 -> order-1's Raft port").isFalse();
        assertThat(connectsFromCgroup(cgroups, "order-2", raftTwo)).as("order-2 -> its own Raft port").isTrue();
        assertThat(Loopback.connects("127.0.0.1", raftOne)).as("from outside the cgroups").isTrue();
        assertThat(IPTABLES.require(List.of("-S", chain)))
            .contains("--path \"" + store + "/order-1\"", "--path \"" + store + "/order-2\"")
            .doesNotContain(store + "/frontend");

        partitions.heal(partition.id());

        assertThat(connectsFromCgroup(cgroups, "order-1", raftTwo)).as("after the heal").isTrue();
      } finally {
        for (ServerSocket listener : listeners) {
          listener.close();
        }
        try {
          partitions.close();
        } finally {
          cgroups.close();
        }
      }
      assertThat(Files.exists(mount.resolve(store))).as("the store's cgroup is removed").isFalse();
      assertThat(IPTABLES.run(List.of("-S", chain)).ok()).as("the chain is removed").isFalse();
    }
  }

  @Test
  void withoutCgroupsAPartitionBetweenRaftReplicasIsRefusedWithTheReasonAndOthersStillWork() throws Exception {
    Root.assume("iptables rules");
    try (FreePorts.Block ports = FreePorts.reserve(PortLayout.span(2))) {
      int base = ports.base();
      List<Endpoint> endpoints = List.of(
          new Endpoint("order-1", "127.0.0.1", base + 3, PortLayout.replicaSource(base, 0), base + 6),
          new Endpoint("order-2", "127.0.0.1", base + 4, PortLayout.replicaSource(base, 1), base + 7),
          new Endpoint("frontend", "127.0.0.1", base + 1, PortLayout.frontendSource(base)));
      try (Partitions partitions = new Partitions(endpoints, "iptables", "TOYSTORE-" + base,
          new Cgroups(null, "toystore-" + base))) {
        assertThat(partitions.start()).isEmpty();

        assertThatThrownBy(() -> partitions.create(List.of(List.of("order-1"), List.of("order-2"))))
            .isInstanceOf(PartitionsUnavailableException.class)
            .hasMessageContaining("raft replicas").hasMessageContaining("cgroup2");
        assertThat(partitions.list()).isEmpty();
        assertThat(partitions.create(List.of(List.of("order-1"), List.of("frontend"))).groups()).hasSize(2);
      }
    }
  }
}
