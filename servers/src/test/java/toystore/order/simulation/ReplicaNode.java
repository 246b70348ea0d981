package toystore.order.simulation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import toystore.order.protocol.Call;
import toystore.order.protocol.Effect;
import toystore.order.protocol.Input;
import toystore.order.protocol.Outcome;
import toystore.order.protocol.PeerRequest;
import toystore.order.protocol.Replica;
import toystore.order.protocol.ReplicaView;
import toystore.wire.order.Messages;

/**
 * The simulated shell around one protocol core: it delivers inputs and ticks, and does the effects
 * on the simulated network, disk and catalog, as the HTTP and SQLite shells do for real. A crash
 * drops the core with everything in memory; a restart builds a new one from what the disk holds.
 */
final class ReplicaNode extends SimProcess {
  /** A request this replica was given and has not answered yet, and where the answer goes. */
  private record Pending(Input request, Consumer<Outcome> route) {}

  final int id;
  final SimDisk disk;
  private final World world;
  private final List<Integer> peers = new ArrayList<>();
  private final Map<Long, Pending> calls = new HashMap<>();
  private Replica core;

  ReplicaNode(int id, World world) {
    super(id, "R" + id);
    this.id = id;
    this.world = world;
    this.disk = new SimDisk(id, world.scheduler, world.trace, world.invariants, world.settings.diskLatency());
    for (int p = 1; p <= world.settings.replicas(); p++) {
      if (p != id) {
        peers.add(p);
      }
    }
  }

  Replica core() {
    return core;
  }

  /** Starts (or restarts) the core from the disk. */
  void boot() {
    core = new Replica(id, peers, disk.restored(), world.settings.timing(), world.now());
    world.trace(name, "boot", disk.restored().commitNumber() + " committed of " + disk.last() + ", epoch " + disk.epoch());
    world.invariants.booted(this);
    tickLater(incarnation());
  }

  private void tickLater(int incarnation) {
    world.scheduler.after(world.scheduler.between(world.settings.tickMin(), world.settings.tickMax()), () -> {
      if (incarnation == incarnation() && up()) {
        if (!paused()) {
          input(new Input.Tick());
        }
        tickLater(incarnation);
      }
    });
  }

  @Override
  void crash() {
    super.crash();
    disk.crash();
    core = null;
    calls.clear();
  }

  @Override
  void restart() {
    super.restart();
    boot();
  }

  /** Hands {@code in} to the core, checks the invariants, and does the effects in order. */
  void input(Input in) {
    List<Effect> effects;
    try {
      effects = core.handle(in, world.now());
    } catch (RuntimeException e) {
      throw new SimulationFailure(name + " threw on " + in, e);
    }
    if (!(in instanceof Input.Tick) || !effects.isEmpty()) {
      world.trace(name, "<-", in);
    }
    world.invariants.afterStep(this, in);
    for (Effect effect : effects) {
      if (!(effect instanceof Effect.Persist)) {
        world.trace(name, "->", effect);
      }
      perform(effect);
    }
  }

  private void perform(Effect effect) {
    int incarnation = incarnation();
    if (effect instanceof Effect.Send s) {
      sendToPeer(s);
    } else if (effect instanceof Effect.Reply r) {
      Pending pending = calls.remove(r.call().id());
      if (pending == null) {
        throw new SimulationFailure(name + " answered call " + r.call().id() + ", which it was not given or answered before");
      }
      world.invariants.replied(this, pending.request(), r.outcome());
      pending.route().accept(r.outcome());
    } else if (effect instanceof Effect.Persist p) {
      world.trace(name, "persist", p);
      disk.submit(p.writeId(), p.write(), done -> deliver(incarnation, () -> input(done)));
    } else if (effect instanceof Effect.Buy b) {
      world.invariants.issued(this, b);
      askCatalog(b, catalog -> catalog.buy(b.purchase()),
          why -> new Input.BuyFailed(b.purchase(), Input.CatalogFailure.NO_REPLY, 0, why));
    } else if (effect instanceof Effect.FenceCatalog f) {
      askCatalog(f, catalog -> catalog.fence(f.epoch()), why -> new Input.CatalogFenceFailed(f.epoch(), why));
    } else if (effect instanceof Effect.ListUnsettled u) {
      askCatalog(u, CatalogModel::unsettled, Input.UnsettledFailed::new);
    } else if (effect instanceof Effect.Settle s) {
      world.invariants.issued(this, s);
      askCatalog(s, catalog -> catalog.settle(s.settlement()),
          why -> new Input.SettleFailed(s.settlement(), Input.CatalogFailure.NO_REPLY));
    }
  }

  private void askCatalog(Effect effect, Function<CatalogModel, Input> serve, Function<String, Input> silent) {
    CatalogModel catalog = world.catalog;
    world.network.<Input>call(id, Network.CATALOG, world.settings.catalogTimeout(), effect,
        answer -> {
          Input result = serve.apply(catalog);
          world.trace("C", "for " + name, result);
          answer.accept(result);
        }, this::input, why -> input(silent.apply(why)));
  }

  private void sendToPeer(Effect.Send s) {
    ReplicaNode peer = world.replica(s.to());
    world.network.<Input>call(id, s.to(), world.settings.peerTimeout(), s.request(),
        answer -> peer.servePeer(id, s.sendId(), s.request(), answer), this::input,
        why -> input(new Input.Unanswered(s.to(), s.sendId(), why)));
  }

  /** A peer's request arrived: what the peer is told comes back as the input it gets. */
  private void servePeer(int from, long sendId, PeerRequest request, Consumer<Input> answer) {
    if (request instanceof PeerRequest.Join j) {
      take(c -> new Input.Join(c, j.join()), outcome -> answer.accept(
          new Input.Answered(id, sendId, outcome instanceof Outcome.JoinedEpoch joined
              ? new Input.JoinAccepted(joined.joined()) : new Input.JoinRefused(String.valueOf(outcome)))));
    } else if (request instanceof PeerRequest.Append a) {
      take(c -> new Input.Append(c, a.append()), outcome -> answer.accept(
          outcome instanceof Outcome.AppendAnswered appended
              ? new Input.Answered(id, sendId, new Input.AppendReply(appended.appended()))
              : new Input.Unanswered(id, sendId, "answered " + outcome)));
    } else if (request instanceof PeerRequest.FetchLog f) {
      Messages.LogPage page = core.logPage(f.from(), world.settings.pageSize());
      world.trace(name, "log page", "for R" + from + " from " + f.from() + ": " + page.entries().size() + " entries");
      answer.accept(new Input.Answered(id, sendId,
          new Input.LogPageReply(page.entries(), page.commitNumber(), page.lastNumber())));
    }
  }

  /** Gives the core a request under a new call; {@code route} gets its answer whenever it comes. */
  private void take(Function<Call, Input> request, Consumer<Outcome> route) {
    Call call = new Call(world.nextId());
    Input in = request.apply(call);
    calls.put(call.id(), new Pending(in, route));
    input(in);
  }

  /** The frontend asks this replica to lead {@code epoch}. */
  void serveLead(long epoch, Consumer<Outcome> answer) {
    take(c -> new Input.Lead(c, epoch), answer);
  }

  /** The frontend forwards a client's order. */
  void servePlace(Messages.PlaceOrder order, Consumer<Outcome> answer) {
    take(c -> new Input.Place(c, order), answer);
  }

  /** A read of order {@code number}; {@code acknowledged}: it was acknowledged before the read was sent. */
  void serveRead(long number, boolean acknowledged, Consumer<Outcome> answer) {
    Outcome outcome = core.read(number, world.now());
    world.trace(name, "read", number + " → " + outcome);
    world.invariants.read(this, number, acknowledged, outcome);
    answer.accept(outcome);
  }

  /** What the frontend's health probe sees. */
  ReplicaView view() {
    return core.view(world.now());
  }
}
