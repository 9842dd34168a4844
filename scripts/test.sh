#!/usr/bin/env bash
# Junction's test command: makes sure the browser-test prerequisites are present
# (Debian chromium and firefox-esr, iproute2, coturn for the TURN test, janus for the bench comparison, redis-server for the
# cluster tests, playwright-core, puppeteer-core and socket.io-client from npm), then runs the whole Maven build.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v firefox-esr >/dev/null 2>&1 || need_apt+=(firefox-esr)  # tests/firefox.test.js
command -v ip >/dev/null 2>&1 || need_apt+=(iproute2)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v turnserver >/dev/null 2>&1 || need_apt+=(coturn)
command -v redis-server >/dev/null 2>&1 || need_apt+=(redis-server)  # cluster tests start their own, on loopback
command -v janus >/dev/null 2>&1 || need_apt+=(janus)  # bench JanusSideBySideTest: Janus side by side
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "scripts/test.sh: missing ${need_apt[*]} and not root; browser tests will be skipped" >&2
  fi
fi
if [ -f web/src/test/browser/package.json ] && [ ! -d web/src/test/browser/node_modules/puppeteer-core ]; then
  (cd web/src/test/browser && npm ci --no-audit --no-fund --loglevel=error)
fi
# socket.io-client for the classic-client tests of the socket.io front (SocketIoClassicTest)
if [ -f signaling/src/test/socketio/package.json ] && [ ! -d signaling/src/test/socketio/node_modules ]; then
  (cd signaling/src/test/socketio && npm ci --no-audit --no-fund --loglevel=error)
fi

mvn -B verify
