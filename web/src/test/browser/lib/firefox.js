// Launches Debian's stock Firefox ESR, headless, through puppeteer-core over WebDriver BiDi
// (Playwright cannot drive stock Firefox). Fake camera and microphone come from prefs; the
// profile lives in a temp dir this module removes; the browser is ended by PID on close.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';

export const FIREFOX_PATH = process.env.JUNCTION_FIREFOX || '/usr/bin/firefox-esr';

/** Why Firefox tests cannot run here, or null when they can. */
export function firefoxMissing() {
  return existsSync(FIREFOX_PATH) ? null : `no ${FIREFOX_PATH} (apt-get install firefox-esr)`;
}

export const FIREFOX_PREFS = {
  // getUserMedia: synthetic devices (a moving test pattern and a tone), no prompt.
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0, // allowed: remote <video>/<audio> play without a gesture
  'media.autoplay.blocking_policy': 0,
  // ICE: host candidates, no mDNS obfuscation, no proxy. Firefox gathers only the address of the
  // default route's interface here (none at all without a default route) and pairs it only with
  // non-loopback remote candidates, so run-in-netns.sh adds a veth pair inside the namespace, a
  // default route over it, and makes the servers announce the veth address next to 127.0.0.1.
  'media.peerconnection.ice.default_address_only': false,
  'media.peerconnection.ice.no_host': false,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  'media.peerconnection.ice.proxy_only': false,
  'network.proxy.type': 0,
  // Quiet start inside an offline namespace.
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
};

/**
 * Launches Firefox; returns { browser, pid, close() }. close() asks Firefox to quit, ends the
 * process by PID if it lingers, and removes the profile directory.
 */
export async function launchFirefox() {
  const profile = mkdtempSync(join(tmpdir(), 'junction-firefox-'));
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: FIREFOX_PREFS,
      defaultViewport: { width: 1100, height: 760 },
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      timeout: 60000,
    });
  } catch (err) {
    rmSync(profile, { recursive: true, force: true });
    throw err;
  }
  const child = browser.process();
  const pid = child?.pid;
  const exited = child && child.exitCode === null && child.signalCode === null
    ? new Promise((r) => child.once('exit', r)) : Promise.resolve();
  let closed = false;
  // If this test process exits without close() (a failed hook, an uncaught error), Firefox
  // (puppeteer starts it in its own process group) and its profile go with it.
  process.once('exit', () => {
    if (closed) return;
    if (child && child.exitCode === null) signal(pid, 'SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  });
  return {
    browser,
    pid,
    version: () => browser.version(),
    async close() {
      if (closed) return;
      closed = true;
      const within = (ms) => new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), ms);
        exited.then(() => { clearTimeout(timer); resolve(true); });
      });
      await Promise.race([browser.close().catch(() => {}), within(10000)]);
      if (child && !(await within(0))) {
        signal(pid, 'SIGTERM');
        if (!(await within(5000))) {
          signal(pid, 'SIGKILL');
          await exited;
        }
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function signal(pid, name) {
  try { process.kill(pid, name); } catch { /* already gone */ }
}

/**
 * Opens a Firefox tab as participant `name` in `room` of the server at `base` and clicks Join;
 * `query` adds URL parameters (e.g. `simulcast=1`).
 */
export async function joinFirefox(browser, base, room, name, log, query = '') {
  const page = await browser.newPage();
  page.on('console', (m) => log.push(`[${new Date().toISOString()}] ${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => log.push(`[${new Date().toISOString()}] pageerror: ${e.stack || e}`));
  await page.goto(`${base}/?room=${encodeURIComponent(room)}&name=${encodeURIComponent(name)}`
      + (query ? `&${query}` : ''));
  await page.waitForFunction(() => window.junction !== undefined, { timeout: 15000 });
  await page.click('#join-button');
  await page.waitForFunction(() => window.junction.joined, { timeout: 15000 });
  return page;
}
