package toystore.order.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import toystore.model.IdempotencyKey;
import toystore.model.Role;
import toystore.order.protocol.Effect;
import toystore.order.protocol.Input;
import toystore.order.protocol.Outcome;
import toystore.order.protocol.Replica;
import toystore.order.protocol.ReplicaView;
import toystore.wire.order.Entry;
import toystore.wire.order.Messages;

/**
 * The guarantees of docs/API.md §3 as invariants, checked after every step of every replica and
 * every disk write (throwing {@link SimulationFailure} with what is wrong):
 * <ul>
 * <li>committed prefixes agree: an entry at or below any replica's commit number (in memory or on
 *     disk) is the same everywhere, and the digests at equal commit numbers are equal;
 * <li>no acknowledged order lost or changed: a {@code Placed} is for the order asked, committed
 *     in the answering leader's view, and from then on on the disks of a majority, at its number;
 * <li>exactly once: a key is acknowledged with one number only (and appears once in any log, see SimDisk);
 * <li>one leader per epoch, and a leader commits only what it earned: its commit number rises to
 *     {@code c} in epoch {@code e} only if a majority of disks held {@code 1..c} while they had
 *     promised {@code e} and followed its leader (so a deposed leader can never commit anything its
 *     successor could miss, and no replica counts that did not persist);
 * <li>a replica that is not aligned (SYNCING) never leads, takes, buys or settles;
 * <li>no false "not found" for an acknowledged order, no invented order.
 * </ul>
 */
final class Invariants implements SimDisk.Watcher {
  private record Ack(Entry entry, TreeSet<Integer> holders) {}

  /** A replica as the step before last and the last step left it (effects of a step may come from either). */
  private static final class Seen {
    ReplicaView before;
    ReplicaView after;
    /** Its commit number as last checked (0 after a restart: everything it holds is checked again). */
    long commit;
  }

  private final World world;
  /** The committed log as first seen: entry {@code n} at index {@code n - 1}. */
  private final List<Entry> committed = new ArrayList<>();
  private final Map<Long, String> digests = new HashMap<>();
  private final TreeMap<Long, Ack> acked = new TreeMap<>();
  private final Map<IdempotencyKey, Long> ackedKeys = new HashMap<>();
  private final Map<Long, Integer> leaders = new HashMap<>();
  /** Per replica, per epoch: how far its disk held the log while it had promised and followed that epoch. */
  private final Map<Integer, Map<Long, Long>> heldIn = new HashMap<>();
  private final Map<Integer, Seen> seen = new HashMap<>();
  private final Map<Integer, Long> diskChecked = new HashMap<>();

  Invariants(World world) {
    this.world = world;
  }

  private int majority() {
    return world.settings.majority();
  }

  long highestAcknowledged() {
    return acked.isEmpty() ? 0 : acked.lastKey();
  }

  boolean acknowledged(long number) {
    return acked.containsKey(number);
  }

  int acknowledgedCount() {
    return acked.size();
  }

  List<Entry> committed() {
    return committed;
  }

  /** The frontend records {@code epoch} for a selection: above every epoch it recorded before, so never handed out twice. */
  void epochRecorded(long epoch, long recordedBefore) {
    if (epoch <= recordedBefore) {
      throw fail("the frontend hands out epoch " + epoch + " again (" + recordedBefore + " is recorded)");
    }
  }

  /** A (re)started core: its commit number starts again from what its disk says. */
  void booted(ReplicaNode node) {
    seen.put(node.id, new Seen());
    afterStep(node, null);
  }

  /** After {@code node} handled {@code input} (null: it just started). */
  void afterStep(ReplicaNode node, Input input) {
    Replica core = node.core();
    ReplicaView v = core.view(world.now());
    Seen s = seen.get(node.id);
    require(v.id() == node.id, node, () -> "reports id " + v.id());
    // Only a leader's own batches leave memory again, when their write fails or when it steps down
    // before handing them to its disk, even if the followers' writes made them committed meanwhile
    // (they hold them): never below what its disk says.
    boolean steppedDown = s.after != null && s.after.role() == Role.LEADER && v.role() != Role.LEADER;
    require(v.commitNumber() >= s.commit
            || (input instanceof Input.PersistFailed || steppedDown) && v.commitNumber() >= node.disk.commit(),
        node, () -> "commit number went down from " + s.commit + " to " + v.commitNumber() + " on " + input);
    require(v.commitNumber() <= v.lastNumber(), node, () -> "commit number " + v.commitNumber() + " above its last number " + v.lastNumber());
    if (v.role() == Role.LEADER) {
      Integer other = leaders.putIfAbsent(v.epoch(), node.id);
      require(other == null || other == node.id, node, () -> "leads epoch " + v.epoch() + ", which R" + other + " led");
    }
    if (v.commitNumber() > s.commit) {
      // Up to what is known committed a leader may learn (from a peer's log); beyond it, it must earn it.
      boolean led = s.after != null && s.after.role() == Role.LEADER;
      if ((v.role() == Role.LEADER || led) && v.commitNumber() > committed.size()) {
        long epoch = v.role() == Role.LEADER ? v.epoch() : s.after.epoch();
        requireEarned(node, epoch, v.commitNumber());
      }
      for (long n = s.commit + 1; n <= v.commitNumber(); n++) {
        observe(node.name, n, core.entry(n));
      }
      String digest = core.digestAt(v.commitNumber());
      String before = digests.putIfAbsent(v.commitNumber(), digest);
      require(before == null || before.equals(digest), node, () -> "digest at " + v.commitNumber() + " differs from another replica's");
    }
    s.commit = v.commitNumber();
    s.before = s.after;
    s.after = v;
  }

  private void requireEarned(ReplicaNode node, long epoch, long commit) {
    Map<Integer, Long> held = new TreeMap<>();
    for (ReplicaNode r : world.replicas) {
      held.put(r.id, heldIn.getOrDefault(r.id, Map.of()).getOrDefault(epoch, 0L));
    }
    long holders = held.values().stream().filter(h -> h >= commit).count();
    require(holders >= majority(), node, () -> "commits " + commit + " in epoch " + epoch + " but only " + holders
        + " disks held that much while following epoch " + epoch + " (held through, by replica: " + held + ")");
  }

  /** Entry {@code n} is committed according to {@code who}. */
  private void observe(String who, long n, Entry entry) {
    if (entry == null) {
      throw fail(who + " counts " + n + " as committed but has no entry " + n);
    }
    if (n <= committed.size()) {
      Entry first = committed.get((int) n - 1);
      if (!first.equals(entry)) {
        throw fail(who + " has " + entry + " committed where " + first + " was committed before");
      }
    } else if (n == committed.size() + 1) {
      committed.add(entry);
    } else {
      throw fail(who + " counts " + n + " as committed, but only " + committed.size() + " were seen committed");
    }
  }

  @Override
  public void written(SimDisk disk, long changedFrom) {
    String who = "disk of R" + disk.replica;
    if (disk.epoch() == disk.normalEpoch()) {
      heldIn.computeIfAbsent(disk.replica, r -> new HashMap<>()).put(disk.epoch(), disk.last());
    }
    long checked = diskChecked.getOrDefault(disk.replica, 0L);
    for (long n = Math.min(changedFrom, checked + 1); n <= disk.commit(); n++) {
      observe(who, n, disk.entry(n));
    }
    diskChecked.put(disk.replica, disk.commit());
    for (Map.Entry<Long, Ack> a : acked.tailMap(changedFrom).entrySet()) {
      Ack ack = a.getValue();
      if (ack.entry().equals(disk.entry(a.getKey()))) {
        ack.holders().add(disk.replica);
      } else {
        ack.holders().remove(disk.replica);
      }
      if (ack.holders().size() < majority()) {
        throw fail(who + " no longer holds acknowledged " + ack.entry() + " (now " + disk.entry(a.getKey())
            + "): only " + ack.holders() + " do");
      }
    }
  }

  /** {@code node} answered {@code request} with {@code outcome}. */
  void replied(ReplicaNode node, Input request, Outcome outcome) {
    Seen s = seen.get(node.id);
    if (outcome instanceof Outcome.Led led) {
      require(request instanceof Input.Lead lead && lead.epoch() == led.epoch(), node, () -> "answered " + request + " with " + led);
      require(leads(s.after, led.epoch()), node, () -> "says it leads while " + s.after);
    } else if (outcome instanceof Outcome.Placed placed) {
      require(request instanceof Input.Place, node, () -> "answered " + request + " with " + placed);
      require(leads(s.before, -1) || leads(s.after, -1), node, () -> "acknowledges an order while " + s.before + ", then " + s.after);
      acknowledge(node, ((Input.Place) request).order(), placed.placed(), s.after);
    }
  }

  /** Leads epoch {@code epoch} (any, if negative) and is aligned: may take orders. */
  private static boolean leads(ReplicaView v, long epoch) {
    return v != null && v.role() == Role.LEADER && v.aligned() && (epoch < 0 || v.epoch() == epoch);
  }

  private void acknowledge(ReplicaNode node, Messages.PlaceOrder order, Messages.OrderPlaced placed, ReplicaView v) {
    long n = placed.number();
    Entry entry = node.core().entry(n);
    require(entry != null && entry.key().equals(order.key()) && entry.request().sameOrderAs(order.request()), node, () -> "acknowledges " + order + " as " + placed + " but holds " + entry);
    require(placed.name().equalsIgnoreCase(order.name()) && placed.quantity() == order.quantity(), node, () ->
        "acknowledges " + order + " as " + placed);
    require(n <= v.commitNumber(), node, () -> "acknowledges " + n + " with commit number " + v.commitNumber());
    Long before = ackedKeys.putIfAbsent(order.key(), n);
    require(before == null || before == n, node, () -> "acknowledges key " + order.key() + " as " + n + ", acknowledged as " + before + " before");
    Ack ack = acked.get(n);
    require(ack == null || ack.entry().equals(entry), node, () -> "acknowledges " + entry + " where " + (ack == null ? null : ack.entry()) + " was");
    TreeSet<Integer> holders = new TreeSet<>();
    for (ReplicaNode r : world.replicas) {
      if (entry.equals(r.disk.entry(n))) {
        holders.add(r.id);
      }
    }
    require(holders.size() >= majority(), node, () -> "acknowledges " + entry + " held on disk by " + holders + " only");
    acked.put(n, new Ack(entry, holders));
  }

  /** {@code node} is about to buy or settle. */
  void issued(ReplicaNode node, Effect effect) {
    Seen s = seen.get(node.id);
    long epoch = effect instanceof Effect.Buy b ? b.purchase().epoch() : ((Effect.Settle) effect).settlement().epoch();
    require(leads(s.before, epoch) || leads(s.after, epoch), node, () -> effect + " while " + s.before + ", then " + s.after);
  }

  /** {@code node} answered a read of {@code number}. */
  void read(ReplicaNode node, long number, boolean acknowledged, Outcome outcome) {
    if (outcome instanceof Outcome.Found found) {
      require(number <= committed.size(), node, () -> "shows order " + number + ", which was never committed");
      Entry e = committed.get((int) number - 1);
      require(found.order().number() == number && found.order().name().equals(e.name())
          && found.order().quantity() == e.quantity(), node, () -> "shows " + found.order() + " for committed " + e);
    } else if (outcome instanceof Outcome.NotFound) {
      require(!acknowledged, node, () -> "says acknowledged order " + number + " does not exist");
    }
  }

  /** At rest: every replica holds the same committed log, with every acknowledged order in it. */
  void converged() {
    ReplicaNode first = world.replicas.get(0);
    ReplicaView v0 = first.view();
    for (ReplicaNode r : world.replicas) {
      ReplicaView v = r.view();
      require(v.commitNumber() == v0.commitNumber() && v.lastNumber() == v0.commitNumber(), r, () ->
          "has not converged: " + v + " vs " + v0);
      require(r.core().digestAt(v.commitNumber()).equals(first.core().digestAt(v0.commitNumber())), r, () ->
          "digest differs from R1's at " + v.commitNumber());
    }
    for (Ack ack : acked.values()) {
      for (ReplicaNode r : world.replicas) {
        require(ack.entry().equals(r.core().entry(ack.entry().number())), r, () -> "lost acknowledged " + ack.entry());
      }
    }
  }

  private void require(boolean ok, ReplicaNode node, Supplier<String> what) {
    if (!ok) {
      throw fail(node.name + " " + what.get());
    }
  }

  private SimulationFailure fail(String what) {
    return new SimulationFailure(what);
  }
}
