#!/usr/bin/env bash
# Regenerates the dashboard screenshots in docs/img from a real cluster, under Xvfb:
#   docs/img/dashboard.png           normal operation, after some orders
#   docs/img/dashboard-cache.png     the cache tab
#   docs/img/dashboard-failover.png  the load tab just after "Kill the leader" under load, once another replica leads
#   docs/img/dashboard-faults.png    "Isolate the leader", then a follower paused: an isolated and a paused replica
#   docs/img/dashboard-replication.png         the Replication tab mid-failover: the leader cut off from its
#                                              followers under orders (its uncommitted tail, the new epoch's entries)
#   docs/img/dashboard-replication-healed.png  the same after "Heal": the tail replaced, lag 0
# Needs Java 17, Maven and Xvfb (Debian: apt-get install xvfb libgtk-3-0 libxtst6), and root with
# iptables for the partition (the agent answers 501 otherwise and the last screenshot fails).
# Usage: docs/screenshots.sh [PORT_BASE]   (default 22100; the cluster uses PORT_BASE..PORT_BASE+5)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port_base="${1:-22100}"
out="$root/docs/img"

if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "screenshots: xvfb-run was not found; install it with 'apt-get install xvfb libgtk-3-0 libxtst6'." >&2
  exit 1
fi

echo "Building…" >&2
(cd "$root" && mvn -B -q -DskipTests -pl gui-client,launcher -am package)

data="$(mktemp -d)"
up_pid=""
cleanup() {
  if [[ -n "$up_pid" ]] && kill -0 "$up_pid" 2>/dev/null; then
    kill -TERM "$up_pid"
    wait "$up_pid" || true
  fi
  rm -rf "$data"
}
trap cleanup EXIT

echo "Starting a cluster on port base $port_base…" >&2
# The main jar runs the cluster (the dashboard's jar holds no service); the dashboard's, the window.
java -jar "$root/launcher/target/toystore.jar" up --data-dir "$data" --port-base "$port_base" --restock-interval-ms 1000 >"$data/up.log" 2>&1 &
up_pid=$!

# cluster.json appears once every service is healthy.
for _ in $(seq 1 180); do
  [[ -f "$data/cluster.json" ]] && break
  if ! kill -0 "$up_pid" 2>/dev/null; then
    echo "screenshots: the cluster did not start:" >&2
    cat "$data/up.log" >&2
    exit 1
  fi
  sleep 0.5
done
if [[ ! -f "$data/cluster.json" ]]; then
  echo "screenshots: the cluster was not up after 90 s:" >&2
  cat "$data/up.log" >&2
  exit 1
fi

xvfb-run -a -s "-screen 0 1280x800x24" \
  java -cp "$root/gui-client/target/toystore-gui.jar" toystore.gui.DashboardScreenshots \
  --cluster "$data/cluster.json" --out "$out"
