// Opt-in measurement (issue 12, "Figures to reach"): 20 joins into one sfu room in waves of
// JOIN_WAVE tabs that click Join at the same moment, while ann is in the room publishing. Per join,
// from page timestamps (performance.now()): join click -> ICE connected (iceConnectionState),
// ICE connected -> DTLS connected (RTCDtlsTransport state), join click -> first remote video frame.
// Asserted: every join reaches DTLS connected within 1.5 s of ICE connected. Figures (median/p90/max)
// go to join-time.json in the artifacts directory and to the console.
//   BROWSER_TESTS=tests/join-time.test.js bash run-in-netns.sh      (JOIN_RUNS, JOIN_WAVE to change)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ARTIFACTS, SFU_URL, clickJoin, launchBrowser, uniqueRoom, waitFor, waitJoined, withSession } from '../lib/harness.js';

const RUNS = Number(process.env.JOIN_RUNS || 20);
const WAVE = Number(process.env.JOIN_WAVE || 4);
const ICE_TO_DTLS_LIMIT_MS = 1500;

/** Init script: timestamps of the first ICE connected and DTLS connected of the page's connections. */
function recordTransport() {
  const Native = window.RTCPeerConnection;
  const t = { iceConnectedAt: 0, dtlsConnectingAt: 0, dtlsConnectedAt: 0, connectedAt: 0, dtlsStates: [] };
  window.__transportTiming = t;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('iceconnectionstatechange', () => {
        if (!t.iceConnectedAt && (this.iceConnectionState === 'connected' || this.iceConnectionState === 'completed')) {
          t.iceConnectedAt = performance.now();
        }
      });
      this.addEventListener('connectionstatechange', () => {
        if (!t.connectedAt && this.connectionState === 'connected') t.connectedAt = performance.now();
      });
      const watched = new Set();
      const watch = () => {
        for (const tr of this.getTransceivers()) {
          const dtls = tr.sender.transport;
          if (!dtls || watched.has(dtls)) continue;
          watched.add(dtls);
          dtls.addEventListener('statechange', () => {
            const now = performance.now();
            t.dtlsStates.push([dtls.state, Math.round(now)]);
            if (dtls.state === 'connecting' && !t.dtlsConnectingAt) t.dtlsConnectingAt = now;
            if (dtls.state === 'connected' && !t.dtlsConnectedAt) t.dtlsConnectedAt = now;
          });
        }
      };
      this.addEventListener('signalingstatechange', watch);
    }
  };
}

const pct = (xs, p) => {
  const v = [...xs].sort((a, b) => a - b);
  return v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
};
const summary = (xs) => ({ median: pct(xs, 50), p90: pct(xs, 90), max: Math.max(...xs), n: xs.length });

let browser;
const results = { runs: RUNS, wave: WAVE, joins: [], failed: [] };

/** What a join that did not finish shows: connection states, DTLS states, candidate pairs. */
function pageState(page) {
  return page.evaluate(async () => {
    const pc = window.junction.pcs()[0];
    if (!pc) return { joined: window.junction.joined, lastError: window.junction.lastError };
    const pairs = [];
    (await pc.getStats()).forEach((s) => {
      if (s.type === 'candidate-pair') {
        pairs.push(`${s.state} nominated=${s.nominated} req=${s.requestsSent} resp=${s.responsesReceived}`);
      }
    });
    return {
      ice: pc.iceConnectionState, connection: pc.connectionState, signaling: pc.signalingState,
      timing: window.__transportTiming, frame: window.junction.timing, lastError: window.junction.lastError, pairs,
    };
  }).catch((e) => String(e));
}
before(async () => { browser = await launchBrowser(); });
after(async () => {
  await browser?.close();
  const j = results.joins;
  if (j.length) {
    results.summary = {
      joinToIceConnectedMs: summary(j.map((x) => x.joinToIce)),
      iceToDtlsConnectedMs: summary(j.map((x) => x.iceToDtls)),
      joinToFirstFrameMs: summary(j.map((x) => x.joinToFrame)),
    };
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  try { // the media port's drop counters after the run
    const text = await (await fetch(`${SFU_URL}/metrics`)).text();
    results.drops = text.split('\n').filter((l) => l.startsWith('junction_packets_dropped_total') && Number(l.split(' ').pop()) > 0);
  } catch (e) {
    results.drops = String(e);
  }
  writeFileSync(`${ARTIFACTS}/join-time.json`, JSON.stringify(results, null, 2) + '\n');
  console.log(`join time: ${JSON.stringify(results.summary)}`);
});

test(`${RUNS} joins in waves of ${WAVE} into one sfu room`, { timeout: 600000 }, () =>
  withSession(browser, 'join-time', async (session) => {
    const room = uniqueRoom('jointime');
    const ann = await session.join(SFU_URL, room, 'ann');
    await waitJoined(ann);
    for (let done = 0; done < RUNS; done += WAVE) {
      const n = Math.min(WAVE, RUNS - done);
      const contexts = [];
      try {
        const pages = [];
        for (let i = 0; i < n; i++) {
          const context = await browser.newContext();
          contexts.push(context);
          const page = await context.newPage();
          await page.addInitScript({ content: `(${recordTransport})();` });
          await page.goto(`${SFU_URL}/?room=${room}&name=j${done + i}`);
          await page.waitForFunction(() => window.junction !== undefined);
          await page.waitForFunction(() => document.getElementById('preview').readyState >= 2);
          pages.push(page);
        }
        await Promise.all(pages.map(clickJoin)); // the wave joins at the same moment
        for (const [i, page] of pages.entries()) {
          let r;
          try {
            r = await page.waitForFunction(() => {
              const t = window.__transportTiming;
              const timing = window.junction.timing;
              return t.dtlsConnectedAt > 0 && timing.firstRemoteFrameAt > 0 && { ...t, ...timing };
            }, null, { timeout: 30000, polling: 20 }).then((h) => h.jsonValue());
          } catch (err) {
            results.failed.push({ name: `j${done + i}`, error: String(err).split('\n')[0], state: await pageState(page) });
            continue;
          }
          results.joins.push({
            name: `j${done + i}`,
            joinToIce: Math.round(r.iceConnectedAt - r.joinClickedAt),
            iceToDtls: Math.round(r.dtlsConnectedAt - r.iceConnectedAt),
            joinToFrame: Math.round(r.firstRemoteFrameAt - r.joinClickedAt),
            dtlsStates: r.dtlsStates.map(([s, at]) => `${s}@${Math.round(at - r.joinClickedAt)}`),
          });
        }
      } finally {
        for (const c of contexts) await c.close();
      }
      await waitFor('the wave to leave', async () => (await ann.evaluate(() => window.junction.tiles.length)) === 0,
          { timeoutMs: 15000 });
    }
    assert.deepEqual(results.failed, [], 'joins that did not reach DTLS connected and a first frame within 30 s');
    const slow = results.joins.filter((x) => x.iceToDtls > ICE_TO_DTLS_LIMIT_MS);
    assert.deepEqual(slow, [], `joins with ICE connected -> DTLS connected above ${ICE_TO_DTLS_LIMIT_MS} ms`);
  }));
