// Firefox ESR next to Chromium: one Firefox tab (Debian's stock firefox-esr, headless, driven by
// puppeteer-core over WebDriver BiDi, fake media from prefs) and one Chromium tab join the same
// sfu room on the page Junction serves; each must decode the other's video (inbound-rtp
// framesDecoded growing, frameWidth > 0) and receive its audio (inbound-rtp packetsReceived
// growing), read from the tab's own getStats(). Firefox gathers no ICE candidates without a
// default route, so run-in-netns.sh gives the namespace a veth pair and one.
// Skipped (with a message) when firefox-esr is missing, unless CI=true (then it fails).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  ARTIFACTS, SFU_URL, inboundSnapshot, launchBrowser, participantId, uniqueRoom, waitFor, waitJoined, withSession,
} from '../lib/harness.js';
import { firefoxMissing, joinFirefox, launchFirefox } from '../lib/firefox.js';

let skip = false;
const missing = firefoxMissing();
if (missing) {
  if (process.env.CI === 'true') throw new Error(`${missing} and CI=true`);
  skip = `FIREFOX TEST SKIPPED: ${missing}`;
  console.log(skip);
}

/** Remote video streams whose framesDecoded grew with a frameWidth, and audio whose packets grew. */
function grown(before, after) {
  const video = Object.keys(after.video).filter((k) =>
    after.video[k].frames > (before.video[k]?.frames ?? 0) && after.video[k].width > 0);
  const audio = Object.keys(after.audio).filter((k) => after.audio[k].packets > (before.audio[k]?.packets ?? 0));
  return { video: video.map((k) => after.video[k]), audio: audio.length };
}

/** Waits until the page keeps decoding one remote video and receiving one remote audio. */
async function expectVideoAndAudio(page, who, timeoutMs = 40000) {
  let before = await inboundSnapshot(page);
  let seen = { video: [], audio: 0 };
  await waitFor(() => `${who} to decode remote video and receive audio (last ${JSON.stringify(seen)})`, async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const after = await inboundSnapshot(page);
    seen = grown(before, after);
    before = after;
    return seen.video.length >= 1 && seen.audio >= 1;
  }, { timeoutMs, intervalMs: 0 });
  return seen;
}

/** The selected candidate pair of the page's (single) peer connection, for the log. */
function selectedPair(page) {
  return page.evaluate(async () => {
    const stats = await window.junction.pcs()[0].getStats();
    const byId = new Map();
    stats.forEach((s) => byId.set(s.id, s));
    let pair;
    stats.forEach((s) => {
      if (s.type === 'transport' && s.selectedCandidatePairId) pair = byId.get(s.selectedCandidatePairId);
    });
    if (!pair) stats.forEach((s) => { if (s.type === 'candidate-pair' && (s.selected || s.nominated) && s.state === 'succeeded') pair = s; });
    if (!pair) return null;
    const local = byId.get(pair.localCandidateId) || {};
    const remote = byId.get(pair.remoteCandidateId) || {};
    return `${local.address}:${local.port}/${local.protocol} -> ${remote.address}:${remote.port}/${remote.protocol}`;
  });
}

describe('firefox esr next to chromium', { skip, timeout: 300000 }, () => {
  let chromium;
  let firefox;
  before(async () => {
    [chromium, firefox] = await Promise.all([launchBrowser(), launchFirefox()]);
  });
  after(async () => {
    await Promise.all([chromium?.close(), firefox?.close()]);
  });

  test('mixed sfu room: Firefox and Chromium decode each other\'s video and receive audio', { timeout: 120000 },
    (t) => withSession(chromium, 'firefox-mixed', async (session) => {
      t.diagnostic(`firefox ${await firefox.version()}, chromium ${chromium.version()}`);
      const room = uniqueRoom('firefox');
      const log = [];
      let fx;
      try {
        fx = await joinFirefox(firefox.browser, SFU_URL, room, 'fox', log);
        const cr = await session.join(SFU_URL, room, 'chrome');
        await waitJoined(cr);
        assert.equal(await fx.evaluate(() => window.junction.mode), 'sfu');
        const [fxId, crId] = await Promise.all([participantId(fx), participantId(cr)]);
        await waitFor('each tab to show the other\'s tile', async () =>
          JSON.stringify(await fx.evaluate(() => window.junction.tiles)) === JSON.stringify([crId]) &&
          JSON.stringify(await cr.evaluate(() => window.junction.tiles)) === JSON.stringify([fxId]));
        const [atFirefox, atChromium] = await Promise.all([
          expectVideoAndAudio(fx, 'Firefox'), expectVideoAndAudio(cr, 'Chromium')]);
        t.diagnostic(`Firefox decodes ${JSON.stringify(atFirefox.video)}; Chromium decodes ${JSON.stringify(atChromium.video)}`);
        t.diagnostic(`selected pairs: Firefox ${await selectedPair(fx)}; Chromium ${await selectedPair(cr)}`);
      } catch (err) {
        mkdirSync(ARTIFACTS, { recursive: true });
        const base = join(ARTIFACTS, 'firefox-mixed-firefox');
        writeFileSync(`${base}.console.log`, log.join('\n') + '\n');
        if (fx) await fx.screenshot({ path: `${base}.png` }).catch((e) => writeFileSync(`${base}.screenshot-error.txt`, String(e)));
        throw err;
      } finally {
        await fx?.close().catch(() => {});
      }
    }));
});
