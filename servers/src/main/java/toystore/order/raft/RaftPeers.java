package toystore.order.raft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Where each order replica's Raft server listens ({@code --raft-peers 1=127.0.0.1:1125,…},
 * docs/API.md "order"), and the one Raft group they form. The group id is derived from a fixed name,
 * so it is the same at every start of every replica (Ratis keeps its log under it).
 */
public record RaftPeers(List<Peer> peers) {
  /** Replica i's Raft port without a {@code --raft-peers}: 1124 + i, next to the lab ports 1114 + i. */
  public static final int STANDARD_RAFT_ZERO = 1124;
  static final RaftGroupId GROUP = RaftGroupId.valueOf(
      UUID.nameUUIDFromBytes("toystore-order-replicas".getBytes(StandardCharsets.UTF_8)));

  /** One replica's Raft address. */
  public record Peer(int id, String host, int port) {
    String address() {
      return host + ":" + port;
    }
  }

  public RaftPeers {
    peers = List.copyOf(peers);
  }

  /** Replica ids 1..n on 127.0.0.1, port {@link #STANDARD_RAFT_ZERO} + id. */
  public static RaftPeers standard(List<Integer> ids) {
    return new RaftPeers(ids.stream().map(id -> new Peer(id, "127.0.0.1", STANDARD_RAFT_ZERO + id)).toList());
  }

  /** Parses {@code 1=127.0.0.1:1125,2=127.0.0.1:1126}, sorted by id; a clear message for anything else. */
  public static RaftPeers parse(String spec) {
    List<Peer> peers = new ArrayList<>();
    for (String part : spec.split(",")) {
      String item = part.strip();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      int colon = item.lastIndexOf(':');
      if (eq <= 0 || colon < eq + 2 || colon == item.length() - 1) {
        throw new IllegalArgumentException("--raft-peers entries look like 1=127.0.0.1:1125, not '" + item + "'");
      }
      try {
        int port = Integer.parseInt(item.substring(colon + 1).strip());
        if (port < 1 || port > 65535) {
          throw new IllegalArgumentException("a Raft port must be 1 to 65535 in '" + item + "'");
        }
        peers.add(new Peer(Integer.parseInt(item.substring(0, eq).strip()), item.substring(eq + 1, colon).strip(), port));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--raft-peers needs a numeric id and port in '" + item + "'");
      }
    }
    if (peers.isEmpty()) {
      throw new IllegalArgumentException("--raft-peers is empty");
    }
    if (peers.stream().map(Peer::id).distinct().count() != peers.size()) {
      throw new IllegalArgumentException("--raft-peers ids must be unique: " + spec);
    }
    peers.sort(Comparator.comparingInt(Peer::id));
    return new RaftPeers(peers);
  }

  /** The form {@link #parse} reads. */
  public String spec() {
    return String.join(",", peers.stream().map(p -> p.id() + "=" + p.address()).toList());
  }

  public Optional<Peer> peer(int id) {
    return peers.stream().filter(p -> p.id() == id).findFirst();
  }

  RaftGroup group() {
    return group(GROUP);
  }

  /** These peers as the Raft group {@code id} (the bench's bare Ratis counter is a group of its own). */
  public RaftGroup group(RaftGroupId id) {
    return RaftGroup.valueOf(id, peers.stream()
        .map(p -> RaftPeer.newBuilder().setId(peerId(p.id())).setAddress(p.address()).build()).toList());
  }

  public static RaftPeerId peerId(int id) {
    return RaftPeerId.valueOf(Integer.toString(id));
  }

  /** The replica id of a Raft peer id, or null when it is not one of ours. */
  static Integer replicaId(RaftPeerId peer) {
    if (peer == null) {
      return null;
    }
    try {
      return Integer.valueOf(peer.toString());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
