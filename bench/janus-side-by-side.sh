#!/usr/bin/env bash
# Junction and Janus side by side: the same bench (same participants, packets and thresholds) first
# against a spawned Janus VideoRoom, then against a spawned Junction, inside a network namespace this
# script creates and deletes (bench --compare junction,janus: one table, one JSON, one chart with both
# curves). Janus gathers no candidate on loopback, so the namespace has a veth pair with both ends
# inside (198.18.0.1 for Janus, 198.18.0.2 for the participants' media when they talk to Janus);
# Junction runs on loopback as in every other bench run. Arguments go to both runs, e.g.
#
#   bench/janus-side-by-side.sh --server-cpus 0 --load-cpus 1 --rooms 1 --publishers 1 --subscribers 15 \
#       --ramp --step-subscribers 60 --step-seconds 5 --duration 300 --max-participants 900 --max-p99-ms 1000
#
# Needs root (ip netns), the janus package (apt-get install -y janus), and the two jars
# (mvn -B -q -pl web,bench -am package -DskipTests). Report: compare-report.json and compare-capacity.png
# in OUT_DIR (default: the repository root). ONLY=janus or ONLY=junction runs one of them
# (janus-report.json / junction-report.json).
set -euo pipefail
cd "$(dirname "$0")/.."
BENCH=${BENCH_JAR:-bench/target/junction-bench.jar}
# the command that starts the bench (tests pass their classpath instead of the jar)
read -r -a CMD <<< "${BENCH_CMD:-java -jar $BENCH}"
JAR=${JUNCTION_JAR:-web/target/junction.jar}
OUT=${OUT_DIR:-.}
NS=junction-janus-$$
cleanup() { ip netns del "$NS" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
ip netns add "$NS"
ip -n "$NS" link set lo up
ip -n "$NS" link add jv0 type veth peer name jv1
ip -n "$NS" addr add 198.18.0.1/24 dev jv0
ip -n "$NS" addr add 198.18.0.2/24 dev jv1
ip -n "$NS" link set jv0 up
ip -n "$NS" link set jv1 up
# Janus sends out of jv0 (bound to the device); its datagrams to 198.18.0.2 come back in on jv1 with a
# source address of this namespace, which the kernel drops as martian unless accept_local is set.
for k in all jv0 jv1; do
  ip netns exec "$NS" sysctl -qw "net.ipv4.conf.$k.accept_local=1" "net.ipv4.conf.$k.rp_filter=0"
done
case "${ONLY:-}" in
  janus) ip netns exec "$NS" "${CMD[@]}" --spawn-janus --janus-interface jv0 --client-address 198.18.0.2 \
           --out "$OUT/janus-report.json" --chart "$OUT/janus-capacity.png" "$@" ;;
  junction) ip netns exec "$NS" "${CMD[@]}" --spawn "$JAR" \
           --out "$OUT/junction-report.json" --chart "$OUT/junction-capacity.png" "$@" ;;
  *) ip netns exec "$NS" "${CMD[@]}" --compare junction,janus --spawn "$JAR" --janus-interface jv0 \
           --client-address 198.18.0.2 --out "$OUT/compare-report.json" --chart "$OUT/compare-capacity.png" "$@" ;;
esac
