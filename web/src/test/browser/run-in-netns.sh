#!/usr/bin/env bash
# Runs the real-browser tests inside a private network namespace that has only `lo` and a veth
# pair whose two ends are both inside it (for Firefox, which needs a default route), so every
# packet (signaling, ICE, media) stays inside it.
# Starts two Junction servers there (default sfu rooms on :8080, p2p rooms on :8081),
# waits for /health, runs `node --test`, and always tears everything down.
#
# Usage: run-in-netns.sh [test files...]   (default: $BROWSER_TESTS, else tests/*.test.js)
# Env:   BROWSER_TESTS (space-separated test files, e.g. "tests/p2p.test.js"), JUNCTION_JAR (default web/target/junction.jar), CI=true turns a skip into a failure,
#        TEST_DEADLINE_SECONDS (default 1560) bounds the node run, SERVER_START_SECONDS (default 120)
#        bounds each server's start (two JVMs start at once; a loaded machine needs more than 60 s).
set -uo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
WEB=$(cd "$HERE/../../.." && pwd)
JAR=${JUNCTION_JAR:-$WEB/target/junction.jar}
ARTIFACTS=$WEB/target/browser-artifacts
DEADLINE=${TEST_DEADLINE_SECONDS:-1560}
START_DEADLINE=${SERVER_START_SECONDS:-120}
SFU_PORT=8080 SFU_MEDIA=40000 P2P_PORT=8081 P2P_MEDIA=40001

skip() {
  if [ "${CI:-}" = "true" ]; then
    echo "BROWSER TESTS CANNOT RUN (CI=true): $1" >&2
    exit 1
  fi
  echo "=================================================================" >&2
  echo "BROWSER TESTS SKIPPED: $1" >&2
  echo "=================================================================" >&2
  exit 0
}

[ "$(id -u)" = "0" ] || skip "not root; network namespaces need root"
command -v ip >/dev/null 2>&1 || skip "no 'ip' command (apt-get install iproute2)"
[ -x /usr/bin/chromium ] || skip "no /usr/bin/chromium (apt-get install chromium)"
command -v node >/dev/null 2>&1 || skip "no node"
command -v java >/dev/null 2>&1 || skip "no java"
if [ ! -f "$JAR" ]; then
  echo "run-in-netns.sh: $JAR is missing; build it with mvn -pl web -am package" >&2
  exit 1
fi
if [ ! -d "$HERE/node_modules/playwright-core" ] || [ ! -d "$HERE/node_modules/puppeteer-core" ]; then
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error) || skip "npm ci failed (playwright-core / puppeteer-core not installable)"
fi

NS="junction-browser-$$"
SERVER_PIDS=()
cleanup() {
  local rc=$?
  if [ -n "${NODE_PID:-}" ]; then kill "$NODE_PID" 2>/dev/null; wait "$NODE_PID" 2>/dev/null; fi
  for pid in "${SERVER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  for pid in "${SERVER_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
  done
  # whatever a test started inside the namespace and left running (e.g. after a deadline)
  local left
  left=$(ip netns pids "$NS" 2>/dev/null)
  if [ -n "$left" ]; then
    kill $left 2>/dev/null; sleep 1; kill -9 $(ip netns pids "$NS" 2>/dev/null) 2>/dev/null
  fi
  ip netns del "$NS" 2>/dev/null
  exit $rc
}
ip netns add "$NS" 2>/dev/null || skip "cannot create a network namespace (ip netns add failed)"
trap cleanup EXIT
trap 'exit 130' INT TERM
ip -n "$NS" link set lo up || { echo "cannot bring lo up in $NS" >&2; exit 1; }
# A veth pair with BOTH ends inside the namespace (never the host's), private addresses from
# 198.18.0.0/15 (RFC 2544 benchmarking), and a default route via the far end: Firefox gathers no
# ICE candidates at all without a default route, and it pairs its candidate (the default route's
# interface, 198.18.0.1) only with non-loopback server candidates, so the servers announce the far
# end (198.18.0.2) next to 127.0.0.1. Both addresses are local to the namespace: nothing leaves it.
VETH_A=jb0 VETH_B=jb1 VETH_A_ADDR=198.18.0.1 VETH_B_ADDR=198.18.0.2
{ ip -n "$NS" link add "$VETH_A" type veth peer name "$VETH_B" &&
  ip -n "$NS" addr add "$VETH_A_ADDR/30" dev "$VETH_A" &&
  ip -n "$NS" addr add "$VETH_B_ADDR/30" dev "$VETH_B" &&
  ip -n "$NS" link set "$VETH_A" up && ip -n "$NS" link set "$VETH_B" up &&
  ip -n "$NS" route add default via "$VETH_B_ADDR" dev "$VETH_A"; } ||
  { echo "cannot set up the veth pair and default route in $NS" >&2; exit 1; }

mkdir -p "$ARTIFACTS"
start_server() { # port media-port log [extra args]
  local port=$1 media=$2 log=$3
  shift 3
  # `ip netns exec` execs the command, so $! is the java process itself.
  ip netns exec "$NS" java -jar "$JAR" --port "$port" --media-port "$media" --announce "127.0.0.1,$VETH_B_ADDR" \
      ${JUNCTION_SERVER_LOG_LEVEL:+--log-level="$JUNCTION_SERVER_LOG_LEVEL"} "$@" \
      >"$log" 2>&1 &
  SERVER_PIDS+=($!)
}
wait_healthy() { # port pid log
  local deadline=$((SECONDS + START_DEADLINE))
  until ip netns exec "$NS" curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$1/health"; do
    if ! kill -0 "$2" 2>/dev/null; then
      echo "server on :$1 exited early; its log:" >&2; cat "$3" >&2; exit 1
    fi
    if [ $SECONDS -ge $deadline ]; then
      echo "server on :$1 not healthy within $START_DEADLINE s; its log:" >&2; cat "$3" >&2; exit 1
    fi
    sleep 0.2
  done
}

start_server $SFU_PORT $SFU_MEDIA "$ARTIFACTS/server-sfu.log"
start_server $P2P_PORT $P2P_MEDIA "$ARTIFACTS/server-p2p.log" --mode p2p
wait_healthy $SFU_PORT "${SERVER_PIDS[0]}" "$ARTIFACTS/server-sfu.log"
wait_healthy $P2P_PORT "${SERVER_PIDS[1]}" "$ARTIFACTS/server-p2p.log"
echo "run-in-netns.sh: servers up in namespace $NS (sfu :$SFU_PORT, p2p :$P2P_PORT)"

cd "$HERE"
if [ $# -gt 0 ]; then TESTS=("$@")
elif [ -n "${BROWSER_TESTS:-}" ]; then read -r -a TESTS <<<"$BROWSER_TESTS"
else TESTS=(tests/*.test.js); fi
echo "run-in-netns.sh: running ${TESTS[*]}"
ip netns exec "$NS" env \
    JUNCTION_SFU_URL="http://127.0.0.1:$SFU_PORT" JUNCTION_P2P_URL="http://127.0.0.1:$P2P_PORT" \
    JUNCTION_ARTIFACTS="$ARTIFACTS" JUNCTION_SFU_PID="${SERVER_PIDS[0]}" JUNCTION_JAR="$JAR" \
    JUNCTION_NAMESPACE_ADDRESSES="127.0.0.1 $VETH_A_ADDR $VETH_B_ADDR" \
    timeout --kill-after=10 "$DEADLINE" node --test --test-concurrency=1 --test-reporter=spec "${TESTS[@]}" &
NODE_PID=$!
wait "$NODE_PID"
