// Classic socket.io pages (classic/classic.html: one RTCPeerConnection, socket.io events,
// event.streams[0] in one <video>, the positional dialect) against Junction's /socket.io/ front:
// two tabs in a p2p room see each other; three tabs in an sfu room each see a remote video (the
// server is each tab's single peer and sends the active speaker), and a speaker change shows up
// in the others' <video> within 2 s. Each tab's camera is a solid colour, so the colour at the
// centre of a tab's remote <video> names whose video it shows; each tab's microphone is an
// oscillator, silent until the test makes it loud.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, P2P_URL, SFU_URL, Session, uniqueRoom, waitFor } from '../lib/harness.js';

const PAGE = readFileSync(new URL('../classic/classic.html', import.meta.url));
const SOCKET_IO = readFileSync(new URL('../node_modules/socket.io-client/dist/socket.io.min.js', import.meta.url));
const COLORS = { red: [255, 0, 0], green: [0, 255, 0], blue: [0, 0, 255] };

/** Opens the classic page for `room` at `base` (served from the server's origin through routing). */
async function openClassic(session, base, room, color) {
  const context = await session.browser.newContext();
  const page = await context.newPage();
  const entry = { page, context, name: color, log: [] };
  session.pages.push(entry);
  page.on('console', (m) => entry.log.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => entry.log.push(`pageerror: ${e.stack || e}`));
  await page.route(`${base}/classic-test/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    if (path.endsWith('/socket.io.min.js')) {
      return route.fulfill({ status: 200, contentType: 'text/javascript', body: SOCKET_IO });
    }
    return route.fulfill({ status: 200, contentType: 'text/html', body: PAGE });
  });
  await page.goto(`${base}/classic-test/classic.html?room=${encodeURIComponent(room)}&color=${encodeURIComponent(
    `rgb(${COLORS[color].join(',')})`)}`);
  await page.waitForFunction(() => window.classic && window.classic.joined, null, { timeout: 15000 });
  return page;
}

/** The colour name closest to the centre pixel of the page's remote video, or null. */
async function shows(page) {
  const rgb = await page.evaluate(() => window.classic.remoteColor());
  if (!rgb) return null;
  let best = null;
  let bestDistance = Infinity;
  for (const [name, ref] of Object.entries(COLORS)) {
    const d = ref.reduce((sum, v, i) => sum + (v - rgb[i]) ** 2, 0);
    if (d < bestDistance) { best = name; bestDistance = d; }
  }
  return bestDistance < 3 * 80 ** 2 ? best : null;
}

/** Frames decoded on the page's peer connection so far. */
function framesDecoded(page) {
  return page.evaluate(async () => {
    let frames = 0;
    (await window.classic.pc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0;
    });
    return frames;
  });
}

async function expectDecoding(page, what) {
  const first = await waitFor(`${what}: frames decoded`, async () => {
    const f = await framesDecoded(page);
    return f > 0 ? f : null;
  }, { timeoutMs: 30000, intervalMs: 250 });
  await waitFor(`${what}: frames keep coming`, async () => (await framesDecoded(page)) > first + 5,
    { timeoutMs: 15000, intervalMs: 250 });
}

describe('classic socket.io pages', { timeout: 300000 }, () => {
  let browser;
  before(async () => {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      headless: true,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=no-user-gesture-required'],
    });
  });
  after(async () => { await browser?.close(); });

  test('two tabs in a p2p room see each other', { timeout: 120000 }, async () => {
    const session = new Session(browser, 'classic-p2p');
    try {
      const room = uniqueRoom('classic-p2p');
      const a = await openClassic(session, P2P_URL, room, 'red');
      const b = await openClassic(session, P2P_URL, room, 'green');
      await expectDecoding(a, 'red tab');
      await expectDecoding(b, 'green tab');
      await waitFor('each tab shows the other', async () => (await shows(a)) === 'green' && (await shows(b)) === 'red',
        { timeoutMs: 15000, intervalMs: 250 });
      for (const p of [a, b]) {
        assert.deepEqual(await p.evaluate(() => window.classic.errors), []);
      }
    } catch (err) {
      await session.saveArtifacts();
      throw err;
    } finally {
      await session.close();
    }
  });

  test('three tabs in an sfu room each see a remote video, and the speaker switch shows within 2 s',
    { timeout: 180000 }, async () => {
      const session = new Session(browser, 'classic-sfu');
      try {
        const room = uniqueRoom('classic-sfu');
        const tabs = {};
        for (const color of ['red', 'green', 'blue']) {
          tabs[color] = await openClassic(session, SFU_URL, room, color);
        }
        for (const [color, page] of Object.entries(tabs)) {
          assert.equal(await page.evaluate(() => window.classic.peer), 'sfu', `${color}: the server is its peer`);
          await expectDecoding(page, `${color} tab`);
          assert.equal(await page.evaluate(() => window.classic.streamId), 'junction-speaker');
        }
        for (const [color, page] of Object.entries(tabs)) {
          await waitFor(`${color} shows another tab's video`, async () => {
            const s = await shows(page);
            return s && s !== color;
          }, { timeoutMs: 15000, intervalMs: 250 });
        }

        // red speaks: green and blue show red
        await tabs.red.evaluate(() => window.classic.loud(true));
        await waitFor('green and blue show red', async () => (await shows(tabs.green)) === 'red'
          && (await shows(tabs.blue)) === 'red', { timeoutMs: 20000, intervalMs: 100 });

        // red stops, blue speaks: red and green show blue within 2 s
        await tabs.red.evaluate(() => window.classic.loud(false));
        await tabs.blue.evaluate(() => window.classic.loud(true));
        const start = Date.now();
        await waitFor('red and green show blue', async () => (await shows(tabs.red)) === 'blue'
          && (await shows(tabs.green)) === 'blue', { timeoutMs: 10000, intervalMs: 50 });
        const elapsed = Date.now() - start;
        console.log(`speaker switch red -> blue shown in the others' <video> after ${elapsed} ms`);
        assert.ok(elapsed <= 2000, `the switch showed only after ${elapsed} ms`);
        for (const [color, page] of Object.entries(tabs)) {
          assert.deepEqual(await page.evaluate(() => window.classic.errors), [], `${color}: no errors`);
        }
      } catch (err) {
        await session.saveArtifacts();
        throw err;
      } finally {
        await session.close();
      }
    });
});
