// Glare at join, made deterministic: bob's page holds its first offer until the server's first offer
// (sent when the server's initial grace period ends) has arrived, then sends it ahead of handling the
// server's offer, so the server receives bob's offer while its own is outstanding (it ignores bob's,
// PROTOCOL.md "Negotiation in an sfu room" step 4) and bob, the polite peer, rolls back and answers.
// Afterwards both directions must carry media: bob receives ann and ann receives bob (a page whose
// local tracks were matched to the server's sendonly sections by the rollback never publishes).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  SFU_URL, expectMediaFlowing, launchBrowser, uniqueRoom, waitFor, waitJoined, withSession,
} from '../lib/harness.js';

/** Init script: the first outgoing offer waits for the server's first offer, then goes out first. */
function holdFirstOfferUntilServerOffer() {
  const Native = window.WebSocket;
  const glare = { held: null, serverOfferSeen: false, crossed: false };
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
      // Registered before the page's onmessage: runs first for each message.
      this.addEventListener('message', (ev) => {
        if (glare.serverOfferSeen || typeOf(ev.data) !== 'offer') return;
        glare.serverOfferSeen = true;
        if (glare.held !== null) {
          glare.crossed = true;
          super.send(glare.held);
          glare.held = null;
        }
      });
    }

    send(data) {
      if (!glare.serverOfferSeen && glare.held === null && typeOf(data) === 'offer') {
        glare.held = data;
        return undefined;
      }
      return super.send(data);
    }
  };
}

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

test('sfu join whose first offer crosses the server offer: media flows both ways', { timeout: 120000 }, () =>
  withSession(browser, 'glare', async (session) => {
    const room = uniqueRoom('glare');
    const ann = await session.join(SFU_URL, room, 'ann');
    await waitJoined(ann);
    await waitFor('ann connected', () => ann.evaluate(() => window.junction.pcs()[0]?.connectionState === 'connected'));
    const bob = await session.join(SFU_URL, room, 'bob', { initScript: { content: `(${holdFirstOfferUntilServerOffer})();` } });
    await waitJoined(bob);
    await waitFor('the crossing', () => bob.evaluate(() => window.__glare.crossed), { timeoutMs: 20000 });
    await expectMediaFlowing(bob, { video: 1, audio: 1 });
    await expectMediaFlowing(ann, { video: 1, audio: 1 });
    await waitFor('bob stable', () => bob.evaluate(() => window.junction.pcs()[0].signalingState === 'stable'));
    assert.equal(await bob.evaluate(() => window.junction.lastError), '');
  }));
