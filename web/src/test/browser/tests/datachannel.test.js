// Data channels through the SFU: the page's room-wide "chat" channel (PROTOCOL.md, "Data channels").
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SFU_URL, launchBrowser, participantId, uniqueRoom, waitFor, withSession } from '../lib/harness.js';
import { joinAll } from '../lib/scenarios.js';

describe('sfu data channels', { timeout: 300000 }, () => {
  let browser;
  before(async () => { browser = await launchBrowser(); });
  after(async () => { await browser?.close(); });

  test('two tabs exchange a chat message over the data channel', { timeout: 120000 }, () =>
    withSession(browser, 'datachannel-chat', async (session) => {
      const [ann, bob] = await joinAll(session, SFU_URL, uniqueRoom('dc'), ['ann', 'bob']);
      for (const page of [ann, bob]) {
        await waitFor('chat channel open', () => page.evaluate(() => window.junction.chatChannel === 'open'),
          { timeoutMs: 30000 });
      }
      const annId = await participantId(ann);
      const text = `over sctp ${Date.now()}`;
      await ann.getByLabel('Message').fill(text);
      await ann.getByRole('button', { name: 'Send' }).click();
      const line = bob.locator('#chat-log li', { hasText: text });
      await line.waitFor({ timeout: 15000 });
      assert.match(await line.textContent(), /ann:/);
      assert.equal((await ann.evaluate(() => window.junction.viaChannel)).sent, 1, 'sent on the channel');
      assert.equal((await bob.evaluate(() => window.junction.viaChannel)).received, 1, 'received on the channel');
      // And back, with the sender id in the envelope mapped to the name.
      await bob.getByLabel('Message').fill('reply');
      await bob.getByRole('button', { name: 'Send' }).click();
      await ann.locator('#chat-log li', { hasText: 'reply' }).waitFor({ timeout: 15000 });
      assert.equal((await ann.evaluate(() => window.junction.viaChannel)).received, 1);
      assert.ok(annId);
    }));
});
