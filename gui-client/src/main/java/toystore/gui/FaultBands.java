package toystore.gui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import toystore.gui.FaultBand.Kind;
import toystore.gui.ServiceView.Health;
import toystore.model.DiskState;

/**
 * The faults the dashboard has seen, as bands from start to heal, derived from each {@link
 * ClusterState} poll alone: so a fault shows however it was made (a card, the chaos panel, the chaos
 * monkey, {@code toystore chaos} from another terminal, a full disk). A band opens for (service, kind) at the first
 * poll that shows the fault and closes at the first that shows it gone. A service nobody could report
 * on (health UNKNOWN, or neither source answered) keeps its bands as they were: a failed poll is not a
 * heal. Not thread-safe: fed and read on the FX thread.
 */
final class FaultBands {
  /** Closed bands kept, oldest dropped first, so a long chaos run cannot grow them without bound. */
  static final int CAPACITY = 500;

  private record Key(String service, Kind kind) {}

  private final String frontendUrl;
  private final Map<Key, Instant> open = new LinkedHashMap<>();
  private final List<FaultBand> closed = new ArrayList<>();

  /** @param frontendUrl the frontend the dashboard polls (see {@link ClusterState#views}) */
  FaultBands(String frontendUrl) {
    this.frontendUrl = frontendUrl;
  }

  void accept(ClusterState state) {
    if (state.status() == null && state.cluster() == null) {
      return;
    }
    Map<String, Set<Kind>> now = new LinkedHashMap<>();
    Set<String> diskKnown = new HashSet<>();
    for (ServiceView view : state.views(frontendUrl)) {
      now.put(view.name(), view.health() == Health.UNKNOWN ? null : faults(view));
      if (diskKnown(state, view)) {
        diskKnown.add(view.name());
      }
    }
    for (var it = open.entrySet().iterator(); it.hasNext(); ) {
      var entry = it.next();
      Key key = entry.getKey();
      boolean unknown = now.containsKey(key.service())
          && (now.get(key.service()) == null || key.kind() == Kind.DISK && !diskKnown.contains(key.service()));
      Set<Kind> faults = now.get(key.service());
      if (unknown || faults != null && faults.contains(key.kind())) {
        continue;
      }
      closed.add(new FaultBand(key.service(), key.kind(), entry.getValue(), state.at()));
      it.remove();
    }
    now.forEach((service, faults) -> {
      if (faults != null) {
        faults.forEach(kind -> open.putIfAbsent(new Key(service, kind), state.at()));
      }
    });
    if (closed.size() > CAPACITY) {
      closed.subList(0, closed.size() - CAPACITY).clear();
    }
  }

  /** Every band, closed or still open, by start. */
  List<FaultBand> bands() {
    List<FaultBand> all = new ArrayList<>(closed);
    open.forEach((key, start) -> all.add(new FaultBand(key.service(), key.kind(), start, null)));
    all.sort(Comparator.comparing(FaultBand::start));
    return Collections.unmodifiableList(all);
  }

  /**
   * A paused or cut-off service does not answer either, nor does one just resumed or healed until the
   * frontend's next probe: it is killed only when its process is gone (no pid: the agent says it is
   * not running, or there is no agent and the frontend says DOWN) and neither a pause nor a partition
   * explains it, so a pause or a partition is one band, not two. A disk fault is the replica's own
   * word ({@link ServiceView#fault()}) or the agent's ballast filling its disk ({@link DiskState#FULL}).
   */
  private static Set<Kind> faults(ServiceView view) {
    Set<Kind> faults = EnumSet.noneOf(Kind.class);
    if (view.fault() != null || view.disk() == DiskState.FULL) {
      faults.add(Kind.DISK);
    }
    if (view.paused()) {
      faults.add(Kind.PAUSE);
    }
    if (view.isolated()) {
      faults.add(Kind.PARTITION);
    }
    if (view.health() == Health.DOWN && view.pid() == null && !view.paused() && !view.isolated()) {
      faults.add(Kind.KILL);
    }
    return faults;
  }

  /** A replica's disk fault is known only while it answers the frontend, which passes its word on. */
  private static boolean diskKnown(ClusterState state, ServiceView view) {
    return state.frontendReachable() && (view.health() == Health.UP || view.health() == Health.SYNCING);
  }
}
