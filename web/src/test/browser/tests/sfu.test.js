// Scenarios 1–7 in sfu rooms: every browser has one peer connection to the server.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SFU_URL, launchBrowser, withSession } from '../lib/harness.js';
import * as s from '../lib/scenarios.js';

describe('sfu room', { timeout: 600000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  const run = (name, body) => test(name, { timeout: 120000 }, () => withSession(browser, `sfu-${name}`, body));

  run('1 two participants exchange audio and video', async (session) => {
    const pages = await s.conference(session, SFU_URL, 2);
    for (const page of pages) {
      const info = await page.evaluate(() => ({
        mode: window.junction.mode,
        pcs: window.junction.pcs().length,
        bundle: window.junction.pcs()[0].getConfiguration().bundlePolicy,
      }));
      assert.deepEqual(info, { mode: 'sfu', pcs: 1, bundle: 'max-bundle' });
    }
  });
  run('2 four participants', (session) => s.conference(session, SFU_URL, 4));
  run('3 one leaves, another joins', (session) => s.leaveAndJoin(session, SFU_URL));
  run('4 chat reaches everyone', (session) => s.chat(session, SFU_URL, 3));
  run('5 camera and mic mute shown to others', (session) => s.muteCamera(session, SFU_URL));
  run('6 screen share reaches the others', (session) => s.screenShare(session, SFU_URL));
  run('7 reload rejoins and media resumes', (session) => s.reload(session, SFU_URL));
  run('server unreachable, then dropped: page reconnects and rejoins', (session) => s.reconnect(session, SFU_URL));
  run('negotiation failure is shown', (session) => s.negotiationFailure(session, SFU_URL));
  run('watch-only participant (camera/mic permission denied) still receives', (session) =>
    s.watchOnly(session, SFU_URL));
});
