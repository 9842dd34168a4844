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

  // Issue 17: the server advertises a=max-message-size 261120 so that the largest message Chromium
  // may send still fits, with its sender envelope, the 262144 a Chromium receiver advertises.
  test('the largest message Chromium may send reaches another Chromium tab', { timeout: 120000 }, () =>
    withSession(browser, 'datachannel-max-message', async (session) => {
      const [ann, bob] = await joinAll(session, SFU_URL, uniqueRoom('dcmax'), ['ann', 'bob']);
      for (const page of [ann, bob]) {
        await waitFor('chat channel open', () => page.evaluate(() => window.junction.chatChannel === 'open'),
          { timeoutMs: 30000 });
      }
      const annId = await participantId(ann);
      await bob.evaluate(() => {
        window.bigReceived = [];
        window.junction.pcs()[0].addEventListener('datachannel', (e) => {
          if (e.channel.label !== 'big') return;
          e.channel.binaryType = 'arraybuffer';
          e.channel.onmessage = (m) => window.bigReceived.push(new Uint8Array(m.data));
        });
      });
      const sent = await ann.evaluate(async () => {
        const pc = window.junction.pcs()[0];
        const max = pc.sctp.maxMessageSize;
        const ch = pc.createDataChannel('big');
        ch.binaryType = 'arraybuffer';
        await new Promise((resolve, reject) => { ch.onopen = resolve; ch.onclose = reject; });
        const payload = new Uint8Array(max);
        for (let i = 0; i < max; i++) payload[i] = i % 251;
        ch.send(payload);
        let refused = null;
        try { ch.send(new Uint8Array(max + 1)); } catch (e) { refused = e.name; }
        return { max, refused };
      });
      assert.equal(sent.max, 261120, 'min(the server\'s 261120, what Chromium sends)');
      assert.equal(sent.refused, 'TypeError', 'larger messages are refused by send()');
      await waitFor('bob gets the message', () => bob.evaluate(() => window.bigReceived.length === 1),
        { timeoutMs: 30000 });
      const got = await bob.evaluate(() => {
        const m = window.bigReceived[0];
        const n = (m[0] << 8) | m[1];
        const from = new TextDecoder().decode(m.subarray(2, 2 + n));
        const body = m.subarray(2 + n);
        let intact = body.length === 261120;
        for (let i = 0; intact && i < body.length; i++) intact = body[i] === i % 251;
        return { total: m.length, from, intact };
      });
      assert.equal(got.from, annId);
      assert.ok(got.intact, 'payload intact');
      assert.ok(got.total <= 262144, `wrapped ${got.total} bytes fits Chromium's 262144`);
    }));

  // Targeted delivery (PROTOCOL.md, "Targeted delivery"): on a 'junction-to' channel a page names
  // the recipients; an unknown one is reported back to the sender.
  test('a junction-to channel delivers to the named tab and reports an unknown one', { timeout: 120000 }, () =>
    withSession(browser, 'datachannel-targeted', async (session) => {
      const [ann, bob] = await joinAll(session, SFU_URL, uniqueRoom('dcto'), ['ann', 'bob']);
      for (const page of [ann, bob]) {
        await waitFor('chat channel open', () => page.evaluate(() => window.junction.chatChannel === 'open'),
          { timeoutMs: 30000 });
      }
      const annId = await participantId(ann);
      const bobId = await participantId(bob);
      await bob.evaluate(() => {
        window.dm = { protocol: null, messages: [] };
        window.junction.pcs()[0].addEventListener('datachannel', (e) => {
          if (e.channel.label !== 'dm') return;
          window.dm.protocol = e.channel.protocol;
          e.channel.onmessage = (m) => window.dm.messages.push(m.data);
        });
      });
      const notices = await ann.evaluate(async (to) => {
        const ch = window.junction.pcs()[0].createDataChannel('dm', { protocol: 'junction-to' });
        const got = [];
        ch.onmessage = (m) => got.push(m.data);
        await new Promise((resolve, reject) => { ch.onopen = resolve; ch.onclose = reject; });
        ch.send(JSON.stringify({ to: ['nobody'], data: 'lost' }));
        ch.send(JSON.stringify({ to: [to], data: 'psst' }));
        const deadline = Date.now() + 15000;
        while (got.length < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        return got;
      }, bobId);
      assert.equal(notices.length, 1, 'one notice');
      assert.equal(JSON.parse(notices[0]).server, 'unknown-target');
      await waitFor('bob gets the addressed message', () => bob.evaluate(() => window.dm.messages.length === 1),
        { timeoutMs: 15000 });
      const dm = await bob.evaluate(() => window.dm);
      assert.equal(dm.protocol, 'junction-to', 'the server opened it with the sender\'s protocol');
      assert.deepEqual(JSON.parse(dm.messages[0]), { from: annId, data: 'psst' });
    }));
});
