// A data-only participant on werift (an independent WebRTC stack in TypeScript: its own ICE,
// DTLS and SCTP) speaking Junction's WebSocket signaling (docs/PROTOCOL.md): join, offer one
// data section, answer the server's re-offers, open channels and record what arrives.
import { RTCPeerConnection } from 'werift';
import WebSocket from 'ws';

/**
 * Joins `room` at the server `base` (http://host:port) as `name`; returns a handle with
 * `id`, `open(label, init)`, `received(label)`, `opened(label)` and `close()`.
 */
export async function joinWerift(base, room, name, log = []) {
  const ws = new WebSocket(base.replace(/^http/, 'ws') + '/ws');
  let pc;
  try {
    return await negotiate(ws, room, name, log, (p) => { pc = p; });
  } catch (err) {
    // a failed join must not leave sockets or timers that keep the test process alive
    try { ws.terminate(); } catch { /* gone */ }
    await pc?.close().catch(() => {});
    throw err;
  }
}

async function negotiate(ws, room, name, log, created) {
  const queue = [];
  const waiters = [];
  ws.on('message', (raw) => {
    const msg = JSON.parse(raw.toString());
    log.push(`[${new Date().toISOString()}] <- ${msg.type}${msg.data ? ' ' + msg.data.type : ''}`);
    const w = waiters.findIndex((x) => x.match(msg));
    if (w >= 0) waiters.splice(w, 1)[0].resolve(msg); else queue.push(msg);
  });
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  const next = (match, ms = 20000) => {
    const i = queue.findIndex(match);
    if (i >= 0) return Promise.resolve(queue.splice(i, 1)[0]);
    return new Promise((resolve, reject) => {
      const w = { match };
      const timer = setTimeout(() => {
        const k = waiters.indexOf(w);
        if (k >= 0) { waiters.splice(k, 1); reject(new Error(`werift ${name}: no matching message in ${ms} ms`)); }
      }, ms);
      w.resolve = (msg) => { clearTimeout(timer); resolve(msg); };
      waiters.push(w);
    });
  };
  const send = (obj) => ws.send(JSON.stringify(obj));
  send({ type: 'join', room, name });
  const joined = await next((m) => m.type === 'joined' || m.type === 'error' || m.type === 'full');
  if (joined.type !== 'joined') throw new Error(`werift ${name}: join refused: ${JSON.stringify(joined)}`);

  const pc = new RTCPeerConnection({ bundlePolicy: 'max-bundle' });
  created(pc);
  const got = {};
  const opened = {};
  const channels = {};
  const watch = (ch) => {
    channels[ch.label] = ch;
    opened[ch.label] = { ordered: ch.ordered, maxRetransmits: ch.maxRetransmits ?? null,
      maxPacketLifeTime: ch.maxPacketLifeTime ?? null };
    const list = (got[ch.label] ??= []);
    ch.onMessage.subscribe((data) => list.push(data));
  };
  pc.onDataChannel.subscribe(watch);

  // The server's side of the negotiation (PROTOCOL.md "Negotiation in an sfu room"): answers to
  // our offer, and offers of its own, which a data-only peer answers as they come. This peer is
  // not a full perfect-negotiation client: when the room already has publishers it first answers
  // the server's offer of their tracks, then offers its data section, so the two never cross.
  let answered;
  const gotAnswer = new Promise((resolve) => { answered = resolve; });
  let serverOffers = 0;
  const onServerOffer = [];
  ws.on('message', async (raw) => {
    const msg = JSON.parse(raw.toString());
    if (msg.type !== 'message' || msg.from !== 'sfu') return;
    try {
      if (msg.data.type === 'answer') {
        await pc.setRemoteDescription({ type: 'answer', sdp: msg.data.sdp });
        answered();
      } else if (msg.data.type === 'offer') {
        await pc.setRemoteDescription({ type: 'offer', sdp: msg.data.sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        send({ type: 'message', room, data: { type: 'answer', sdp: pc.localDescription.sdp } });
        serverOffers++;
        onServerOffer.splice(0).forEach((f) => f());
      }
    } catch (err) {
      log.push(`werift ${name}: negotiation failed: ${err.stack || err}`);
    }
  });
  if (joined.peers.length > 0 && serverOffers === 0) {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`werift ${name}: no offer from the server`)), 20000);
      onServerOffer.push(() => { clearTimeout(timer); resolve(); });
    });
  }
  const chat = pc.createDataChannel('chat');
  watch(chat);
  await pc.setLocalDescription(await pc.createOffer());
  send({ type: 'message', room, data: { type: 'offer', sdp: pc.localDescription.sdp } });
  await gotAnswer;
  await waitOpen(chat, 'chat');

  return {
    id: joined.id,
    async open(label, init = {}) {
      const ch = pc.createDataChannel(label, init);
      watch(ch);
      await waitOpen(ch, label);
      return ch;
    },
    channel: (label) => channels[label],
    states: () => Object.values(channels).map((c) => `${c.label}#${c.id}:${c.readyState}:${c.bufferedAmount}`).join(' '),
    received: (label) => got[label] ?? [],
    opened: (label) => opened[label] ?? null,
    async close() {
      try { ws.close(); } catch { /* gone */ }
      await pc.close().catch(() => {});
    },
  };
}

function waitOpen(ch, label, ms = 30000) {
  if (ch.readyState === 'open') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`werift channel ${label} did not open (${ch.readyState})`)), ms);
    ch.stateChanged.subscribe((s) => { if (s === 'open') { clearTimeout(timer); resolve(); } });
  });
}
