// Classic socket.io clients against Junction's /socket.io/ front, as the classic room pages use
// socket.io-client. Usage: node classic.mjs PORT SCENARIO TRANSPORT
//   SCENARIO: positional | object | codelab | mixed | errors (p2p rooms)
//             sfu-positional | sfu-object | sfu-codelab (sfu rooms: the server is the single peer)
//   TRANSPORT: websocket | polling | upgrade (polling first, then the WebSocket upgrade)
// Prints one "ok ..." line per check and "PASS" at the end; exits 1 with the reason otherwise.
// Every wait has a deadline; nothing sleeps.
import { io } from 'socket.io-client';
import WebSocket from 'ws';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const [, , port, scenario, transport] = process.argv;
const BASE = `http://127.0.0.1:${port}`;
const WAIT_MS = 5000;
const open = [];

function transportOptions() {
  switch (transport) {
    case 'websocket': return { transports: ['websocket'] };
    case 'polling': return { transports: ['polling'], upgrade: false };
    case 'upgrade': return { transports: ['polling', 'websocket'], upgrade: true };
    default: throw new Error(`unknown transport ${transport}`);
  }
}

/** Records every event so a test can wait for the next one of a name (in arrival order). */
class Inbox {
  constructor() { this.items = []; this.waiters = []; }
  push(event, args) { this.items.push({ event, args }); this.drain(); }
  drain() {
    for (const w of [...this.waiters]) {
      const i = this.items.findIndex((it) => it.event === w.event);
      if (i >= 0) {
        const [it] = this.items.splice(i, 1);
        clearTimeout(w.timer);
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(it.args);
      }
    }
  }
  next(event, who) {
    return new Promise((resolve, reject) => {
      const w = { event, resolve };
      w.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error(`${who}: no '${event}' within ${WAIT_MS} ms; got ${JSON.stringify(this.items)}`));
      }, WAIT_MS);
      this.waiters.push(w);
      this.drain();
    });
  }
  none(event, who) {
    const hit = this.items.find((it) => it.event === event);
    assert.equal(hit, undefined, `${who}: unexpected '${event}' ${JSON.stringify(hit)}`);
  }
}

async function client(name, extra = {}) {
  const s = io(BASE, { ...transportOptions(), reconnection: false, forceNew: true, ...extra });
  s.inbox = new Inbox();
  s.label = name;
  s.onAny((event, ...args) => s.inbox.push(event, args));
  s.next = (event) => s.inbox.next(event, name);
  open.push(() => s.disconnect());
  await new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${name}: no connect within ${WAIT_MS} ms`)), WAIT_MS);
    s.once('connect', () => { clearTimeout(t); resolve(); });
    s.once('connect_error', (e) => { clearTimeout(t); reject(new Error(`${name}: connect_error ${e.message}`)); });
  });
  if (transport === 'upgrade') {
    await new Promise((resolve, reject) => {
      if (s.io.engine.transport.name === 'websocket') return resolve();
      const t = setTimeout(() => reject(new Error(`${name}: no upgrade within ${WAIT_MS} ms`)), WAIT_MS);
      s.io.engine.once('upgrade', () => { clearTimeout(t); resolve(); });
    });
  }
  assert.equal(s.io.engine.transport.name, transport === 'polling' ? 'polling' : 'websocket');
  return s;
}

/** A participant of the plain WebSocket front (/ws, PROTOCOL.md). */
async function wsClient(name) {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  ws.inbox = new Inbox();
  ws.on('message', (text) => { const m = JSON.parse(text.toString()); ws.inbox.push(m.type, m); });
  ws.next = (type) => ws.inbox.next(type, name);
  ws.sendJson = (o) => ws.send(JSON.stringify(o));
  open.push(() => ws.close());
  await new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); });
  return ws;
}

const ok = (what) => console.log(`ok ${scenario}/${transport}: ${what}`);
const room = (prefix) => `${prefix}-${transport}`;

async function positional() {
  const r = room('pos');
  const a = await client('A'), b = await client('B'), c = await client('C');
  a.emit('join', r);
  const [r1, aId] = await a.next('joined');
  assert.equal(r1, r); assert.equal(typeof aId, 'string');
  b.emit('join', r);
  const [r2, bId] = await b.next('joined');
  assert.equal(r2, r); assert.notEqual(bId, aId);
  assert.deepEqual(await a.next('otherjoin'), [r, bId]);
  ok('join, joined(room, id), otherjoin(room, id)');
  a.emit('message', r, { type: 'offer', sdp: 'v=0 offer-from-a' });
  assert.deepEqual(await b.next('message'), [r, { type: 'offer', sdp: 'v=0 offer-from-a' }]);
  b.emit('message', r, { type: 'answer', sdp: 'v=0 answer-from-b' });
  assert.deepEqual(await a.next('message'), [r, { type: 'answer', sdp: 'v=0 answer-from-b' }]);
  const cand = { type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host' };
  b.emit('message', r, cand);
  assert.deepEqual(await a.next('message'), [r, cand]);
  a.emit('message', r, 'got user media');
  assert.deepEqual(await b.next('message'), [r, 'got user media']);
  ok('message(room, data) relayed both ways (offer, answer, candidate, string)');
  c.emit('join', r);
  assert.deepEqual(await c.next('full'), [r, c.id]);
  ok('full(room, socketId)');
  b.emit('leave', r);
  assert.deepEqual(await b.next('leaved'), [r, bId]);
  assert.deepEqual(await a.next('bye'), [r, bId]);
  b.inbox.none('bye', 'B');
  ok('leave: leaver gets leaved(room, id), the other bye(room, id)');
  c.emit('join', r);
  const [, cId] = await c.next('joined');
  assert.deepEqual(await a.next('otherjoin'), [r, cId]);
  c.disconnect();
  assert.deepEqual(await a.next('bye'), [r, cId]);
  a.inbox.none('otherjoin', 'A');
  ok('disconnect: the other gets bye(room, id)');
}

async function object() {
  const r = room('obj');
  const a = await client('A'), b = await client('B'), c = await client('C');
  a.emit('join', { roomId: r });
  assert.deepEqual(await a.next('joined'), [{ roomId: r, userNum: 1 }]);
  b.emit('join', { roomId: r });
  assert.deepEqual(await b.next('joined'), [{ roomId: r, userNum: 2 }]);
  const [other] = await a.next('otherjoined');
  assert.equal(other.roomId, r); assert.equal(typeof other.userId, 'string');
  const bId = other.userId;
  ok('join({roomId}), joined({roomId, userNum}), otherjoined({roomId, userId})');
  a.emit('message', { roomId: r, data: { type: 'offer', sdp: 'v=0 a' } });
  assert.deepEqual(await b.next('message'), [{ type: 'offer', sdp: 'v=0 a' }]);
  b.emit('message', { roomId: r, data: { type: 'answer', sdp: 'v=0 b' } });
  assert.deepEqual(await a.next('message'), [{ type: 'answer', sdp: 'v=0 b' }]);
  b.emit('message', { roomId: r, data: { candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 } });
  assert.deepEqual(await a.next('message'), [{ candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host', sdpMid: '0', sdpMLineIndex: 0 }]);
  ok('message({roomId, data}) relayed both ways as message(data)');
  c.emit('join', { roomId: r });
  assert.deepEqual(await c.next('full'), [{ roomId: r, userNum: 2 }]);
  ok('full({roomId, userNum})');
  b.emit('leave', { roomId: r });
  assert.deepEqual(await b.next('leaved'), [{ roomId: r }]);
  assert.deepEqual(await a.next('bye'), [{ roomId: r, userId: bId }]);
  ok('leave: leaved({roomId}), others bye({roomId, userId})');
  b.emit('join', { roomId: r });
  assert.deepEqual(await b.next('joined'), [{ roomId: r, userNum: 2 }]);
  const [again] = await a.next('otherjoined');
  b.disconnect();
  assert.deepEqual(await a.next('bye'), [{ roomId: r, userId: again.userId }]);
  ok('disconnect: others bye({roomId, userId})');
}

async function codelab() {
  const r = room('lab');
  const a = await client('A'), b = await client('B'), c = await client('C');
  a.emit('create or join', r);
  const [r1, aId] = await a.next('created');
  assert.equal(r1, r); assert.equal(typeof aId, 'string');
  b.emit('create or join', r);
  const [r2, bId] = await b.next('joined');
  assert.equal(r2, r);
  assert.deepEqual(await a.next('join'), [r]);
  ok('create or join: created(room, id), joined(room, id), join(room) to the room');
  b.emit('message', 'got user media');
  assert.deepEqual(await a.next('message'), ['got user media']);
  a.emit('message', { type: 'offer', sdp: 'v=0 a' });
  assert.deepEqual(await b.next('message'), [{ type: 'offer', sdp: 'v=0 a' }]);
  b.emit('message', { type: 'answer', sdp: 'v=0 b' });
  assert.deepEqual(await a.next('message'), [{ type: 'answer', sdp: 'v=0 b' }]);
  b.emit('message', { type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' });
  assert.deepEqual(await a.next('message'), [{ type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 1 127.0.0.1 9 typ host' }]);
  ok('message(msg) relayed both ways');
  c.emit('create or join', r);
  assert.deepEqual(await c.next('full'), [r]);
  ok('full(room)');
  b.emit('bye');
  b.disconnect();
  assert.deepEqual(await a.next('bye'), [r, bId]);
  a.inbox.none('error', 'A');
  ok('disconnect: the other gets bye(room, id)');
}

async function mixed() {
  const r = room('mix');
  const a = await client('A');
  const w = await wsClient('W');
  a.emit('join', r);
  const [, aId] = await a.next('joined');
  w.sendJson({ type: 'join', room: r, name: 'web' });
  const joined = await w.next('joined');
  assert.equal(joined.mode, 'p2p');
  assert.deepEqual(joined.peers.map((p) => p.id), [aId]);
  assert.deepEqual(await a.next('otherjoin'), [r, joined.id]);
  ok('a /ws joiner shows in the socket.io client\'s otherjoin; the socket.io one in /ws peers');
  w.sendJson({ type: 'message', room: r, data: { type: 'offer', sdp: 'v=0 w' } });
  assert.deepEqual(await a.next('message'), [r, { type: 'offer', sdp: 'v=0 w' }]);
  a.emit('message', r, { type: 'answer', sdp: 'v=0 a' });
  const m1 = await w.next('message');
  assert.equal(m1.from, aId); assert.deepEqual(m1.data, { type: 'answer', sdp: 'v=0 a' });
  a.emit('message', r, 'got user media');
  const m2 = await w.next('message');
  assert.deepEqual(m2.data, { type: 'classic', value: 'got user media' });
  w.sendJson({ type: 'message', room: r, data: { type: 'classic', value: 'bye' } });
  assert.deepEqual(await a.next('message'), [r, 'bye']);
  ok('relay across fronts both ways (objects as they are, other payloads as {type:classic,value})');
  w.sendJson({ type: 'leave', room: r });
  await w.next('leaved');
  assert.deepEqual(await a.next('bye'), [r, joined.id]);
  w.sendJson({ type: 'join', room: r });
  const again = await w.next('joined');
  assert.deepEqual(await a.next('otherjoin'), [r, again.id]);
  const o = await client('O');
  o.emit('join', { roomId: r });
  assert.deepEqual(await o.next('full'), [{ roomId: r, userNum: 2 }]);
  a.disconnect();
  const bye = await w.next('bye');
  assert.equal(bye.id, aId);
  ok('/ws leave is a socket.io bye; socket.io disconnect is a /ws bye; full counts both fronts');
}

async function errors() {
  const a = await client('A');
  const errorOf = async (s) => (await s.next('error'))[0];
  a.emit('message', 'nowhere', 'x');
  assert.equal((await errorOf(a)).code, 'not-in-room');
  a.emit('join', true);
  assert.equal((await errorOf(a)).code, 'bad-message');
  a.emit('shout', 'x');
  const unknown = await errorOf(a);
  assert.equal(unknown.code, 'bad-message'); assert.equal(unknown.ref, 'shout');
  a.emit('join', 'bad room name!');
  assert.equal((await errorOf(a)).code, 'bad-message');
  ok('not-in-room, bad-message (shape, unknown event, room name)');
  const r = room('err');
  a.emit('join', r);
  const [, aId] = await a.next('joined');
  a.emit('join', { roomId: r });
  const dialect = await errorOf(a);
  assert.equal(dialect.code, 'bad-message'); assert.match(dialect.message, /positional dialect/);
  a.emit('message', r, 'x'.repeat(5000));
  assert.equal((await errorOf(a)).code, 'too-large');
  a.emit('leave', r);
  assert.deepEqual(await a.next('leaved'), [r, aId]);
  ok('a second dialect is refused; too-large keeps the connection usable');
  // The server's rate clock is frozen: a connection has 100 messages in all.
  const f = await client('F');
  for (let i = 0; i < 101; i++) f.emit('shout');
  for (let i = 0; i < 100; i++) assert.equal((await errorOf(f)).code, 'bad-message');
  assert.equal((await errorOf(f)).code, 'rate-limited');
  ok('rate-limited after the burst');
}

// A Chrome offer (sendrecv audio + video; Opus and VP8 only, to fit the test's 4 KiB frames), CRLF line ends.
const OFFER = readFileSync('classic-offer.sdp', 'utf8').replace(/\r?\n/g, '\r\n');
const count = (text, part) => text.split(part).length - 1;

/**
 * One dialect in an sfu room: the classic client sees the server as its one peer ('sfu') right
 * after joining, offers, and gets the answer in its dialect's message shape: both sections
 * sendrecv, the speaker-following stream in them. A /ws participant of the room is offered the
 * classic client's tracks, and its joins and leaves are not shown to the classic client.
 * Candidates (any shape) and strings are accepted without an error.
 */
async function sfuDialect(dialect) {
  const r = room(`sfu-${dialect}`);
  const a = await client('A');
  let aId;
  let send;
  let answerOf;
  if (dialect === 'positional') {
    a.emit('join', r);
    const [r1, id] = await a.next('joined');
    assert.equal(r1, r); aId = id;
    assert.deepEqual(await a.next('otherjoin'), [r, 'sfu']);
    send = (data) => a.emit('message', r, data);
    answerOf = async () => { const [r2, data] = await a.next('message'); assert.equal(r2, r); return data; };
  } else if (dialect === 'object') {
    a.emit('join', { roomId: r });
    assert.deepEqual(await a.next('joined'), [{ roomId: r, userNum: 1 }]);
    assert.deepEqual(await a.next('otherjoined'), [{ roomId: r, userId: 'sfu' }]);
    send = (data) => a.emit('message', { roomId: r, data });
    answerOf = async () => (await a.next('message'))[0];
  } else {
    a.emit('create or join', r);
    const [r1, id] = await a.next('created');
    assert.equal(r1, r); aId = id;
    assert.deepEqual(await a.next('join'), [r]);
    assert.deepEqual(await a.next('message'), ['got user media']);
    send = (data) => a.emit('message', data);
    answerOf = async () => (await a.next('message'))[0];
  }
  ok('joined, then the server as the one other peer');
  send('got user media');
  send({ type: 'offer', sdp: OFFER });
  const answer = await answerOf();
  assert.equal(answer.type, 'answer');
  assert.equal(count(answer.sdp, 'a=sendrecv'), 2, answer.sdp);
  assert.equal(count(answer.sdp, 'a=msid:junction-speaker '), 2, answer.sdp);
  ok('the offer is answered in the dialect\'s message shape: sendrecv, one speaker stream');
  send({ type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host' });
  send({ candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 });
  const w = await wsClient('W');
  w.sendJson({ type: 'join', room: r, name: 'web' });
  const joined = await w.next('joined');
  assert.equal(joined.mode, 'sfu');
  const offer = (await w.next('message')).data;
  assert.equal(offer.type, 'offer');
  const classicId = joined.peers[0].id;
  if (aId) assert.equal(classicId, aId);
  assert.equal(count(offer.sdp, `a=msid:${classicId} `), 2, offer.sdp);
  ok('its tracks are published: a /ws participant is offered them');
  w.sendJson({ type: 'leave', room: r });
  await w.next('leaved');
  a.inbox.none('otherjoin', 'A'); a.inbox.none('otherjoined', 'A'); a.inbox.none('bye', 'A');
  a.inbox.none('error', 'A'); a.inbox.none('message', 'A');
  ok('no peer events for other members, no error for candidates and strings');
  if (dialect === 'codelab') {
    a.disconnect();
  } else {
    a.emit('leave', dialect === 'object' ? { roomId: r } : r);
    await a.next('leaved');
    ok('leave: leaved');
  }
}

const sfuPositional = () => sfuDialect('positional');
const sfuObject = () => sfuDialect('object');
const sfuCodelab = () => sfuDialect('codelab');

const scenarios = {
  positional, object, codelab, mixed, errors,
  'sfu-positional': sfuPositional, 'sfu-object': sfuObject, 'sfu-codelab': sfuCodelab,
};
const run = scenarios[scenario];
if (!run) {
  console.error(`unknown scenario ${scenario}`);
  process.exit(2);
}
// No process.exit on the way out: a long-polling client's goodbye is an HTTP request that must
// leave before node ends, so node exits by itself once every socket is closed.
try {
  await run();
  console.log('PASS');
} catch (e) {
  console.error(`FAIL ${scenario}/${transport}: ${e.stack || e}`);
  process.exitCode = 1;
}
for (const close of open) close();
