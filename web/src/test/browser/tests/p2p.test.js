// Scenario 8 (p2p media), 9 (room full) and the page features exercised in p2p rooms.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ARTIFACTS, P2P_URL, launchBrowser, withSession, waitJoined, waitFor, uniqueRoom } from '../lib/harness.js';
import * as s from '../lib/scenarios.js';

// Addresses of the test namespace (run-in-netns.sh: lo and a veth pair with both ends inside).
const NAMESPACE_ADDRESSES = (process.env.JUNCTION_NAMESPACE_ADDRESSES || '127.0.0.1').split(/\s+/);

describe('p2p room', { timeout: 600000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  const run = (name, body) => test(name, { timeout: 120000 }, () => withSession(browser, `p2p-${name}`, body));

  run('8 two participants, media flows peer to peer', async (session) => {
    const pages = await s.conference(session, P2P_URL, 2);
    for (const page of pages) {
      const info = await page.evaluate(async () => {
        const pcs = window.junction.pcs();
        const report = await pcs[0].getStats();
        let pair = null;
        report.forEach((r) => { if (r.type === 'candidate-pair' && r.nominated && r.state === 'succeeded') pair = r; });
        const remote = pair && report.get(pair.remoteCandidateId);
        return { mode: window.junction.mode, pcs: pcs.length, remote: remote && remote.address };
      });
      assert.equal(info.mode, 'p2p');
      assert.equal(info.pcs, 1, 'one peer connection, to the other browser');
      // The other browser's host candidate: loopback or the namespace's veth (both inside it).
      assert.ok(NAMESPACE_ADDRESSES.includes(info.remote),
          `media path stays inside the namespace (${info.remote} not in ${NAMESPACE_ADDRESSES})`);
    }
  });

  run('9 third participant is told the room is full', async (session) => {
    const room = uniqueRoom('full');
    await s.joinAll(session, P2P_URL, room, ['ann', 'bob']);
    const cat = await session.join(P2P_URL, room, 'cat');
    const notice = cat.locator('#notice');
    await waitFor('full notice', async () => /is full/.test(await notice.textContent()));
    assert.equal(await notice.isVisible(), true);
    assert.equal(await cat.evaluate(() => window.junction.joined), false);
    assert.equal(await cat.locator('#lobby').isVisible(), true, 'back in the lobby');
  });

  run('chat reaches the other peer', (session) => s.chat(session, P2P_URL, 2));
  run('camera and mic mute shown to the other peer', (session) => s.muteCamera(session, P2P_URL));
  run('screen share reaches the other peer', (session) => s.screenShare(session, P2P_URL));
  run('reload rejoins and media resumes', (session) => s.reload(session, P2P_URL));
  run('server unreachable, then dropped: page reconnects and rejoins', (session) => s.reconnect(session, P2P_URL));
  run('watch-only participant (camera/mic permission denied) still receives', (session) =>
    s.watchOnly(session, P2P_URL));

  run('layout screenshot with two participants', async (session) => {
    const [ann] = await s.joinAll(session, P2P_URL, uniqueRoom('shot'), ['ann', 'bob']);
    const pages = session.pages.map((p) => p.page);
    await s.expectFullMesh(pages);
    await ann.getByLabel('Message').fill('hi bob');
    await ann.getByRole('button', { name: 'Send' }).click();
    await s.expectFullMesh(pages); // let the stats overlay fill in
    await ann.screenshot({ path: `${ARTIFACTS}/p2p-two-participants.png` });
    await ann.setViewportSize({ width: 390, height: 844 });
    await ann.screenshot({ path: `${ARTIFACTS}/p2p-two-participants-phone.png`, fullPage: true });
  });
});
