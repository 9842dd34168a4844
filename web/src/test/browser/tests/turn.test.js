// TURN relay: two Chromium tabs restricted to relayed candidates (iceTransportPolicy "relay")
// exchange audio and video through a real coturn and Junction's SFU, over TURN/UDP and then over
// TURN/TCP only (as behind a firewall that blocks UDP). Each tab keeps one TURN entry, so it has
// one relayed candidate (and one candidate pair with the server). Junction hands each join
// TURN REST credentials minted from --turn-secret; coturn checks them with use-auth-secret.
// This test starts its own coturn and Junction inside the test namespace and stops them by PID.
// coturn refuses relaying to loopback peers by default; the namespace has only lo, so it runs
// with --allow-loopback-peers. Skipped (with a message) when turnserver is missing, unless CI=true.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ARTIFACTS, expectMediaFlowing, launchBrowser, uniqueRoom, waitJoined, withSession } from '../lib/harness.js';
import { startLogged, stopProcess, waitForHttp, waitForStun } from '../lib/processes.js';

const TURNSERVER = ['/usr/bin/turnserver', '/usr/sbin/turnserver'].find((p) => existsSync(p));
const JAR = process.env.JUNCTION_JAR || new URL('../../../../target/junction.jar', import.meta.url).pathname;
const TURN_PORT = 34780;
const HTTP_PORT = 8090;
const MEDIA_PORT = 40090;
const BASE = `http://127.0.0.1:${HTTP_PORT}`;
const SECRET = randomBytes(24).toString('base64url'); // 32 printable characters
const TURN_UDP = `turn:127.0.0.1:${TURN_PORT}?transport=udp`;
const TURN_TCP = `turn:127.0.0.1:${TURN_PORT}?transport=tcp`;

let skip = false;
if (!TURNSERVER) {
  if (process.env.CI === 'true') throw new Error('turnserver (Debian package coturn) is missing and CI=true');
  skip = 'TURN TEST SKIPPED: no turnserver (apt-get install coturn)';
  console.log(skip);
}

/**
 * Makes every RTCPeerConnection of the page relay-only and remembers the configuration the page
 * gave it; keeps only the TURN entries of `transport` ('udp' or 'tcp'; 'tcp' = a client whose
 * network blocks UDP).
 */
function relayOnly(transport) {
  const Native = window.RTCPeerConnection;
  window.__pcConfigs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(config = {}, ...rest) {
      window.__pcConfigs.push(JSON.parse(JSON.stringify(config)));
      const iceServers = (config.iceServers || []).filter((s) =>
          [].concat(s.urls).every((u) => u.endsWith(`?transport=${transport}`)));
      super({ ...config, iceServers, iceTransportPolicy: 'relay' }, ...rest);
    }
  };
}

/** The selected pair of each peer connection: local/remote candidate types and bytes. */
function selectedPairs(page) {
  return page.evaluate(async () => {
    const out = [];
    for (const pc of window.junction.pcs()) {
      const stats = await pc.getStats();
      const byId = new Map();
      stats.forEach((s) => byId.set(s.id, s));
      stats.forEach((s) => {
        if (s.type !== 'transport' || !s.selectedCandidatePairId) return;
        const pair = byId.get(s.selectedCandidatePairId);
        out.push({
          local: byId.get(pair.localCandidateId)?.candidateType,
          remote: byId.get(pair.remoteCandidateId)?.candidateType,
          relayProtocol: byId.get(pair.localCandidateId)?.relayProtocol,
          bytesReceived: pair.bytesReceived,
          bytesSent: pair.bytesSent,
        });
      });
    }
    return out;
  });
}

describe('TURN relay through coturn', { skip, timeout: 180000 }, () => {
  let browser;
  let coturn;
  let junction;
  const coturnLog = join(ARTIFACTS, 'coturn.log');

  before(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    rmSync(coturnLog, { force: true });
    coturn = startLogged(TURNSERVER, [
      '-n', '--no-cli', '--no-tls', '--no-dtls', '--fingerprint',
      '--listening-ip', '127.0.0.1', '--relay-ip', '127.0.0.1', '--listening-port', String(TURN_PORT),
      '--min-port', '49200', '--max-port', '49299', '--allow-loopback-peers',
      '--use-auth-secret', '--static-auth-secret', SECRET, '--realm', 'junction.test',
      '--log-file', coturnLog, '--simple-log', '--no-stdout-log', '--verbose',
      '--pidfile', join(ARTIFACTS, 'coturn.pid'),
    ], join(ARTIFACTS, 'coturn.stdout.log'));
    junction = startLogged('java', ['-jar', JAR, '--port', String(HTTP_PORT), '--media-port', String(MEDIA_PORT),
      '--announce', '127.0.0.1', '--ice-servers', `${TURN_UDP},${TURN_TCP}`],
    join(ARTIFACTS, 'server-turn.log'), { JUNCTION_TURN_SECRET: SECRET });
    await waitForStun('127.0.0.1', TURN_PORT, coturn);
    await waitForHttp(`${BASE}/health`, junction, 90000);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await stopProcess(junction);
    await stopProcess(coturn);
  });

  /** ann and bob join one sfu room relay-only (over `transport` to coturn) and must see each other. */
  async function relayedCall(session, transport) {
    const room = uniqueRoom(`turn-${transport}`);
    const pages = [];
    for (const name of ['ann', 'bob']) {
      const initScript = { content: `(${relayOnly})(${JSON.stringify(transport)});` };
      const page = await session.join(BASE, room, name, { initScript });
      await waitJoined(page);
      pages.push(page);
    }
    await Promise.all(pages.map((p) => expectMediaFlowing(p, { video: 1, audio: 1 }, 30000)));
    const log = readFileSync(coturnLog, 'utf8').split('\n');
    for (const page of pages) {
      const id = await page.evaluate(() => window.junction.id);
      const [config] = await page.evaluate(() => window.__pcConfigs);
      const urls = config.iceServers.map((s) => [].concat(s.urls)).flat();
      assert.deepEqual(urls, [TURN_UDP, TURN_TCP], 'the page passed joined.iceServers to RTCPeerConnection');
      for (const turn of config.iceServers) {
        assert.match(turn.username, new RegExp(`^\\d+:${id}$`), 'username is <expiry>:<participant id>');
        assert.ok(Number(turn.username.split(':')[0]) > Date.now() / 1000 + 3600, 'expiry is in the future');
        assert.ok(turn.credential.length > 0);
      }
      const pairs = await selectedPairs(page);
      assert.ok(pairs.length >= 1 && pairs.every((p) => p.local === 'relay' && p.bytesReceived > 0 &&
          p.relayProtocol === transport), `media flows over a relayed pair: ${JSON.stringify(pairs)}`);
      // coturn accepted the minted credentials for this participant's allocation
      const user = config.iceServers[0].username;
      assert.ok(log.some((l) => l.includes(`user <${user}>`) && l.includes('ALLOCATE processed, success')),
          `coturn log shows ${user} allocating`);
    }
  }

  test('two relay-only tabs exchange audio and video through coturn over TURN/UDP', { timeout: 60000 }, () =>
    withSession(browser, 'turn-relay-udp', (session) => relayedCall(session, 'udp')));
  test('the same over TURN/TCP only (a network that blocks UDP)', { timeout: 60000 }, () =>
    withSession(browser, 'turn-relay-tcp', (session) => relayedCall(session, 'tcp')));
});
