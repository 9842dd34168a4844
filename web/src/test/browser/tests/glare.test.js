// Crossing offers (glare) in sfu rooms, made deterministic by holding the page's outgoing offer
// until the server's next offer has arrived and then sending it ahead of handling that offer: the
// server receives the page's offer while its own is outstanding (it ignores the page's, PROTOCOL.md
// "Negotiation in an sfu room" step 4), and the page, the polite peer, rolls back and answers.
//  - At join the page says offerFirst (PROTOCOL.md 1.5), so the server sends nothing before its first
//    offer is answered: a held first offer stays held, nothing crosses it, and when released the join
//    completes in one exchange. (Chromium leaves a data channel whose introducing offer was rolled back
//    out of every later offer and then asks to negotiate after each answer, without end.)
//  - Mid-call: bob's ICE-restart offer crosses the server's offer of a newcomer's tracks; afterwards
//    media flows every way, the chat channel stays open and bob does not keep offering.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SFU_URL, expectMediaFlowing, launchBrowser, uniqueRoom, waitFor, waitJoined, withSession,
} from '../lib/harness.js';

/** Init script: window.__glare.arm() holds the next outgoing offer until the server's next offer. */
function crossNextOffer() {
  const Native = window.WebSocket;
  const glare = { armed: false, held: null, crossed: 0, offersSent: 0, serverOffers: 0 };
  glare.arm = () => { glare.armed = true; };
  glare.release = () => {
    if (glare.held === null) return false;
    glare.socket.sendNow(glare.held);
    glare.held = null;
    return true;
  };
  window.__glare = glare;
  const typeOf = (text) => {
    try {
      const m = JSON.parse(text);
      return m.type === 'message' && m.data ? m.data.type : m.type;
    } catch {
      return null;
    }
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      glare.socket = this;
      // Registered before the page's onmessage: runs first for each message.
      this.addEventListener('message', (ev) => {
        if (typeOf(ev.data) !== 'offer') return;
        glare.serverOffers++;
        if (glare.release()) glare.crossed++;
      });
    }

    sendNow(data) {
      return super.send(data);
    }

    send(data) {
      if (typeOf(data) === 'offer') {
        glare.offersSent++;
        if (glare.armed) {
          glare.armed = false;
          glare.held = data;
          return undefined;
        }
      }
      return super.send(data);
    }
  };
}
const INIT = { content: `(${crossNextOffer})();` };

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('sfu join: no server offer crosses the first offer; one exchange', { timeout: 120000 }, () =>
  withSession(browser, 'glare-join', async (session) => {
    const room = uniqueRoom('glare-join');
    const ann = await session.join(SFU_URL, room, 'ann');
    await waitJoined(ann);
    await waitFor('ann connected', () => ann.evaluate(() => window.junction.pcs()[0]?.connectionState === 'connected'));
    const bob = await session.join(SFU_URL, room, 'bob', { click: false, initScript: INIT });
    await bob.evaluate(() => window.__glare.arm());
    await bob.getByRole('button', { name: 'Join' }).click();
    await waitJoined(bob);
    // ann's media keeps flowing for two one-second samples while bob's first offer is held: the
    // server's initial grace (1 s) has passed and still nothing was offered to bob.
    await waitFor('bob offer held', () => bob.evaluate(() => window.__glare.held !== null));
    await expectMediaFlowing(ann, { video: 0, audio: 0 });
    await expectMediaFlowing(ann, { video: 0, audio: 0 });
    assert.equal(await bob.evaluate(() => window.__glare.serverOffers), 0, 'no server offer before the first offer');
    await bob.evaluate(() => window.__glare.release());
    await expectMediaFlowing(bob, { video: 1, audio: 1 });
    await expectMediaFlowing(ann, { video: 1, audio: 1 });
    await waitFor('bob chat channel open', () => bob.evaluate(() => window.junction.chatChannel === 'open'));
    const g = await bob.evaluate(() => ({ offersSent: window.__glare.offersSent, serverOffers: window.__glare.serverOffers }));
    assert.deepEqual(g, { offersSent: 1, serverOffers: 0 }, 'the room\'s tracks came in the answer to the first offer');
  }));

test('sfu mid-call: an ICE-restart offer crossing the server offer resolves; media every way', { timeout: 120000 }, () =>
  withSession(browser, 'glare-midcall', async (session) => {
    const room = uniqueRoom('glare-mid');
    const ann = await session.join(SFU_URL, room, 'ann');
    await waitJoined(ann);
    const bob = await session.join(SFU_URL, room, 'bob', { initScript: INIT });
    await waitJoined(bob);
    await expectMediaFlowing(bob, { video: 1, audio: 1 });
    await expectMediaFlowing(ann, { video: 1, audio: 1 });
    await waitFor('bob chat channel open', () => bob.evaluate(() => window.junction.chatChannel === 'open'));
    const before = await bob.evaluate(() => window.__glare.offersSent);
    await bob.evaluate(() => { window.__glare.arm(); window.junction.restartIce(); });
    await waitFor('bob offer held', () => bob.evaluate(() => window.__glare.held !== null));
    const cat = await session.join(SFU_URL, room, 'cat'); // publishing: the server offers cat's tracks to bob
    await waitJoined(cat);
    await waitFor('the crossing', () => bob.evaluate(() => window.__glare.crossed === 1), { timeoutMs: 20000 });
    await expectMediaFlowing(bob, { video: 2, audio: 2 });
    await expectMediaFlowing(ann, { video: 2, audio: 2 });
    await expectMediaFlowing(cat, { video: 2, audio: 2 });
    await waitFor('bob stable', () => bob.evaluate(() => window.junction.pcs()[0].signalingState === 'stable'));
    assert.equal(await bob.evaluate(() => window.junction.chatChannel), 'open');
    // The held offer, the restart offer again after the rollback, and at most one more.
    const offers = (await bob.evaluate(() => window.__glare.offersSent)) - before;
    assert.ok(offers <= 3, `bob sent ${offers} offers after the crossing`);
    assert.equal(await bob.evaluate(() => window.junction.lastError), '');
  }));
