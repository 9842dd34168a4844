// Scenarios shared by the sfu and p2p suites. Each takes a Session and a server base URL.
import assert from 'node:assert/strict';
import {
  expectMediaFlowing, participantId, tiles, uniqueRoom, waitFor, waitJoined, inboundSnapshot,
} from './harness.js';

/** Joins `names` into one room; returns the pages once all joined. */
export async function joinAll(session, base, room, names) {
  const pages = [];
  for (const name of names) {
    const page = await session.join(base, room, name);
    await waitJoined(page);
    pages.push(page);
  }
  return pages;
}

/** Every page sees exactly one tile per other participant, labelled with the name. */
export async function expectTiles(pages, names) {
  const ids = await Promise.all(pages.map(participantId));
  for (const [i, page] of pages.entries()) {
    const others = ids.filter((_, j) => j !== i).sort();
    await waitFor(`tiles of ${names[i]} to be ${others}`, async () =>
      JSON.stringify((await tiles(page)).sort()) === JSON.stringify(others));
    for (const [j, id] of ids.entries()) {
      if (j === i) continue;
      const label = await page.locator(`.tile[data-peer-id="${id}"] .label`).textContent();
      assert.equal(label, names[j], `tile label of ${id} at ${names[i]}`);
    }
  }
}

/** All pages receive video and audio from every other participant. */
export async function expectFullMesh(pages, timeoutMs = 40000) {
  const others = pages.length - 1;
  await Promise.all(pages.map((p) => expectMediaFlowing(p, { video: others, audio: others }, timeoutMs)));
}

export async function conference(session, base, count) {
  const names = ['ann', 'bob', 'cat', 'dan', 'eve', 'fay'].slice(0, count);
  const pages = await joinAll(session, base, uniqueRoom(`conf${count}`), names);
  await expectTiles(pages, names);
  await expectFullMesh(pages);
  return pages;
}

export async function leaveAndJoin(session, base) {
  const room = uniqueRoom('churn');
  const [ann, bob, cat] = await joinAll(session, base, room, ['ann', 'bob', 'cat']);
  await expectFullMesh([ann, bob, cat]);
  await cat.getByRole('button', { name: 'Leave' }).click();
  await waitFor('cat to leave', async () => !(await cat.evaluate(() => window.junction.joined)));
  await expectTiles([ann, bob], ['ann', 'bob']);
  const dan = await session.join(base, room, 'dan');
  await waitJoined(dan);
  await expectTiles([ann, bob, dan], ['ann', 'bob', 'dan']);
  await expectFullMesh([ann, bob, dan]);
}

export async function chat(session, base, count) {
  const names = ['ann', 'bob', 'cat'].slice(0, count);
  const pages = await joinAll(session, base, uniqueRoom('chat'), names);
  await expectTiles(pages, names);
  const text = `hello from ann <b>${Date.now()}</b>`;
  await pages[0].getByLabel('Message').fill(text);
  await pages[0].getByRole('button', { name: 'Send' }).click();
  for (const [i, page] of pages.entries()) {
    const line = page.locator('#chat-log li', { hasText: text });
    await line.waitFor({ timeout: 10000 });
    const content = await line.textContent();
    assert.match(content, i === 0 ? /ann \(you\):/ : /ann:/, `sender name at ${names[i]}`);
    assert.match(content, /\d{1,2}:\d{2}/, `time shown at ${names[i]}`);
    assert.equal(await line.locator('b').count(), 0, 'chat text is not parsed as HTML');
  }
}

export async function muteCamera(session, base) {
  const [ann, bob] = await joinAll(session, base, uniqueRoom('mute'), ['ann', 'bob']);
  await expectFullMesh([ann, bob]);
  const annId = await participantId(ann);
  const tile = bob.locator(`.tile[data-peer-id="${annId}"]`);
  await ann.getByRole('button', { name: 'Stop camera' }).click();
  await waitFor('muted camera shown at bob', async () => (await tile.getAttribute('data-video-muted')) === 'true');
  assert.equal(await tile.locator('.cam-muted').isVisible(), true, 'camera-off badge visible');
  await ann.getByRole('button', { name: 'Mute mic' }).click();
  await waitFor('muted mic shown at bob', async () => (await tile.getAttribute('data-audio-muted')) === 'true');
  await ann.getByRole('button', { name: 'Start camera' }).click();
  await ann.getByRole('button', { name: 'Unmute mic' }).click();
  await waitFor('unmuted shown at bob', async () => (await tile.getAttribute('data-video-muted')) === 'false' &&
      (await tile.getAttribute('data-audio-muted')) === 'false');
  await expectMediaFlowing(bob, { video: 1, audio: 1 });
}

export async function screenShare(session, base) {
  const [ann, bob] = await joinAll(session, base, uniqueRoom('screen'), ['ann', 'bob']);
  await expectFullMesh([ann, bob]);
  const annId = await participantId(ann);
  const tile = bob.locator(`.tile[data-peer-id="${annId}"]`);
  const cameraSize = await videoSizes(bob);
  await ann.getByRole('button', { name: 'Share screen' }).click();
  await waitFor('ann sharing', async () =>
    (await ann.locator('#screen-button').getAttribute('aria-pressed')) === 'true', { timeoutMs: 10000 });
  await waitFor('screen badge at bob', async () => (await tile.getAttribute('data-screen')) === 'true');
  let screenSize = null;
  await waitFor(`screen resolution at bob (camera was ${cameraSize})`, async () => {
    const sizes = await videoSizes(bob);
    screenSize = sizes[0];
    return sizes.length > 0 && sizes[0] !== cameraSize[0] && sizes;
  });
  await expectMediaFlowing(bob, { video: 1, audio: 1 });
  await ann.getByRole('button', { name: 'Stop sharing' }).click();
  await waitFor('screen badge cleared at bob', async () => (await tile.getAttribute('data-screen')) === 'false');
  // The camera's resolution may have grown since the start (the sender's bandwidth estimate
  // ramps up), so "back" means: no longer the screen's resolution.
  await waitFor(`camera resolution back at bob (screen was ${screenSize})`, async () => {
    const sizes = await videoSizes(bob);
    return sizes.length > 0 && sizes[0] !== screenSize;
  });
  await expectMediaFlowing(bob, { video: 1, audio: 1 });
}

async function videoSizes(page) {
  const snap = await inboundSnapshot(page);
  return Object.values(snap.video).filter((v) => v.width > 0).map((v) => `${v.width}x${v.height}`);
}

export async function reload(session, base) {
  const [ann, bob] = await joinAll(session, base, uniqueRoom('reload'), ['ann', 'bob']);
  await expectFullMesh([ann, bob]);
  const oldId = await participantId(bob);
  await bob.reload();
  await bob.waitForFunction(() => window.junction && window.junction.joined, null, { timeout: 15000 });
  const newId = await participantId(bob);
  assert.notEqual(newId, oldId, 'a reload is a new participant');
  await expectTiles([ann, bob], ['ann', 'bob']);
  await expectFullMesh([ann, bob]);
}

/** Init script making getUserMedia fail like a refused permission prompt. */
function denyMedia() {
  navigator.mediaDevices.getUserMedia = () =>
    Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
}

export async function watchOnly(session, base) {
  const room = uniqueRoom('watch');
  const ann = await session.join(base, room, 'ann');
  await waitJoined(ann);
  const bob = await session.join(base, room, 'bob', { initScript: denyMedia });
  await waitJoined(bob);
  assert.match(await bob.evaluate(() => window.junction.lastError), /permission denied/);
  assert.match(await bob.locator('#notice').textContent(), /permission denied/);
  await expectTiles([ann, bob], ['ann', 'bob']);
  await expectMediaFlowing(bob, { video: 1, audio: 1 });
}

/**
 * The signaling socket is refused (server unreachable), then allowed, then dropped mid-call:
 * the page says so, reconnects with backoff, rejoins, and media resumes.
 */
export async function reconnect(session, base) {
  const room = uniqueRoom('reconnect');
  const ann = await session.join(base, room, 'ann');
  await waitJoined(ann);
  const gate = { open: false, live: [] };
  const bob = await session.join(base, room, 'bob', {
    setup: (page) => page.routeWebSocket(/\/ws$/, (ws) => {
      if (!gate.open) {
        ws.close({ code: 1011, reason: 'test: unreachable' });
        return;
      }
      gate.live.push({ ws, server: ws.connectToServer() });
    }),
  });
  await waitFor('unreachable notice', async () =>
    /unreachable/.test(await bob.evaluate(() => window.junction.lastError)));
  gate.open = true;
  await waitJoined(bob, 20000);
  await expectTiles([ann, bob], ['ann', 'bob']);
  await expectFullMesh([ann, bob]);
  const firstId = await participantId(bob);

  const { ws, server } = gate.live.at(-1);
  await server.close();
  await ws.close({ code: 1001, reason: 'test: dropped' });
  await waitFor('lost-connection notice', async () =>
    /lost/.test(await bob.evaluate(() => window.junction.lastError)));
  await waitFor('bob rejoined', async () => {
    const id = await participantId(bob);
    return id && id !== firstId;
  }, { timeoutMs: 20000 });
  await expectTiles([ann, bob], ['ann', 'bob']);
  await expectFullMesh([ann, bob]);
}

/** Wraps WebSocket.send so the page's first offer carries a broken SDP. */
function breakFirstOffer() {
  const send = WebSocket.prototype.send;
  let broken = false;
  WebSocket.prototype.send = function (text) {
    const msg = JSON.parse(text);
    if (!broken && msg.type === 'message' && msg.data && msg.data.type === 'offer') {
      broken = true;
      msg.data.sdp = 'v=0\r\nthis is not sdp\r\n';
      return send.call(this, JSON.stringify(msg));
    }
    return send.call(this, text);
  };
}

export async function negotiationFailure(session, base) {
  const page = await session.join(base, uniqueRoom('badsdp'), 'ann', { initScript: breakFirstOffer });
  await waitJoined(page);
  await waitFor('negotiation failure notice', async () =>
    /Negotiation failed \((bad-sdp|unsupported)\)/.test(await page.locator('#notice').textContent()));
  assert.equal(await page.locator('#notice').isVisible(), true);
}
