// Shared helpers for the browser tests: launching Chromium, joining rooms,
// asserting media through RTCPeerConnection.getStats, and failure artifacts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const SFU_URL = process.env.JUNCTION_SFU_URL || 'http://127.0.0.1:8080';
export const P2P_URL = process.env.JUNCTION_P2P_URL || 'http://127.0.0.1:8081';
export const ARTIFACTS = process.env.JUNCTION_ARTIFACTS || new URL('../../../../target/browser-artifacts', import.meta.url).pathname;

export const CHROMIUM_ARGS = [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--auto-select-desktop-capture-source=Entire screen',
  '--allow-loopback-in-peer-connection',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Launches a headless Chromium (Playwright gives each launch a fresh user-data dir). */
export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
}

let roomCounter = 0;
/** A room name unique to this run, so scenarios never see each other. */
export function uniqueRoom(prefix) {
  roomCounter++;
  return `${prefix}-${process.pid}-${roomCounter}-${Date.now() % 100000}`;
}

/** Thrown by a waitFor check to stop waiting at once. */
export class FatalError extends Error {}

/** Polls `check` (async, returns truthy when done) until the deadline; throws `what` on timeout. */
export async function waitFor(what, check, { timeoutMs = 20000, intervalMs = 200 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last) return last;
    } catch (err) {
      if (err instanceof FatalError) throw err;
      last = err;
    }
    if (Date.now() > deadline) {
      const label = typeof what === 'function' ? what() : what;
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${label}` +
          (last instanceof Error ? `: ${last.message}` : ''));
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/**
 * One scenario's participants. Collects console output per page; on failure
 * saves a screenshot and the console log of every page under ARTIFACTS.
 */
export class Session {
  constructor(browser, name) {
    this.browser = browser;
    this.name = name.replace(/[^A-Za-z0-9_.-]+/g, '_');
    this.pages = [];
  }

  /**
   * Opens a page as participant `name` in `room` of the server at `base` and clicks Join;
   * `query` adds URL parameters (e.g. `simulcast=1`).
   */
  async join(base, room, name, { click = true, initScript, setup, query = '' } = {}) {
    const context = await this.browser.newContext({ viewport: { width: 1100, height: 760 } });
    const page = await context.newPage();
    const entry = { page, context, name, log: [] };
    this.pages.push(entry);
    page.on('console', (m) => entry.log.push(`[${new Date().toISOString()}] ${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => entry.log.push(`[${new Date().toISOString()}] pageerror: ${e.stack || e}`));
    if (initScript) await page.addInitScript(initScript);
    if (setup) await setup(page);
    await page.goto(`${base}/?room=${encodeURIComponent(room)}&name=${encodeURIComponent(name)}`
        + (query ? `&${query}` : ''));
    await page.waitForFunction(() => window.junction !== undefined);
    if (click) await clickJoin(page);
    return page;
  }

  async saveArtifacts() {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [i, { page, name, log }] of this.pages.entries()) {
      const base = join(ARTIFACTS, `${this.name}-${i}-${name}`);
      writeFileSync(`${base}.console.log`, log.join('\n') + '\n');
      try {
        await page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 5000 });
      } catch (err) {
        writeFileSync(`${base}.screenshot-error.txt`, String(err));
      }
    }
  }

  async close() {
    for (const { context } of this.pages) await context.close().catch(() => {});
  }
}

/** Runs `body(session)` and saves artifacts when it throws. */
export async function withSession(browser, name, body) {
  const session = new Session(browser, name);
  try {
    await body(session);
  } catch (err) {
    await session.saveArtifacts();
    throw err;
  } finally {
    await session.close();
  }
}

export async function clickJoin(page) {
  await page.getByRole('button', { name: 'Join' }).click();
}

export async function waitJoined(page, timeoutMs = 15000) {
  await page.waitForFunction(() => window.junction.joined, null, { timeout: timeoutMs });
}

/** Snapshot of inbound media counters across all of the page's peer connections. */
export function inboundSnapshot(page) {
  return page.evaluate(async () => {
    const out = { video: {}, audio: {} };
    for (const pc of window.junction.pcs()) {
      const report = await pc.getStats();
      report.forEach((s) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'video') {
          out.video[s.id] = { frames: s.framesDecoded || 0, width: s.frameWidth || 0, height: s.frameHeight || 0 };
        } else if (s.kind === 'audio') {
          out.audio[s.id] = { samples: s.totalSamplesReceived || 0, packets: s.packetsReceived || 0 };
        }
      });
    }
    return out;
  });
}

/** Counts streams whose counters grew between two snapshots. */
export function flowing(before, after) {
  const video = Object.keys(after.video)
      .filter((k) => after.video[k].frames > (before.video[k]?.frames ?? 0)).length;
  const audio = Object.keys(after.audio)
      .filter((k) => after.audio[k].samples > (before.audio[k]?.samples ?? 0) ||
                     after.audio[k].packets > (before.audio[k]?.packets ?? 0)).length;
  return { video, audio };
}

/**
 * Waits until at least `video` remote videos keep decoding frames and `audio` remote audios
 * keep receiving, measured over consecutive one-second getStats samples.
 */
export async function expectMediaFlowing(page, { video, audio }, timeoutMs = 30000) {
  let before = await inboundSnapshot(page);
  let seen = { video: 0, audio: 0 };
  await waitFor(() => `${video} video + ${audio} audio streams flowing (last seen ${JSON.stringify(seen)})`, async () => {
    await new Promise((r) => setTimeout(r, 1000));
    const after = await inboundSnapshot(page);
    const error = await page.evaluate(() => window.junction.lastError);
    if (error.startsWith('Negotiation failed')) throw new FatalError(`page reports: ${error}`);
    seen = flowing(before, after);
    before = after;
    return seen.video >= video && seen.audio >= audio;
  }, { timeoutMs, intervalMs: 0 });
  return seen;
}

export function tiles(page) {
  return page.evaluate(() => window.junction.tiles);
}

export function participantId(page) {
  return page.evaluate(() => window.junction.id);
}
