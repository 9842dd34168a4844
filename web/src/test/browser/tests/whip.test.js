// WHIP and WHEP from a page with fetch (no Junction page code): a WHIP publisher reaches a tab
// that joined the room through the page, and a WHEP viewer decodes that tab's media.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SFU_URL, launchBrowser, withSession, uniqueRoom, waitJoined, expectMediaFlowing, participantId, waitFor }
  from '../lib/harness.js';

/** In the page: one RTCPeerConnection, non-trickle offer POSTed to `path`; returns status and Location. */
async function httpSession(page, path, publish) {
  return page.evaluate(async ({ path, publish }) => {
    const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
    if (publish) {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      for (const t of stream.getTracks()) pc.addTransceiver(t, { direction: 'sendonly', streams: [stream] });
    } else {
      // Loopback candidates need media permission first (DESIGN.md), then recvonly transceivers.
      (await navigator.mediaDevices.getUserMedia({ audio: true })).getTracks().forEach((t) => t.stop());
      pc.addTransceiver('audio', { direction: 'recvonly' });
      pc.addTransceiver('video', { direction: 'recvonly' });
    }
    await pc.setLocalDescription(await pc.createOffer());
    await new Promise((resolve) => {
      if (pc.iceGatheringState === 'complete') resolve();
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
      setTimeout(resolve, 3000);
    });
    const resp = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/sdp' },
      body: pc.localDescription.sdp });
    const body = await resp.text();
    if (resp.status !== 201) return { status: resp.status, body };
    await pc.setRemoteDescription({ type: 'answer', sdp: body });
    window.httpPc = pc;
    return { status: 201, location: resp.headers.get('Location'), etag: resp.headers.get('ETag') };
  }, { path, publish });
}

/** Frames decoded and audio packets received on the page's WHEP connection. */
function whepInbound(page) {
  return page.evaluate(async () => {
    let frames = 0; let audio = 0;
    (await window.httpPc.getStats()).forEach((s) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') frames += s.framesDecoded || 0;
      if (s.type === 'inbound-rtp' && s.kind === 'audio') audio += s.packetsReceived || 0;
    });
    return { frames, audio };
  });
}

describe('whip and whep', { timeout: 300000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  test('a WHIP publisher page reaches a tab in the room, DELETE ends it', { timeout: 120000 }, () =>
    withSession(browser, 'whip-publish', async (session) => {
      const room = uniqueRoom('whip');
      const tab = await session.join(SFU_URL, room, 'viewer');
      await waitJoined(tab);
      const publisher = await session.join(SFU_URL, room, 'unused', { click: false });
      const res = await httpSession(publisher, `/whip/${room}?name=page-whip`, true);
      assert.equal(res.status, 201, JSON.stringify(res));
      assert.match(res.location, new RegExp(`^/whip/${room}/s/[0-9a-f]{32}$`));
      await expectMediaFlowing(tab, { video: 1, audio: 1 });
      const status = await publisher.evaluate(async (loc) => (await fetch(loc, { method: 'DELETE' })).status,
        res.location);
      assert.equal(status, 200);
    }));

  test('a WHEP viewer page decodes a tab that publishes', { timeout: 120000 }, () =>
    withSession(browser, 'whep-view', async (session) => {
      const room = uniqueRoom('whep');
      const tab = await session.join(SFU_URL, room, 'presenter');
      await waitJoined(tab);
      const id = await participantId(tab);
      const viewer = await session.join(SFU_URL, room, 'unused', { click: false });
      // The presenter's tracks must be published before the WHEP offer is answered.
      const res = await waitFor('the presenter published (WHEP answered with its tracks)', async () => {
        const r = await httpSession(viewer, `/whep/${room}/${id}?name=page-whep`, false);
        return r.status === 201 ? r : null;
      }, { timeoutMs: 20000, intervalMs: 500 });
      let before = await whepInbound(viewer);
      await waitFor(() => `WHEP media flowing (last ${JSON.stringify(before)})`, async () => {
        await new Promise((r) => setTimeout(r, 1000));
        const now = await whepInbound(viewer);
        const ok = now.frames > before.frames && now.audio > before.audio && now.frames > 10;
        before = now;
        return ok;
      }, { timeoutMs: 30000, intervalMs: 0 });
      const status = await viewer.evaluate(async (loc) => (await fetch(loc, { method: 'DELETE' })).status,
        res.location);
      assert.equal(status, 200);
    }));
});
