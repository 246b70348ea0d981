package toystore.bench;

import java.util.Locale;
import java.util.Optional;
import toystore.chaos.FaultKind;
import toystore.config.Replication;
import toystore.load.RequestType;
import toystore.order.raft.RaftSettings;

/**
 * The "when to choose which engine" paragraph, written from a run's figures and the design: every
 * number in it is one the run measured, and what it concludes follows the numbers (which engine was
 * faster, whether lab's failover stayed under a second), not a text written beforehand.
 */
final class EngineAdvice {
  /** docs/API.md §3.9: the lab protocol's failover stalls orders for under 1 s. */
  private static final double SUB_SECOND_MS = 1000;

  private EngineAdvice() {}

  static String paragraph(EngineComparison c) {
    Optional<EngineRun> lab = c.engine(Replication.LAB);
    Optional<EngineRun> raft = c.engine(Replication.RAFT);
    if (lab.isEmpty() || raft.isEmpty()) {
      Replication only = c.engines().get(0).engine();
      return "Only `" + only.word() + "` was measured in this run (`--replication " + only.word() + "`): run the "
          + "bench without `--replication` to compare both engines.";
    }
    return throughput(lab.get(), raft.get()) + "\n\n" + failover(lab.get(), raft.get()) + "\n\n"
        + advice(lab.get(), raft.get());
  }

  private static String throughput(EngineRun lab, EngineRun raft) {
    int n = EngineReport.AIM_CLIENTS;
    Optional<Spread> labRate = lab.orders(n, m -> m.perSecond(RequestType.ORDER));
    Optional<Spread> raftRate = raft.orders(n, m -> m.perSecond(RequestType.ORDER));
    StringBuilder text = new StringBuilder("**Throughput and latency.** ");
    if (labRate.isPresent() && raftRate.isPresent()) {
      double ratio = raftRate.get().median() / labRate.get().median();
      text.append(String.format(Locale.ROOT, "With %d clients `lab` took %s orders/s and `raft` %s, %s. ", n,
          labRate.get().format("%.0f"), raftRate.get().format("%.0f"),
          ratio >= 1 ? String.format(Locale.ROOT, "so raft was not slower (%.2f× lab's)", ratio)
              : String.format(Locale.ROOT, "so raft did %.2f× lab's", ratio)));
    }
    Optional<Spread> labP50 = lab.orders(1, m -> m.figures(RequestType.ORDER).p50Ms());
    Optional<Spread> raftP50 = raft.orders(1, m -> m.figures(RequestType.ORDER).p50Ms());
    if (labP50.isPresent() && raftP50.isPresent()) {
      text.append(String.format(Locale.ROOT, "One client's order took %s ms at p50 on `lab` and %s ms on `raft`. ",
          labP50.get().format("%.2f"), raftP50.get().format("%.2f")));
    }
    raft.toCounter(n).ifPresent(ratio -> text.append(String.format(Locale.ROOT,
        "Raft's orders/s were %s× what the bare Ratis counter wrote in the same rounds: %s", ratio.format("%.2f"),
        ratio.median() >= 1 ? "an order, with its catalog purchase and HTTP hops, costs no more throughput than "
            + "Ratis itself allows here."
            : "the gap is what an order adds to a Raft entry (the catalog purchase, the HTTP hops, the per-order "
                + "SQLite commit).")));
    return text.toString().strip();
  }

  private static String failover(EngineRun lab, EngineRun raft) {
    StringBuilder text = new StringBuilder("**Failover.** The longest stall (no client finished anything) was, on `lab` "
        + "against `raft`: ");
    String sep = "";
    for (FaultKind kind : EnginePlot.FAULTS) {
      Optional<Spread> l = lab.stallMs(kind);
      Optional<Spread> r = raft.stallMs(kind);
      text.append(sep).append(EngineReport.faultLabel(kind)).append(" of the leader ");
      if (l.isPresent() && r.isPresent()) {
        text.append(l.get().format("%.0f")).append(" ms against ").append(r.get().format("%.0f")).append(" ms");
      } else {
        text.append("not measured").append(lab.partitionSkipped().or(raft::partitionSkipped)
            .map(why -> " (" + why + ")").orElse(""));
      }
      sep = "; ";
    }
    text.append(String.format(Locale.ROOT, ". Clients saw %d errors on `lab` and %d on `raft` meanwhile.",
        lab.failoverErrors(), raft.failoverErrors()));
    lab.convergedMs().ifPresent(l -> raft.convergedMs().ifPresent(r -> text.append(String.format(Locale.ROOT,
        " A restarted follower had every digest equal %s ms after its restart on `lab`, %s ms on `raft`.",
        l.format("%.0f"), r.format("%.0f")))));
    return text.toString();
  }

  private static String advice(EngineRun lab, EngineRun raft) {
    RaftSettings settings = RaftSettings.standard();
    double labWorst = EnginePlot.FAULTS.stream().map(lab::stallMs).flatMap(Optional::stream)
        .mapToDouble(Spread::median).max().orElse(Double.NaN);
    double raftWorst = EnginePlot.FAULTS.stream().map(raft::stallMs).flatMap(Optional::stream)
        .mapToDouble(Spread::median).max().orElse(Double.NaN);
    String labFailover = Double.isNaN(labWorst) ? "its failover was not measured in this run"
        : labWorst < SUB_SECOND_MS
            ? String.format(Locale.ROOT, "so its failover is sub-second (at worst %.0f ms here)", labWorst)
            : String.format(Locale.ROOT, "which should make its failover sub-second, though at worst it took %.0f ms "
                + "here on a loaded machine", labWorst);
    String raftFailover = Double.isNaN(raftWorst) ? "" : String.format(Locale.ROOT, "; at worst %.0f ms here", raftWorst);
    String chooseLab = !(labWorst >= raftWorst)
        ? "Choose `lab` for a single-frontend store whose users should barely notice a failover"
        : "In this run lab's failover was no shorter than raft's, so the case for `lab` rests on its one process "
            + "to run and reason about";
    int n = EngineReport.AIM_CLIENTS;
    String cost = lab.orders(n, m -> m.perSecond(RequestType.ORDER)).flatMap(l -> raft.orders(n,
            m -> m.perSecond(RequestType.ORDER)).map(r -> r.median() / l.median()))
        .filter(ratio -> ratio < 1)
        .map(ratio -> String.format(Locale.ROOT, " — and, on this run's figures, accept %.2f× lab's orders/s with %d "
            + "clients", ratio, n))
        .orElse("");
    return String.format(Locale.ROOT,
        "**When to choose which.** `lab` has one coordinating frontend that watches the replicas itself and names the "
            + "next leader as soon as the current one stops answering, %s; but that frontend is the single point of "
            + "coordination, so there is exactly one (`--frontends 2` is refused), and the protocol is ours alone. "
            + "`raft` elects its leader among the replicas (Apache Ratis, as in Apache Ozone and IoTDB: years of "
            + "production behind it), so several frontends can serve one store and the replicas could live on other "
            + "hosts; its failover waits out an election timeout (%d–%d ms, docs/DESIGN.md \"Raft engine\"%s). "
            + "%s; choose `raft` when you need more than one frontend, or would rather trust a battle-tested "
            + "protocol than a home-made one, and your users can wait out a leader's failure%s.",
        labFailover, settings.electionMin().toMillis(), settings.electionMax().toMillis(), raftFailover, chooseLab,
        cost);
  }
}
